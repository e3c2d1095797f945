import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@app/auth/access';
import { Journal } from '@app/live';
import { Clock, DomainError, ErrorCode } from '@app/core';
import type { ClaimDto, ReleaseDto } from '../dto/contact-response.dto';

interface ContactState {
  status: string;
  claimed_by: string | null;
  claimed_at: Date | null;
  holder_name: string | null;
}

async function stateOf(manager: EntityManager, contactId: string): Promise<ContactState> {
  const [row] = (await manager.query(
    `select c.status, c.claimed_by, c.claimed_at, u.name as holder_name
       from contact c left join app_user u on u.id = c.claimed_by where c.id = $1`,
    [contactId],
  )) as ContactState[];
  if (!row) throw DomainError.notFound('contact');
  return row;
}

function alreadyClaimed(state: ContactState): DomainError {
  return new DomainError(
    ErrorCode.CONTACT_ALREADY_CLAIMED,
    `${state.holder_name ?? 'Another screener'} is already working on this contact.`,
    undefined,
    { claimedBy: { id: state.claimed_by, name: state.holder_name } },
  );
}

function noLongerOpen(state: ContactState): DomainError {
  return new DomainError(ErrorCode.STALE_STATE, `The contact is ${state.status} and no longer open for screening.`);
}

// claims are settled by one conditional UPDATE: when many screeners claim at once,
// exactly one row update succeeds and everyone else is told who won
@Injectable()
export class ClaimContact {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async claim(user: AuthenticatedUser, contactId: string, assigneeId?: string): Promise<ClaimDto> {
    const reassign = assigneeId !== undefined && assigneeId !== user.id;
    if (reassign && user.role !== 'MANAGER') {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only a manager assigns contacts to others.', [
        { field: 'assigneeId', message: 'only a MANAGER may assign' },
      ]);
    }
    const holderId = assigneeId ?? user.id;
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const [holder] = (await manager.query(
        `select id, name from app_user where id = $1 and active and role in ('SCREENER', 'MANAGER')`,
        [holderId],
      )) as { id: string; name: string }[];
      if (!holder) throw DomainError.validation([{ field: 'assigneeId', message: 'must be an active screener or manager' }]);

      // a manager's assignment takes the contact from whoever holds it; a claim takes a free one
      const won = (await manager.query(
        `update contact set claimed_by = $2, claimed_at = $3, status = 'IN_SCREENING', updated_at = $3
          where id = $1 and status in ('RECEIVED', 'IN_SCREENING')
            and ${reassign ? 'claimed_by is distinct from $2' : 'claimed_by is null'}
          returning claimed_at`,
        [contactId, holderId, now],
      )) as [{ claimed_at: Date }[], number];
      if (won[1] === 0) {
        const state = await stateOf(manager, contactId);
        if (state.status !== 'RECEIVED' && state.status !== 'IN_SCREENING') throw noLongerOpen(state);
        // claiming what you already hold is fine, and changes nothing
        if (state.claimed_by === holderId && state.claimed_at) {
          return { claimedBy: holder, claimedAt: state.claimed_at.toISOString() };
        }
        throw alreadyClaimed(state);
      }
      this.journal.write(
        manager,
        user,
        {
          action: reassign ? 'CONTACT_ASSIGNED' : 'CONTACT_CLAIMED',
          entityType: 'contact',
          entityId: contactId,
          details: { claimedBy: holderId },
        },
        [{ type: 'contact.claimed', id: contactId, views: ['screening'], submission: 'CONTACT' }],
      );
      return { claimedBy: holder, claimedAt: now.toISOString() };
    });
  }

  async release(user: AuthenticatedUser, contactId: string): Promise<ReleaseDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const released = (await manager.query(
        `update contact set claimed_by = null, claimed_at = null, status = 'RECEIVED', updated_at = $3
          where id = $1 and status = 'IN_SCREENING' and (claimed_by = $2 or $4)
          returning claimed_by`,
        [contactId, user.id, now, user.role === 'MANAGER'],
      )) as [unknown[], number];
      if (released[1] === 0) {
        const state = await stateOf(manager, contactId);
        if (state.status !== 'RECEIVED' && state.status !== 'IN_SCREENING') throw noLongerOpen(state);
        if (state.claimed_by === null) return { status: 'RECEIVED' };
        throw alreadyClaimed(state);
      }
      this.journal.write(
        manager,
        user,
        { action: 'CONTACT_RELEASED', entityType: 'contact', entityId: contactId },
        [{ type: 'contact.released', id: contactId, views: ['screening'], submission: 'CONTACT' }],
      );
      return { status: 'RECEIVED' };
    });
  }
}
