import { ApiProperty } from '@nestjs/swagger';
import { TrimLowerCase } from '@app/core';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '@app/access';

export class LoginDto {
  @ApiProperty({ example: 'screener@mach.example' })
  // pasted addresses carry stray spaces and capitals; accounts are stored lower-case
  @TrimLowerCase()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class AgencyRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'MACH' })
  name: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: ROLES })
  role: string;

  @ApiProperty({ type: AgencyRefDto })
  agency: AgencyRefDto;
}

export class LoginResultDto {
  @ApiProperty({ description: 'JWT; send as Authorization: Bearer <token>' })
  accessToken: string;

  @ApiProperty({ type: UserDto })
  user: UserDto;
}
