import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { DomainError, ErrorCode } from '@app/core';
import type { AuthenticatedUser } from '@app/access';
import { AuthClock } from '../auth-clock';
import { accountById, type SignInAccount } from '../users.repository';
import { mfaState, setPendingSecret } from './mfa.repository';
import { SecondFactor } from './second-factor';

export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
}

// a person's account that may set up a second factor (a system signs in with its client secret)
export async function personAccount(dataSource: DataSource, userId: string): Promise<SignInAccount> {
  const account = await accountById(dataSource, userId);
  if (!account) throw DomainError.unauthenticated('Your session has ended: sign in again.');
  if (account.kind !== 'PERSON') {
    throw DomainError.forbidden('A system account signs in with its client secret, not a second factor.');
  }
  return account;
}

// issue 14 item 6: POST /api/auth/mfa/enrol. A new TOTP secret waits (sealed) until a code from
// it is confirmed; enrolling again replaces the waiting one. A factor already in force is not
// replaced this way: an administrator's reset clears it, and the user enrols afresh
@Injectable()
export class EnrolMfa {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly secondFactor: SecondFactor,
    private readonly clock: AuthClock,
  ) {}

  async execute(user: AuthenticatedUser): Promise<MfaEnrolment> {
    const account = await personAccount(this.dataSource, user.id);
    return this.dataSource.transaction(async (manager) => {
      const state = await mfaState(manager, user.id, true);
      if (!state) throw DomainError.unauthenticated('Your session has ended: sign in again.');
      if (state.enabled) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          'Multi-factor authentication is already set up: ask an administrator to reset it to enrol a new app.',
        );
      }
      const { secret, otpauthUri, sealed } = this.secondFactor.newSecret(account.email);
      await setPendingSecret(manager, user.id, sealed, this.clock.now());
      // never the secret itself
      await this.audit.record(manager, user, {
        action: 'MFA_ENROLMENT_STARTED',
        entityType: 'user',
        entityId: user.id,
        details: { replacedPending: state.pendingSecret !== null },
      });
      return { secret, otpauthUri };
    });
  }
}
