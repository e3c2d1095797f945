import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsInstant, Trim } from '@app/core';

class PersonNameDto {
  @ApiProperty()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @ApiProperty()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;
}

export class VictimDto extends PersonNameDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  pregnant?: boolean;
}

export class PerpetratorDto extends PersonNameDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  arrested?: boolean;

  @ApiPropertyOptional({ description: 'a parent of the children named' })
  @IsOptional()
  @IsBoolean()
  parentOfChildren?: boolean;
}

export class NotificationChildDto {
  @ApiProperty()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @ApiProperty()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  dateOfBirth: string;

  @ApiPropertyOptional({ description: 'for Operation Encompass' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  school?: string;

  @ApiProperty({ description: 'in the home during the incident' })
  @IsBoolean()
  present: boolean;

  @ApiProperty()
  @IsBoolean()
  witnessed: boolean;

  @ApiProperty()
  @IsBoolean()
  injured: boolean;
}

export class OfficerDto {
  @ApiProperty()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  collarNumber?: string;
}

export class SubmitNotificationDto {
  @ApiProperty({ example: 'CLE/26/001234', description: 'unique within the force' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/_.-]{2,39}$/, { message: 'must be 3 to 40 letters, digits or / _ . -' })
  policeReference: string;

  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  incidentAt: string;

  @ApiProperty({ enum: ['DASH', 'DARA'], description: 'the risk tool the officer used' })
  @IsIn(['DASH', 'DARA'])
  riskTool: 'DASH' | 'DARA';

  @ApiProperty({ enum: ['STANDARD', 'MEDIUM', 'HIGH'] })
  @IsIn(['STANDARD', 'MEDIUM', 'HIGH'])
  riskLevel: 'STANDARD' | 'MEDIUM' | 'HIGH';

  @ApiPropertyOptional({ minimum: 0, maximum: 27, description: 'DASH only' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(27)
  dashScore?: number;

  @ApiProperty({ type: VictimDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => VictimDto)
  victim: VictimDto;

  @ApiProperty({ type: PerpetratorDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => PerpetratorDto)
  perpetrator: PerpetratorDto;

  @ApiProperty({ enum: ['PARTNER', 'EX_PARTNER', 'FAMILY', 'OTHER'] })
  @IsIn(['PARTNER', 'EX_PARTNER', 'FAMILY', 'OTHER'])
  relationship: string;

  @ApiProperty({ type: [NotificationChildDto], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1, { message: 'name at least one child' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NotificationChildDto)
  children: NotificationChildDto[];

  @ApiProperty({ description: 'anyone injured in the incident' })
  @IsBoolean()
  injuries: boolean;

  @ApiProperty()
  @IsBoolean()
  weaponUsed: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  substanceMisuse?: boolean;

  @ApiProperty({ minLength: 20, maxLength: 10000 })
  @Trim()
  @IsString()
  @Length(20, 10000, { message: 'must be 20 to 10000 characters' })
  summary: string;

  @ApiProperty({ type: OfficerDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => OfficerDto)
  officer: OfficerDto;
}

export class TriageDto {
  @ApiProperty({ enum: ['INFORMATION_ONLY', 'CONTACT', 'URGENT_CONTACT'] })
  @IsIn(['INFORMATION_ONLY', 'CONTACT', 'URGENT_CONTACT'])
  outcome: 'INFORMATION_ONLY' | 'CONTACT' | 'URGENT_CONTACT';

  @ApiPropertyOptional({ description: 'required when the outcome differs from the suggestion' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  rationale?: string;

  @ApiPropertyOptional({
    description: 'raise the MARAC flag by professional judgement (it cannot be lowered)',
  })
  @IsOptional()
  @IsBoolean()
  marac?: boolean;
}

export class EncompassSentDto {
  @ApiProperty({ enum: ['EMAIL', 'PHONE', 'PORTAL'] })
  @IsIn(['EMAIL', 'PHONE', 'PORTAL'])
  method: 'EMAIL' | 'PHONE' | 'PORTAL';

  @ApiProperty({ description: "who at the school was told (e.g. the key adult's role or address)" })
  @Trim()
  @IsString()
  @Length(3, 200)
  recipient: string;
}
