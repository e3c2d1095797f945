import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { AGENCY_KINDS, ROLES, type AgencyKind, type Role } from '@app/access';
import { Trim, TrimLowerCase } from '@app/core';

const ROLE_MESSAGE = `must be one of ${ROLES.join(', ')}`;
// the admin's own words on why access is removed, kept in the audit trail (Length refuses a
// value that is not text with the same message)
const REASON_MESSAGE = 'give the reason (5 to 500 characters)';

export class CreateUserDto {
  @ApiProperty({ example: 'new.screener@council.example', description: 'unique, whatever the case' })
  @TrimLowerCase()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Robin Screener' })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  name: string;

  @ApiProperty({
    enum: ROLES,
    description:
      'POLICE only in a POLICE agency; SCREENER, MANAGER and ADMIN only in an LA_SOCIAL_CARE agency; PARTNER in the others',
  })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be an agency id' })
  agencyId: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'a new role ends the user’s sessions' })
  @IsOptional()
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'a new agency ends the user’s sessions' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an agency id' })
  agencyId?: string;

  @ApiPropertyOptional({
    description: 'false: the user can no longer sign in, and their sessions end now (give a reason)',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    minLength: 5,
    maxLength: 500,
    description: 'why: required with active=false, kept in the audit trail',
  })
  @ValidateIf((dto: UpdateUserDto) => dto.active === false || dto.reason !== undefined)
  @Trim()
  @Length(5, 500, { message: REASON_MESSAGE })
  reason?: string;
}

export class ResetUserDto {
  @ApiProperty({ minLength: 5, maxLength: 500, description: 'why, kept in the audit trail' })
  @Trim()
  @Length(5, 500, { message: REASON_MESSAGE })
  reason: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'true: the second factor (and its recovery codes) goes too, for a lost phone; the user enrols again after setting a password',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  resetMfa?: boolean;
}

export class UnlockUserDto {
  @ApiPropertyOptional({ minLength: 5, maxLength: 500, description: 'why, kept in the audit trail' })
  @IsOptional()
  @Trim()
  @Length(5, 500, { message: REASON_MESSAGE })
  reason?: string;
}

// `?q=&role=` from a form left blank: an empty query value is a filter not given (read from the
// query as sent: @Type would have made an empty limit 0)
const BlankAsAbsent = () =>
  Transform(({ value, obj, key }: { value: unknown; obj: Record<string, unknown>; key: string }) => {
    const sent = obj[key];
    return typeof sent === 'string' && sent.trim() === '' ? undefined : value;
  });

export class UserQueryDto {
  @ApiPropertyOptional({ description: 'part of the name or email, any case' })
  @IsOptional()
  @BlankAsAbsent()
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @BlankAsAbsent()
  @IsUUID('all', { message: 'must be an agency id' })
  agencyId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @BlankAsAbsent()
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role?: Role;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @BlankAsAbsent()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  active?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'uuid', description: 'page on: the nextBefore of the previous page' })
  @IsOptional()
  @BlankAsAbsent()
  @IsUUID('all', { message: 'must be a user id' })
  before?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @BlankAsAbsent()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}

export class UserAgencyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'MACH' })
  name: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  kind: AgencyKind;
}

export class AdminUserViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ type: UserAgencyDto })
  agency: UserAgencyDto;

  @ApiProperty({ description: 'false: deactivated, cannot sign in' })
  active: boolean;

  @ApiProperty({ description: 'false until the user sets one with their setup code' })
  passwordSet: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'while a setup code waits to be used: when it expires',
  })
  setupCodeExpiresAt: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'locked after failed sign-ins until then (POST /api/admin/users/{id}/unlock lifts it)',
  })
  lockedUntil: string | null;

  @ApiProperty({ description: 'failed sign-ins in a row since the last success' })
  failedSignIns: number;

  @ApiProperty({ description: 'a second factor is set up' })
  mfaEnabled: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: [AdminUserViewDto], description: 'newest first' })
  items: AdminUserViewDto[];

  @ApiProperty({ description: 'every user the filters match, across all pages' })
  total: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'pass as `before` for the next (older) page' })
  nextBefore?: string;
}

export class CreateUserResultDto {
  @ApiProperty({ type: AdminUserViewDto })
  user: AdminUserViewDto;

  @ApiProperty({
    example: '7K3Q-9XPM-C4HD-2RWT',
    description:
      'shown this once: give it to the user, who sets their password with POST /api/auth/setup { email, setupCode, password }',
  })
  setupCode: string;

  @ApiProperty({ format: 'date-time', description: '72 hours on' })
  setupCodeExpiresAt: string;
}

export class ResetUserResultDto {
  @ApiProperty({ type: AdminUserViewDto })
  user: AdminUserViewDto;

  @ApiProperty({
    example: '7K3Q-9XPM-C4HD-2RWT',
    description:
      'shown this once: the old password no longer works, this sets a new one (POST /api/auth/setup)',
  })
  setupCode: string;

  @ApiProperty({ format: 'date-time', description: '72 hours on' })
  setupCodeExpiresAt: string;

  @ApiProperty({ description: 'sessions of the user that ended now' })
  endedSessions: number;
}
