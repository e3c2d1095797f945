import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@app/core';
import { AuditService, type AuditActor, type AuditEvent } from '@app/audit';
import { authConfig } from '../auth.config';
import { SecondFactor } from '../mfa/second-factor';
import { hashPassword, verifyPassword } from '../password-hasher';
import { retryAfterSeconds } from '../sign-in-policy';
import { SessionIssuer, type IssuedSession } from '../sessions/session-issuer';
import type { SessionKind, SignInMethod } from '../sessions/session.repository';
import {
  accountByEmail,
  clearSignInFailures,
  recordSignInFailure,
  type SignInAccount,
} from '../users.repository';
import { AuthClock } from '../auth-clock';

export interface SignInCommand {
  email: string;
  password: string;
  code?: string;
  kind: Extract<SessionKind, 'BEARER' | 'COOKIE'>;
}

export interface SignedIn {
  account: SignInAccount;
  session: IssuedSession;
  mfaEnrolmentRequired: boolean;
}

const actorOf = (account: SignInAccount): AuditActor => ({
  id: account.id,
  role: account.role,
  agencyId: account.agencyId,
});

const WRONG_PAIR = 'Email or password is not right.';

// issue 14 items 3, 6 and 8: a sign-in with email and password (and a second factor for those
// who have one). Every outcome is an audit row: LOGIN_SUCCEEDED with the session it opened,
// LOGIN_FAILED with why (never the password or code), ACCOUNT_LOCKED when a failure locks.
// Failures are counted per account: a growing wait, then a lock.
@Injectable()
export class SignIn implements OnModuleInit {
  // compared against when the email is unknown, so a miss costs what a hit costs
  private decoyHash = '';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly issuer: SessionIssuer,
    private readonly secondFactor: SecondFactor,
    private readonly clock: AuthClock,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async onModuleInit(): Promise<void> {
    this.decoyHash = await hashPassword('decoy-password-never-valid', this.config.passwordHashCost);
  }

  async execute(command: SignInCommand): Promise<SignedIn> {
    const now = this.clock.now();
    const account = await accountByEmail(this.dataSource, command.email);
    if (account?.lockedUntil && account.lockedUntil > now) {
      await this.audit.recordAlone(actorOf(account), this.failed(account, 'LOCKED'));
      throw new DomainError(
        ErrorCode.ACCOUNT_LOCKED,
        'This account is locked after too many failed sign-ins: ask an administrator, or try again later.',
        undefined,
        { lockedUntil: account.lockedUntil.toISOString() },
      );
    }
    const wait = account ? retryAfterSeconds(account.failedSignIns, account.lastFailedSignInAt, now) : 0;
    if (account && wait > 0) {
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `Too many failed sign-ins: wait ${wait} s before trying again.`,
        undefined,
        { retryAfterSeconds: wait },
      );
    }
    const valid = await verifyPassword(command.password, account?.passwordHash ?? this.decoyHash);
    if (!account || !account.active || !account.passwordHash || !valid) {
      if (account) await this.fail(account, account.active ? 'PASSWORD' : 'INACTIVE');
      throw DomainError.unauthenticated(WRONG_PAIR);
    }

    return this.dataSource
      .transaction(async (manager) => {
        let method: SignInMethod = 'PASSWORD';
        if (account.mfaEnabled) {
          if (!command.code) {
            throw new DomainError(ErrorCode.MFA_REQUIRED, 'Enter the code from your authenticator app.');
          }
          const used = await this.secondFactor.verify(manager, account.id, command.code);
          if (!used) {
            // the password was right: the failure still counts towards the lock
            await this.recordFailure(manager, account, 'MFA_CODE');
            return 'MFA_CODE_WRONG' as const;
          }
          method = used === 'TOTP' ? 'PASSWORD_TOTP' : 'PASSWORD_RECOVERY_CODE';
        }
        const enrol = !account.mfaEnabled && this.secondFactor.requiredFor(account.role);
        await clearSignInFailures(manager, account.id);
        const session = await this.issuer.open(manager, {
          userId: account.id,
          kind: command.kind,
          purpose: enrol ? 'MFA_ENROLMENT' : 'FULL',
          method,
          mfa: method !== 'PASSWORD',
        });
        await this.audit.record(manager, actorOf(account), {
          action: 'LOGIN_SUCCEEDED',
          entityType: 'user',
          entityId: account.id,
          details: { sessionId: session.sessionId, method, kind: command.kind, mfaEnrolmentRequired: enrol },
        });
        return { account, session, mfaEnrolmentRequired: enrol };
      })
      .then((outcome) => {
        if (outcome === 'MFA_CODE_WRONG') {
          throw new DomainError(ErrorCode.MFA_REQUIRED, 'That code is not right: try the current one.');
        }
        return outcome;
      });
  }

  private async fail(account: SignInAccount, reason: string): Promise<void> {
    await this.dataSource.transaction((manager) => this.recordFailure(manager, account, reason));
  }

  private async recordFailure(manager: EntityManager, account: SignInAccount, reason: string): Promise<void> {
    const now = this.clock.now();
    const after = await recordSignInFailure(
      manager,
      account.id,
      now,
      this.config.signInLockAfter,
      this.config.signInLockSeconds,
    );
    const events: AuditEvent[] = [this.failed(account, reason, after.failedSignIns)];
    const lockedNow = after.lockedUntil !== null && after.failedSignIns === this.config.signInLockAfter;
    if (lockedNow) {
      events.push({
        action: 'ACCOUNT_LOCKED',
        entityType: 'user',
        entityId: account.id,
        details: {
          failedSignIns: after.failedSignIns,
          lockedUntil: after.lockedUntil?.toISOString() ?? null,
        },
      });
    }
    await this.audit.record(manager, actorOf(account), events);
  }

  private failed(account: SignInAccount, reason: string, failedSignIns?: number): AuditEvent {
    return {
      action: 'LOGIN_FAILED',
      entityType: 'user',
      entityId: account.id,
      details: { reason, ...(failedSignIns !== undefined ? { failedSignIns } : {}) },
    };
  }
}
