import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditEvent } from '@app/audit';
import { DomainError, ErrorCode } from '@app/core';
import type { AuthenticatedUser } from '@app/access';
import { AuthClock } from '../auth-clock';
import { SessionEnder } from '../sessions/session-ender';
import { SessionIssuer, type IssuedSession } from '../sessions/session-issuer';
import { sessionMethod, type OpenSession, type SignInMethod } from '../sessions/session.repository';
import type { SignInAccount } from '../users.repository';
import { personAccount } from './enrol-mfa';
import { enableMfa, mfaState } from './mfa.repository';
import { newRecoveryCodes, RECOVERY_CODE_COUNT } from './recovery-codes';
import { SecondFactor } from './second-factor';

export interface ConfirmMfaCommand {
  code: string;
  // the session confirming: it is replaced by a full one of the same kind
  session: OpenSession;
}

export interface MfaConfirmed {
  account: SignInAccount;
  session: IssuedSession;
  recoveryCodes: string[];
}

// issue 14 item 6: POST /api/auth/mfa/confirm. A code from the waiting secret puts it in force
// (its time step counts as used, so the same code cannot then sign in) with ten new recovery
// codes. The session that confirmed ends and a full one, with the second factor shown, takes
// its place; the user's other sessions, which never showed one, end too
@Injectable()
export class ConfirmMfa {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly secondFactor: SecondFactor,
    private readonly issuer: SessionIssuer,
    private readonly ender: SessionEnder,
    private readonly clock: AuthClock,
  ) {}

  async execute(user: AuthenticatedUser, command: ConfirmMfaCommand): Promise<MfaConfirmed> {
    const account = await personAccount(this.dataSource, user.id);
    const { session } = command;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const state = await mfaState(manager, user.id, true);
      if (!state?.pendingSecret) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          'There is no new secret waiting to be confirmed: start with POST /api/auth/mfa/enrol.',
        );
      }
      const step = this.secondFactor.stepOf(state.pendingSecret, command.code);
      if (step === undefined) {
        throw DomainError.validation([
          { field: 'code', message: 'is not the current code for the secret enrolment gave' },
        ]);
      }
      const now = this.clock.now();
      const recovery = newRecoveryCodes();
      if (!(await enableMfa(manager, user.id, step, recovery.hashes, now))) {
        throw new DomainError(ErrorCode.CONFLICT, 'The secret was confirmed already.');
      }
      const method = await sessionMethod(manager, session.id);
      const endedHere = await this.ender.endOne(manager, session.id, 'ENROLMENT_COMPLETE');
      if (endedHere.length === 0) throw DomainError.unauthenticated('Your session has ended: sign in again.');
      const endedElsewhere = await this.ender.endForUser(manager, user.id, 'MFA_CHANGED');
      const issued = await this.issuer.open(manager, {
        userId: user.id,
        kind: session.kind,
        purpose: 'FULL',
        method: afterSecondFactor(method),
        mfa: true,
      });
      // counts and session ids only: never the secret or a code
      const events: AuditEvent[] = [
        {
          action: 'MFA_ENABLED',
          entityType: 'user',
          entityId: user.id,
          details: { recoveryCodes: RECOVERY_CODE_COUNT, sessionId: issued.sessionId },
        },
        {
          action: 'SESSION_ENDED',
          entityType: 'user',
          entityId: user.id,
          details: { sessionIds: endedHere, reason: 'ENROLMENT_COMPLETE' },
        },
      ];
      if (endedElsewhere.length > 0) {
        events.push({
          action: 'SESSION_ENDED',
          entityType: 'user',
          entityId: user.id,
          details: { sessionIds: endedElsewhere, reason: 'MFA_CHANGED' },
        });
      }
      await this.audit.record(manager, user, events);
      return { issued, recoveryCodes: recovery.codes, endedHere, endedElsewhere };
    });
    this.ender.announce(outcome.endedHere, 'ENROLMENT_COMPLETE');
    this.ender.announce(outcome.endedElsewhere, 'MFA_CHANGED');
    return { account, session: outcome.issued, recoveryCodes: outcome.recoveryCodes };
  }
}

// a password sign-in that has now shown the app's code too; single sign-on stays what it was
function afterSecondFactor(method: SignInMethod | undefined): SignInMethod {
  return method === undefined || method === 'PASSWORD' ? 'PASSWORD_TOTP' : method;
}
