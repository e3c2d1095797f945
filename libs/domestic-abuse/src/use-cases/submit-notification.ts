import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import {
  Clock,
  DomainError,
  ErrorCode,
  DA_TRIAGE_POLICY,
  TimelinessClock,
  WorkingCalendar,
  type DaTriagePolicySchema,
} from '@app/core';
import { asOfIn, historyCounts, matchOrCreateChild } from '@app/contacts';
import { Journal, type LiveChangeRef } from '@app/live';
import type { NotificationViewDto } from '../dto/notification-view.dto';
import type { SubmitNotificationDto } from '../dto/submit-notification.dto';
import {
  findByReference,
  insertEncompass,
  insertNotification,
  insertNotificationChild,
  victimHistory,
} from '../da.repository';
import { findNotification, notificationView } from '../notification-reader';
import { checkNotificationDates } from '../policy/notification-dates';
import {
  needsEncompass,
  ragForTriage,
  suggestTriage,
  triageDueAt,
  victimKey,
  type KnownChild,
} from '../policy/triage-rules';

export interface SubmitNotificationCommand {
  notification: SubmitNotificationDto;
  // the canonical body's hash: the same reference resubmitted with another body is refused
  requestHash: string;
}

export interface Submitted {
  view: NotificationViewDto;
  created: boolean;
}

// a concurrent submission of the same reference won the insert: answer as a resubmission
class LostTheRace extends Error {}

@Injectable()
export class SubmitNotification {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    @Inject(DA_TRIAGE_POLICY) private readonly matrix: DaTriagePolicySchema,
    private readonly timeliness: TimelinessClock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { notification: dto, requestHash }: SubmitNotificationCommand,
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
    const found = await findByReference(manager, user.agencyId, reference);
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
    const matrix = this.matrix;
    const key = victimKey(dto.victim);
    // the victim's earlier incidents in the 12 months before this one (any force), and
    // whether one within the matrix's MARAC look-back ended with a MARAC flag
    const victim = await victimHistory(manager, key, incidentAt, matrix.marac.monthsSincePreviousMaracFlag);

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
    const rag = ragForTriage(suggestion.outcome);
    const dueAt = triageDueAt(now, suggestion.outcome, this.calendar, matrix);
    const id = randomUUID();
    const inserted = await insertNotification(manager, {
      id,
      force_agency_id: user.agencyId,
      police_reference: dto.policeReference,
      request_hash: requestHash,
      received_at: now,
      incident_at: incidentAt,
      // police timeliness: how long the notification took to reach the front door
      submission_delay_minutes: Math.max(0, Math.round((now.getTime() - incidentAt.getTime()) / 60_000)),
      risk_tool: dto.riskTool,
      risk_level: dto.riskLevel,
      dash_score: dto.dashScore ?? null,
      victim: JSON.stringify(dto.victim),
      victim_key: key,
      perpetrator: JSON.stringify(dto.perpetrator),
      relationship: dto.relationship,
      injuries: dto.injuries,
      weapon_used: dto.weaponUsed,
      substance_misuse: dto.substanceMisuse ?? null,
      summary: dto.summary,
      officer: JSON.stringify(dto.officer),
      suggested_outcome: suggestion.outcome,
      suggested_marac: suggestion.marac,
      suggestion_reasons: suggestion.reasons,
      marac_reasons: suggestion.maracReasons,
      // the MARAC flag stands as suggested until a screener triages
      marac: suggestion.marac,
      rag,
      triage_due_at: dueAt,
      next_transition_at: this.timeliness.nextTransitionAt(now, now, dueAt),
      status: 'AWAITING_TRIAGE',
      household_id: randomUUID(),
      created_by: user.id,
    });
    if (!inserted) throw new LostTheRace();

    const live: LiveChangeRef[] = [
      { type: 'da.received', entity: 'da_notification', id, submission: 'DA_NOTIFICATION', created: true },
    ];
    const incidentDate = this.calendar.localDate(incidentAt);
    for (const [position, child] of children.entries()) {
      await insertNotificationChild(manager, id, position, child.childId, child.input);
      // Operation Encompass: whatever the triage, the school hears before the next school day starts
      if (
        needsEncompass(
          { dateOfBirth: child.input.dateOfBirth, school: child.input.school },
          incidentDate,
          matrix,
        )
      ) {
        const schoolDue = this.calendar.nextSchoolDayStart(incidentAt);
        const encompassId = await insertEncompass(manager, {
          notificationId: id,
          childId: child.childId,
          school: child.input.school ?? null,
          dueAt: schoolDue,
          rag,
          nextTransitionAt: this.timeliness.nextTransitionAt(now, incidentAt, schoolDue),
          createdAt: now,
        });
        live.push({
          type: 'encompass.due',
          entity: 'encompass_notification',
          id: encompassId,
          created: true,
        });
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
