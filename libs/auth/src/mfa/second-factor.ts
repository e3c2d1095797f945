import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Secret, TOTP } from 'otpauth';
import type { EntityManager } from 'typeorm';
import { MACH_ROLES, type Role } from '@app/access';
import { authConfig } from '../auth.config';
import { hashSecret, normaliseCode } from '../secrets';
import { mfaState, spendRecoveryCode, spendTotpStep } from './mfa.repository';
import { SecretBox } from './secret-box';
import { AuthClock } from '../auth-clock';

// issue 14 item 6: TOTP as RFC 6238 has it and authenticator apps expect it
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
// one step either side: a phone's clock a little off still works
const TOTP_WINDOW = 1;
const ISSUER = 'Front door';

export type SecondFactorUsed = 'TOTP' | 'RECOVERY_CODE';

const totpFor = (secret: string, label = ''): TOTP =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

@Injectable()
export class SecondFactor {
  readonly box: SecretBox;

  constructor(
    private readonly clock: AuthClock,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {
    this.box = new SecretBox(config.jwtSecret);
  }

  // staff must have a second factor when MFA_REQUIRED (police and partners sign in as
  // systems or on their own force's terms)
  requiredFor(role: Role): boolean {
    return this.config.mfaRequired && MACH_ROLES.includes(role);
  }

  // a new secret for enrolment: base32 for typing, the otpauth:// URI for a QR code
  newSecret(accountLabel: string): { secret: string; otpauthUri: string; sealed: string } {
    const secret = new Secret({ size: 20 }).base32;
    return { secret, otpauthUri: totpFor(secret, accountLabel).toString(), sealed: this.box.seal(secret) };
  }

  // the time step a code is valid for against a (sealed) secret, or undefined
  stepOf(sealed: string, code: string): number | undefined {
    const secret = this.box.open(sealed);
    if (!secret || !/^\d{6}$/.test(code)) return undefined;
    const timestamp = this.clock.now().getTime();
    const delta = totpFor(secret).validate({ token: code, timestamp, window: TOTP_WINDOW });
    if (delta === null) return undefined;
    return Math.floor(timestamp / 1000 / TOTP_PERIOD_SECONDS) + delta;
  }

  // a six-digit code from the app (each step once), or one of the ten recovery codes (once)
  async verify(manager: EntityManager, userId: string, code: string): Promise<SecondFactorUsed | undefined> {
    const trimmed = code.trim();
    if (/^\d{6}$/.test(trimmed)) {
      const state = await mfaState(manager, userId);
      if (!state?.enabled || !state.secret) return undefined;
      const step = this.stepOf(state.secret, trimmed);
      if (step === undefined) return undefined;
      return (await spendTotpStep(manager, userId, step)) ? 'TOTP' : undefined;
    }
    const spent = await spendRecoveryCode(
      manager,
      userId,
      hashSecret(normaliseCode(trimmed)),
      this.clock.now(),
    );
    return spent ? 'RECOVERY_CODE' : undefined;
  }
}
