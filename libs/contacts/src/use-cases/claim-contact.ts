import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Journal } from '@app/live';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { claim, CLAIM_JOURNAL, claimState, type ClaimState } from '../contacts.repository';
import type { ClaimResultDto } from '../dto/contact-response.dto';
import { isOpenForScreening, overridesClaims } from '../policy/screening-rules';
import { contactAlreadyClaimed } from '../contact-errors';

export interface ClaimContactCommand {
  id: string;
  // a manager assigns the contact to another screener
  assigneeId?: string;
}

export async function stateOf(manager: EntityManager, contactId: string): Promise<ClaimState> {
  const row = await claimState(manager, contactId);
  if (!row) throw DomainError.notFound('contact');
  return row;
}

export function alreadyClaimed(state: ClaimState): DomainError {
  return contactAlreadyClaimed({ id: state.claimed_by as string, name: state.holder_name });
}

export function noLongerOpen(state: ClaimState): DomainError {
  return new DomainError(
    ErrorCode.STALE_STATE,
    `The contact is ${state.status} and no longer open for screening.`,
  );
}

// claims are settled by one conditional UPDATE, the use case's one statement and its
// transaction: when many screeners claim at once, exactly one row update succeeds and
// everyone else is told who won
@Injectable()
export class ClaimContact {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id: contactId, assigneeId }: ClaimContactCommand,
  ): Promise<ClaimResultDto> {
    const reassign = assigneeId !== undefined && assigneeId !== user.id;
    if (reassign && !overridesClaims(user.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only a manager assigns contacts to others.', [
        { field: 'assigneeId', message: 'only a MANAGER may assign' },
      ]);
    }
    const holderId = assigneeId ?? user.id;
    const now = this.clock.now();
    // one statement: who may hold it (auth's rule, the one GET /api/users/assignable lists
    // by), the claim or assignment, and its journal
    const part = this.journal.part(
      user,
      {
        action: reassign ? 'CONTACT_ASSIGNED' : 'CONTACT_CLAIMED',
        entityType: 'contact',
        entityId: contactId,
        details: { claimedBy: holderId },
      },
      [{ type: 'contact.claimed', entity: 'contact', id: contactId, submission: 'CONTACT' }],
      CLAIM_JOURNAL,
    );
    const outcome = await claim(this.dataSource, contactId, holderId, reassign, now, part);
    this.journal.settled(part, outcome.won);
    if (outcome.won)
      return { claimedBy: { id: holderId, name: outcome.holderName }, claimedAt: now.toISOString() };
    const notAssignable = () =>
      DomainError.validation([{ field: 'assigneeId', message: 'must be an active screener or manager' }]);
    if (reassign && !outcome.assignable) throw notAssignable();
    if (!outcome.state) throw DomainError.notFound('contact');
    const state = outcome.state;
    if (!isOpenForScreening(state.status)) throw noLongerOpen(state);
    // claiming what you already hold is fine, and changes nothing
    if (state.claimed_by === holderId && state.claimed_at) {
      return {
        claimedBy: { id: holderId, name: state.holder_name ?? '' },
        claimedAt: state.claimed_at.toISOString(),
      };
    }
    if (!outcome.assignable && state.claimed_by === null) throw notAssignable();
    throw alreadyClaimed(state);
  }
}
