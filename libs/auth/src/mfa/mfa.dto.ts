import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { Trim } from '@app/core';
import { LoginResultDto } from '../dto/login.dto';
import { RECOVERY_CODE_COUNT } from './recovery-codes';

const SIX_DIGITS = /^\d{6}$/;
const RECOVERY_CODES_EXAMPLE = [
  '7K3Q-9XPM-4TZA-H2CN',
  'B8WD-2M6R-QJ4Y-T0EV',
  'Z5HC-N1KX-7PRG-3SWA',
  'M4TV-Q9EB-6YJD-K2XH',
  '0RNF-5GZC-8AWM-V7QP',
  'H6YK-3DXT-B1SJ-N9RE',
  'W2PA-7VMG-4ZQC-D5KT',
  'E9JX-1NRB-6HTW-Y3MF',
  'S3CQ-8KDY-0VPE-G4ZN',
  'T7GM-5AWH-2XRK-J8BD',
];

export class ConfirmMfaDto {
  @ApiProperty({
    example: '123456',
    description: 'the six-digit code the authenticator app shows for the secret enrol gave',
  })
  @Trim()
  @IsString()
  @Matches(SIX_DIGITS, { message: 'must be the six digits the authenticator app shows' })
  code: string;
}

export class RegenerateRecoveryCodesDto {
  @ApiProperty({ example: '123456', description: 'the six-digit code the authenticator app shows now' })
  @Trim()
  @IsString()
  @Matches(SIX_DIGITS, { message: 'must be the six digits the authenticator app shows' })
  code: string;
}

export class MfaEnrolResultDto {
  @ApiProperty({
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    description: 'the new TOTP secret in base32, for typing into an authenticator app (shown once)',
  })
  secret: string;

  @ApiProperty({
    example:
      'otpauth://totp/Front%20door:screener%40mach.example?issuer=Front%20door&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30',
    description: 'the same secret as an otpauth:// URI (RFC 6238: SHA-1, 6 digits, 30 s), for a QR code',
  })
  otpauthUri: string;
}

export class MfaRecoveryCodesResultDto {
  @ApiProperty({
    type: [String],
    minItems: RECOVERY_CODE_COUNT,
    maxItems: RECOVERY_CODE_COUNT,
    example: RECOVERY_CODES_EXAMPLE,
    description: `${RECOVERY_CODE_COUNT} single-use codes, each usable once in place of the app's code at sign-in; shown this once (only their hashes are kept)`,
  })
  recoveryCodes: string[];
}

// the recovery codes, and the full session that replaces the enrolment one (as login answers)
export class MfaConfirmResultDto extends LoginResultDto {
  @ApiProperty({
    type: [String],
    minItems: RECOVERY_CODE_COUNT,
    maxItems: RECOVERY_CODE_COUNT,
    example: RECOVERY_CODES_EXAMPLE,
    description: `${RECOVERY_CODE_COUNT} single-use codes, each usable once in place of the app's code at sign-in; shown this once (only their hashes are kept)`,
  })
  recoveryCodes: string[];
}
