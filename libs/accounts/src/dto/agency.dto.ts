import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AGENCY_KINDS, type AgencyKind } from '@app/access';
import { Trim } from '@app/core';

const KIND_MESSAGE = `must be one of ${AGENCY_KINDS.join(', ')}`;

export class CreateAgencyDto {
  @ApiProperty({ example: 'Acklam Primary School', description: 'unique, whatever the case' })
  @Trim()
  @IsString()
  @Length(2, 200, { message: 'must be 2 to 200 characters' })
  name: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS, { message: KIND_MESSAGE })
  kind: AgencyKind;
}

export class UpdateAgencyDto {
  @ApiPropertyOptional({ example: 'Acklam Primary Academy' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(2, 200, { message: 'must be 2 to 200 characters' })
  name?: string;

  @ApiPropertyOptional({
    enum: AGENCY_KINDS,
    description: 'only to a kind every user of the agency fits (issue 14 item 2 role rules)',
  })
  @IsOptional()
  @IsIn(AGENCY_KINDS, { message: KIND_MESSAGE })
  kind?: AgencyKind;
}

export class AgencyViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'MACH' })
  name: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  kind: AgencyKind;

  @ApiProperty({ description: 'people of the agency who may sign in' })
  activeUsers: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class AgencyPageDto {
  @ApiProperty({ type: [AgencyViewDto], description: 'every agency, by name (a council has tens)' })
  items: AgencyViewDto[];

  @ApiProperty()
  total: number;
}
