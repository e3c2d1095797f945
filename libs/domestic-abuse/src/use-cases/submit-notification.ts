import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@app/auth/access';
import {
  Clock,
  DomainError,
  ErrorCode,
  POLICIES,
  timelinessAt,
  WorkingCalendar,
  type Policies,
} from '@app/core';
import { asOfIn, historyCounts, matchOrCreateChild, normaliseName } from '@app/contacts';
import { Journal, type LiveChangeRef } from '@app/live';
import type { NotificationViewDto } from '../dto/notification-view.dto';
import type { SubmitNotificationDto } from '../dto/submit-notification.dto';
import { findNotification, notificationView } from '../notification-reader';
import { checkNotificationDates } from '../policy/notification-dates';
import { needsEncompass, suggestTriage, triageDueAt, type KnownChild } from '../policy/triage-rules';

export interface Submitted {
  view: NotificationViewDto;
  created: boolean;
}

// a concurrent submission of the same reference won the insert: answer as a resubmission
class LostTheRace extends Error {}

// the same victim across notifications: names (case and spaces ignored) and date of birth
export function victimKey(victim: { firstName: string; lastName: string; dateOfBirth?: string }): string {
  return `${normaliseName(victim.firstName)}|${normaliseName(victim.lastName)}|${victim.dateOfBirth ?? ''}`;
}

@Injectable()
export class SubmitNotification {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    @Inject(POLICIES) private readonly policies: Policies,
  ) {}

  async execute(
    user: AuthenticatedUser,
    dto: SubmitNotificationDto,
    requestHash: string,
  ): Promise<Submitted> {
    const now = this.clock.now();
    const incidentAt = new Date(dto.incidentAt);
    const errors = checkNotificationDates({ ...dto, incidentAt }, now, this.calendar);
    if (dto.dashScore !== undefined && dto.riskTool !== 'DASH') {
      errors.push({ field: 'dashScore', message: 'only with the DASH risk tool' });
    }
    if (errors.length > 0) throw DomainError.validation(errors);

    try {
      return await this.dataSource.transaction(async (manager) => {
        const existing = await this.resubmission(manager, user, dto.policeReference, requestHash);
        if (existing) return existing;
        return this.create(manager, user, dto, requestHash, incidentAt, now);
      });
    } catch (error) {
      if (!(error instanceof LostTheRace)) throw error;
      const again = await this.dataSource.transaction((m) =>
        this.resubmission(m, user, dto.policeReference, requestHash),
      );
      if (!again) throw error;
      return again;
    }
  }

  // API.md: the same force sending the same reference: identical body -> the original (200);
  // another body -> 409 DUPLICATE_REFERENCE
  private async resubmission(
    manager: EntityManager,
    user: AuthenticatedUser,
    reference: string,
    requestHash: string,
  ): Promise<Submitted | undefined> {
    const [found] = (await manager.query(
      `select id, request_hash from da_notification where force_agency_id = $1 and police_reference = $2`,
      [user.agencyId, reference],
    )) as { id: string; request_hash: string }[];
    if (!found) return undefined;
    if (found.request_hash !== requestHash) {
      throw new DomainError(
        ErrorCode.DUPLICATE_REFERENCE,
        'This force already sent a different notification with this police reference.',
        [{ field: 'policeReference', message: 'already used for another notification' }],
      );
    }
    this.journal.write(manager, user, {
      action: 'DA_NOTIFICATION_RESUBMITTED',
      entityType: 'da_notification',
      entityId: found.id,
    });
    return {
      view: await notificationView(manager, await findNotification(manager, found.id), 'police'),
      created: false,
    };
  }

  private async create(
    manager: EntityManager,
    user: AuthenticatedUser,
    dto: SubmitNotificationDto,
    requestHash: string,
    incidentAt: Date,
    now: Date,
  ): Promise<Submitted> {
    const matrix = this.policies.daTriage;
    const key = victimKey(dto.victim);
    // the victim's earlier incidents in the 12 months before this one (any force), and
    // whether one within the matrix's MARAC look-back ended with a MARAC flag
    const [victim] = (await manager.query(
      `select count(*) filter (where incident_at > $2::timestamptz - interval '12 months')::int as earlier,
              coalesce(bool_or(marac) filter (where incident_at > $2::timestamptz - make_interval(months => $3)), false) as marac
         from da_notification
        where victim_key = $1 and incident_at <= $2
          and incident_at > $2::timestamptz - make_interval(months => greatest(12, $3))`,
      [key, incidentAt, matrix.marac.monthsSincePreviousMaracFlag],
    )) as { earlier: number; marac: boolean }[];

    // the children go on the child register now, so the notification is on their history
    const children = [];
    const known: KnownChild[] = [];
    for (const child of dto.children) {
      const { child: record, matched } = await matchOrCreateChild(
        manager,
        {
          firstName: child.firstName,
          lastName: child.lastName,
          dateOfBirth: child.dateOfBirth,
          school: child.school,
        },
        now,
      );
      // counted back from when the notification reached us, not from the incident: a contact
      // made between the incident and the notification is what the screener must hear of
      const counts = await historyCounts(manager, record.id, asOfIn(this.calendar, now), null);
      if (counts.contactsLast12Months + counts.referralsLast12Months > 0) {
        known.push({
          name: `${child.firstName} ${child.lastName}`,
          contacts: counts.contactsLast12Months,
          referrals: counts.referralsLast12Months,
        });
      }
      children.push({ input: child, childId: record.id, matched });
    }

    const suggestion = suggestTriage(
      {
        riskTool: dto.riskTool,
        riskLevel: dto.riskLevel,
        dashScore: dto.dashScore,
        victimPregnant: dto.victim.pregnant === true,
        weaponUsed: dto.weaponUsed,
        children: dto.children,
        earlierVictimNotificationsInLast12Months: victim.earlier,
        childrenKnownInLast12Months: known,
        earlierMaracFlagInLast12Months: victim.marac,
      },
      matrix,
    );
    // DOMAIN.md: the triage queue rates an URGENT_CONTACT suggestion RED, anything else AMBER
    const rag = suggestion.outcome === 'URGENT_CONTACT' ? 'RED' : 'AMBER';
    const dueAt = triageDueAt(now, suggestion.outcome, this.calendar, matrix);
    const id = randomUUID();
    const inserted = (await manager.query(
      `insert into da_notification (id, force_agency_id, police_reference, request_hash, received_at, incident_at,
         submission_delay_minutes, risk_tool, risk_level, dash_score, victim, victim_key, perpetrator, relationship,
         injuries, weapon_used, substance_misuse, summary, officer, suggested_outcome, suggested_marac,
         suggestion_reasons, marac_reasons, marac, rag, triage_due_at, next_transition_at, status, household_id, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
               $23, $21, $24, $25, $26, 'AWAITING_TRIAGE', $27, $28)
       on conflict (force_agency_id, police_reference) do nothing returning id`,
      [
        id,
        user.agencyId,
        dto.policeReference,
        requestHash,
        now,
        incidentAt,
        // police timeliness: how long the notification took to reach the front door
        Math.max(0, Math.round((now.getTime() - incidentAt.getTime()) / 60_000)),
        dto.riskTool,
        dto.riskLevel,
        dto.dashScore ?? null,
        JSON.stringify(dto.victim),
        key,
        JSON.stringify(dto.perpetrator),
        dto.relationship,
        dto.injuries,
        dto.weaponUsed,
        dto.substanceMisuse ?? null,
        dto.summary,
        JSON.stringify(dto.officer),
        suggestion.outcome,
        suggestion.marac,
        suggestion.reasons,
        suggestion.maracReasons,
        rag,
        dueAt,
        timelinessAt(now, now, dueAt, this.policies.rag.dueSoonFraction).nextTransitionAt,
        randomUUID(),
        user.id,
      ],
    )) as unknown[];
    if (inserted.length === 0) throw new LostTheRace();

    const live: LiveChangeRef[] = [
      { type: 'da.received', id, views: ['triage'], submission: 'DA_NOTIFICATION' },
    ];
    const incidentDate = this.calendar.localDate(incidentAt);
    for (const [position, child] of children.entries()) {
      await manager.query(
        `insert into da_notification_child (notification_id, position, child_id, reported) values ($1, $2, $3, $4)`,
        [id, position, child.childId, JSON.stringify(child.input)],
      );
      // Operation Encompass: whatever the triage, the school hears before the next school day starts
      if (
        needsEncompass(
          { dateOfBirth: child.input.dateOfBirth, school: child.input.school },
          incidentDate,
          matrix,
        )
      ) {
        const schoolDue = this.calendar.nextSchoolDayStart(incidentAt);
        const [encompass] = (await manager.query(
          `insert into encompass_notification (notification_id, child_id, school, due_at, status, rag, next_transition_at, created_at)
           values ($1, $2, $3, $4, 'PENDING', $5, $6, $7) returning id`,
          [
            id,
            child.childId,
            child.input.school ?? null,
            schoolDue,
            rag,
            timelinessAt(now, incidentAt, schoolDue, this.policies.rag.dueSoonFraction).nextTransitionAt,
            now,
          ],
        )) as { id: string }[];
        live.push({ type: 'encompass.due', id: encompass.id, views: ['encompass'] });
      }
    }
    this.journal.write(
      manager,
      user,
      [
        ...children.map((c) => ({
          action: c.matched ? 'CHILD_MATCHED' : 'CHILD_CREATED',
          entityType: 'child',
          entityId: c.childId,
          details: { daNotificationId: id },
        })),
        {
          action: 'DA_NOTIFICATION_RECEIVED',
          entityType: 'da_notification',
          entityId: id,
          details: { suggestion: suggestion.outcome, marac: suggestion.marac, children: children.length },
        },
      ],
      live,
    );
    return {
      view: await notificationView(manager, await findNotification(manager, id), 'police'),
      created: true,
    };
  }
}
