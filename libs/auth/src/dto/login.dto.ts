import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Trim, TrimLowerCase } from '@app/core';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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

  @ApiPropertyOptional({
    description: 'a six-digit code from the authenticator app, or one of the recovery codes (once each)',
    example: '123456',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(6)
  @MaxLength(40)
  code?: string;

  @ApiPropertyOptional({
    enum: ['token', 'cookie'],
    default: 'token',
    description:
      'token: the answer carries an access token for Authorization: Bearer (systems). cookie: the session is set as an HttpOnly, SameSite=Strict cookie and the answer carries the CSRF token instead (browsers)',
  })
  @IsOptional()
  @IsIn(['token', 'cookie'])
  session?: 'token' | 'cookie';
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

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null for a partner system (an API client signs in as its agency, issue 14 item 5)',
  })
  email: string | null;

  @ApiProperty({ enum: ROLES })
  role: string;

  @ApiProperty({ type: AgencyRefDto })
  agency: AgencyRefDto;
}

export class LoginResultDto {
  @ApiPropertyOptional({
    description:
      'JWT naming the session; send as Authorization: Bearer <token>. Absent when session=cookie (the cookie carries it)',
  })
  accessToken?: string;

  @ApiProperty({ type: UserDto })
  user: UserDto;

  @ApiProperty({
    format: 'date-time',
    description: 'when the session ends at the latest (it also ends after the idle timeout)',
  })
  sessionExpiresAt: string;

  @ApiProperty({
    description:
      'true: this session may only set up MFA (POST /api/auth/mfa/enrol, then /confirm); every other route answers 403 until then',
  })
  mfaEnrolmentRequired: boolean;

  @ApiPropertyOptional({
    description: 'cookie sessions: send this token in csrfHeader on every POST, PATCH, PUT and DELETE',
  })
  csrfToken?: string;

  @ApiPropertyOptional({
    example: 'X-CSRF-Token',
    description: 'cookie sessions: the header that carries csrfToken',
  })
  csrfHeader?: string;
}

export class SessionDto {
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ enum: ['BEARER', 'COOKIE', 'CLIENT'] })
  kind: string;

  @ApiProperty({ description: 'whether a second factor was shown for this session' })
  mfa: boolean;
}

export class MeResultDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;

  @ApiProperty({ type: SessionDto })
  session: SessionDto;

  @ApiProperty({ description: 'the user has a second factor set up' })
  mfaEnabled: boolean;

  @ApiProperty({ description: 'this session may only set up MFA' })
  mfaEnrolmentRequired: boolean;

  @ApiProperty({
    example: 'Europe/London',
    description: 'the front door’s time zone (config/calendar.yml): show dates and times in it',
  })
  timeZone: string;

  @ApiPropertyOptional({ description: 'cookie sessions: the CSRF token (as at sign-in)' })
  csrfToken?: string;

  @ApiPropertyOptional({ example: 'X-CSRF-Token' })
  csrfHeader?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: 'at least 12 characters, not a common password, not your email or name' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  newPassword: string;
}

export class SetupDto {
  @ApiProperty({ example: 'new.screener@council.example' })
  @TrimLowerCase()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: 'the one-time code an administrator was shown (valid 72 hours)' })
  @Trim()
  @IsString()
  @MinLength(8)
  @MaxLength(64)
  setupCode: string;

  @ApiProperty({ description: 'at least 12 characters, not a common password, not your email or name' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  password: string;
}
