import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { CLIENT_ROLES, type ClientRole } from '@app/auth';
import { Trim } from '@app/core';

export class CreateClientDto {
  @ApiProperty({ format: 'uuid', description: 'the police force or partner agency the system acts for' })
  @IsUUID('all', { message: 'must be an agency id (a UUID)' })
  agencyId: string;

  @ApiProperty({
    example: 'Cleveland Police Niche RMS',
    description: 'what the system is, for people to read',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({
    enum: CLIENT_ROLES,
    description: 'POLICE for a police agency’s system, PARTNER for any other partner agency’s',
  })
  @IsIn(CLIENT_ROLES, { message: `must be one of ${CLIENT_ROLES.join(', ')}` })
  role: ClientRole;
}

export class ListClientsQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be an agency id (a UUID)' })
  agencyId: string;
}

export class RevokeClientDto {
  @ApiProperty({ example: 'the force replaced its records system' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

// the answer to creating a client and to rotating its secret: the secret is shown this once
export class ClientSecretResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    example: 'fdc_3Jr9QwXkLm2PzA7b',
    description: 'public: the system sends it as its client_id',
  })
  clientId: string;

  @ApiProperty({
    description: 'shown once, never again (only its hash is kept): hand it to the system’s operator securely',
  })
  clientSecret: string;
}

export class ApiClientAgencyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Cleveland Police' })
  name: string;
}

export class ApiClientCreatorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

// a client as an admin reads it: never its secret
export class ApiClientDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'fdc_3Jr9QwXkLm2PzA7b' })
  clientId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: CLIENT_ROLES })
  role: string;

  @ApiProperty({ type: ApiClientAgencyDto })
  agency: ApiClientAgencyDto;

  @ApiProperty({
    format: 'uuid',
    description: 'the SYSTEM user the client acts as: what it submits is attributed to this id',
  })
  userId: string;

  @ApiProperty({ description: 'false once revoked' })
  active: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ type: ApiClientCreatorDto })
  createdBy?: ApiClientCreatorDto;

  @ApiPropertyOptional({ format: 'date-time' })
  secretRotatedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  revokedAt?: string;
}

export class ClientRevokeResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  clientId: string;

  @ApiProperty({ format: 'date-time', description: 'its tokens stopped working at this moment' })
  revokedAt: string;
}
