import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditEvent } from '@app/audit';
import { DomainError, ErrorCode } from '@app/core';
import type { AuthenticatedUser } from '@app/access';
import { AuthClock } from '../auth-clock';
import { authConfig } from '../auth.config';
import { retryAfterSeconds } from '../sign-in-policy';
import { clearSignInFailures, recordSignInFailure } from '../users.repository';
import { personAccount } from './enrol-mfa';
import { mfaState, replaceRecoveryCodes, spendTotpStep } from './mfa.repository';
import { newRecoveryCodes, RECOVERY_CODE_COUNT } from './recovery-codes';
import { SecondFactor } from './second-factor';

export interface RegenerateRecoveryCodesCommand {
  code: string;
}

// issue 14 item 6: POST /api/auth/mfa/recovery-codes. The app's current code (each step once)
// buys ten new recovery codes and the old ones stop working. A wrong code counts towards the
// account's lock as one at sign-in does (sign-in-policy.ts): a session alone cannot guess its
// way to codes that would outlive it
@Injectable()
export class RegenerateRecoveryCodes {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly secondFactor: SecondFactor,
    private readonly clock: AuthClock,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async execute(user: AuthenticatedUser, command: RegenerateRecoveryCodesCommand): Promise<string[]> {
    const account = await personAccount(this.dataSource, user.id);
    const now = this.clock.now();
    const lockedFor = account.lockedUntil
      ? Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 1000)
      : 0;
    const wait = Math.max(
      lockedFor,
      retryAfterSeconds(account.failedSignIns, account.lastFailedSignInAt, now),
    );
    if (wait > 0) {
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `Too many wrong codes: wait ${wait} s before trying again.`,
        undefined,
        { retryAfterSeconds: wait },
      );
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      const state = await mfaState(manager, user.id, true);
      if (!state?.enabled || !state.secret) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          'Multi-factor authentication is not set up: enrol first (POST /api/auth/mfa/enrol).',
        );
      }
      const step = this.secondFactor.stepOf(state.secret, command.code);
      if (step === undefined || !(await spendTotpStep(manager, user.id, step))) {
        const after = await recordSignInFailure(
          manager,
          user.id,
          now,
          this.config.signInLockAfter,
          this.config.signInLockSeconds,
        );
        const events: AuditEvent[] = [
          {
            action: 'MFA_CODE_REJECTED',
            entityType: 'user',
            entityId: user.id,
            details: { purpose: 'RECOVERY_CODES', failedSignIns: after.failedSignIns },
          },
        ];
        if (after.lockedUntil !== null && after.failedSignIns === this.config.signInLockAfter) {
          events.push({
            action: 'ACCOUNT_LOCKED',
            entityType: 'user',
            entityId: user.id,
            details: { failedSignIns: after.failedSignIns, lockedUntil: after.lockedUntil.toISOString() },
          });
        }
        await this.audit.record(manager, user, events);
        return 'WRONG_CODE' as const;
      }
      const recovery = newRecoveryCodes();
      await replaceRecoveryCodes(manager, user.id, recovery.hashes, now);
      await clearSignInFailures(manager, user.id);
      await this.audit.record(manager, user, {
        action: 'MFA_RECOVERY_CODES_REPLACED',
        entityType: 'user',
        entityId: user.id,
        details: { recoveryCodes: RECOVERY_CODE_COUNT },
      });
      return recovery.codes;
    });
    // the failure is kept (the transaction committed it); the answer names the field
    if (outcome === 'WRONG_CODE') {
      throw DomainError.validation([{ field: 'code', message: 'is not the current code from your app' }]);
    }
    return outcome;
  }
}
