import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SessionRegistry } from './session-registry';
import { endSession, endUserSessions, type SessionEndReason } from './session.repository';
import { AuthClock } from '../auth-clock';

// ends sessions inside the caller's transaction (the caller audits it, with its reason). The
// trigger's NOTIFY reaches every instance as the transaction commits; `announce` tells this
// one at once, and is to be called after the commit
@Injectable()
export class SessionEnder {
  constructor(
    private readonly registry: SessionRegistry,
    private readonly clock: AuthClock,
  ) {}

  // every open session of the user (but `keep`, the caller's own when it changes its password)
  endForUser(
    manager: EntityManager,
    userId: string,
    reason: SessionEndReason,
    keep?: string,
  ): Promise<string[]> {
    return endUserSessions(manager, userId, reason, this.clock.now(), keep);
  }

  async endOne(manager: EntityManager, sessionId: string, reason: SessionEndReason): Promise<string[]> {
    return (await endSession(manager, sessionId, reason, this.clock.now())) ? [sessionId] : [];
  }

  announce(sessionIds: string[], reason: SessionEndReason): void {
    this.registry.ended(sessionIds, reason);
  }
}
