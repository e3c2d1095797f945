import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/auth/access';
import { Clock, DomainError, ErrorCode, POLICIES, timelinessAt, WorkingCalendar, type Policies } from '@app/core';
import { Journal } from '@app/live';
import { discussionView, findDiscussion } from '../discussion-reader';
import type { DiscussionViewDto, RecordDto, RecordResultDto, ScheduleDto, StartDiscussionDto } from '../dto/strategy.dto';
import { completeAttendance, isQuorate, missingRequired, s47Dates } from '../policy/strategy-rules';

const SKEW_MS = 2 * 60_000;

// the strategy discussion's use cases, one transaction each, each with its audit and live event
@Injectable()
export class StrategyDiscussions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    @Inject(POLICIES) private readonly policies: Policies,
  ) {}

  async view(user: AuthenticatedUser, id: string): Promise<DiscussionViewDto> {
    return this.dataSource.transaction(async (manager) => {
      const view = await discussionView(manager, await findDiscussion(manager, id));
      this.journal.write(manager, user, { action: 'STRATEGY_DISCUSSION_VIEWED', entityType: 'strategy_discussion', entityId: id });
      return view;
    });
  }

  async schedule(user: AuthenticatedUser, id: string, dto: ScheduleDto): Promise<DiscussionViewDto> {
    // inspectors found partners missing from strategy meetings: the three must be invited
    const missing = missingRequired(dto.invitees);
    if (missing.length > 0) {
      throw DomainError.validation(
        [{ field: 'invitees', message: `must invite ${missing.join(', ')} (required agencies)` }],
        `Invite every required agency: ${missing.join(', ')} missing.`,
      );
    }
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const updated = (await manager.query(
        `update strategy_discussion set status = 'SCHEDULED', scheduled_for = $2, invitees = $3, updated_at = $4
          where id = $1 and status <> 'HELD' returning id`,
        [id, new Date(dto.scheduledFor), JSON.stringify(dto.invitees), now],
      )) as [unknown[], number];
      if (updated[1] === 0) {
        await findDiscussion(manager, id);
        throw new DomainError(ErrorCode.STALE_STATE, 'This strategy discussion has been held; record an amendment instead.');
      }
      this.journal.write(
        manager,
        user,
        {
          action: 'STRATEGY_DISCUSSION_SCHEDULED',
          entityType: 'strategy_discussion',
          entityId: id,
          details: { invited: dto.invitees.map((i) => i.agency) },
        },
        [{ type: 'strategy.scheduled', id, views: ['strategy'] }],
      );
      return discussionView(manager, await findDiscussion(manager, id));
    });
  }

  async record(user: AuthenticatedUser, id: string, dto: RecordDto): Promise<RecordResultDto> {
    const now = this.clock.now();
    const heldAt = new Date(dto.heldAt);
    const errors = [];
    if (heldAt.getTime() > now.getTime() + SKEW_MS) errors.push({ field: 'heldAt', message: 'must not be in the future' });
    const agencies = dto.attendance.map((a) => a.agency);
    if (new Set(agencies).size !== agencies.length) errors.push({ field: 'attendance', message: 'list each agency once' });
    if (errors.length) throw DomainError.validation(errors);

    return this.dataSource.transaction(async (manager) => {
      const discussion = await findDiscussion(manager, id, true);
      const [last] = (await manager.query(
        `select version from strategy_record where discussion_id = $1 and current`,
        [id],
      )) as { version: number }[];
      // a record stands; changing it is an amendment with a reason, the earlier one kept
      if (last && !dto.amendmentReason) {
        throw new DomainError(
          ErrorCode.STALE_STATE,
          'This strategy discussion is recorded already; send amendmentReason to amend it.',
          [{ field: 'amendmentReason', message: 'required to change a record already made' }],
        );
      }
      const attendance = completeAttendance(dto.attendance);
      const quorate = isQuorate(attendance);
      const heldWithinTimescale = heldAt.getTime() <= discussion.due_at.getTime();
      const dates = s47Dates(heldAt, dto.outcome, this.calendar, this.policies.thresholds.icpcDueWorkingDays);
      const version = (last?.version ?? 0) + 1;
      if (last) {
        await manager.query(`update strategy_record set current = false where discussion_id = $1 and current`, [id]);
        await manager.query(`update strategy_action set current = false where discussion_id = $1 and current`, [id]);
      }
      const [record] = (await manager.query(
        `insert into strategy_record (discussion_id, version, current, held_at, attendance, outcome, rationale, quorate,
           held_within_timescale, s47_start_date, icpc_due_date, amendment_reason, recorded_by, recorded_at)
         values ($1, $2, true, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
        [
          id,
          version,
          heldAt,
          JSON.stringify(attendance),
          dto.outcome,
          dto.rationale,
          quorate,
          heldWithinTimescale,
          dates?.s47StartDate ?? null,
          dates?.icpcDueDate ?? null,
          last ? dto.amendmentReason : null,
          user.id,
          now,
        ],
      )) as { id: string }[];
      if (dto.actions.length > 0) {
        await manager.query(
          `insert into strategy_action (record_id, discussion_id, description, owner_agency, due_date, current)
           select $1, $2, a.description, a.owner_agency, a.due_date, true
             from unnest($3::text[], $4::text[], $5::date[]) as a(description, owner_agency, due_date)`,
          [
            record.id,
            id,
            dto.actions.map((a) => a.description),
            dto.actions.map((a) => a.ownerAgency),
            dto.actions.map((a) => a.dueDate),
          ],
        );
      }
      await manager.query(
        `update strategy_discussion set status = 'HELD', next_transition_at = null, updated_at = $2 where id = $1`,
        [id, now],
      );
      this.journal.write(
        manager,
        user,
        {
          action: last ? 'STRATEGY_DISCUSSION_AMENDED' : 'STRATEGY_DISCUSSION_RECORDED',
          entityType: 'strategy_discussion',
          entityId: id,
          details: { outcome: dto.outcome, quorate, heldWithinTimescale, version },
        },
        [{ type: 'strategy.held', id, views: ['strategy'] }],
      );
      return { quorate, heldWithinTimescale, ...(dates ?? {}) };
    });
  }

  // escalation: a manager starts a strategy discussion for a contact already decided
  async start(user: AuthenticatedUser, contactId: string, dto: StartDiscussionDto): Promise<DiscussionViewDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const [contact] = (await manager.query('select status from contact where id = $1', [contactId])) as {
        status: string;
      }[];
      if (!contact) throw DomainError.notFound('contact');
      if (contact.status !== 'DECIDED') {
        throw new DomainError(ErrorCode.STALE_STATE, 'Only a decided contact is escalated this way; open ones go through a decision.');
      }
      const dueAt = this.calendar.deadline(now, this.policies.thresholds.strategyDiscussionDue);
      const inserted = (await manager.query(
        `insert into strategy_discussion (contact_id, due_at, status, created_at, updated_at, started_by, start_reason, next_transition_at)
         values ($1, $2, 'DUE', $3, $3, $4, $5, $6)
         on conflict (contact_id) where status <> 'HELD' do nothing returning id`,
        [contactId, dueAt, now, user.id, dto.reason, timelinessAt(now, now, dueAt, this.policies.rag.dueSoonFraction).nextTransitionAt],
      )) as { id: string }[];
      if (inserted.length === 0) {
        throw new DomainError(ErrorCode.STALE_STATE, 'A strategy discussion for this contact is already open.');
      }
      const id = inserted[0].id;
      this.journal.write(
        manager,
        user,
        { action: 'STRATEGY_DISCUSSION_STARTED', entityType: 'strategy_discussion', entityId: id, details: { contactId } },
        [{ type: 'strategy.due', id, views: ['strategy'] }],
      );
      return discussionView(manager, await findDiscussion(manager, id));
    });
  }
}
