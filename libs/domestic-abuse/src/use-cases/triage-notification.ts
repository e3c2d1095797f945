import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/auth/access';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { ContactRecorder } from '@app/contacts';
import { Journal } from '@app/live';
import type { TriageResultDto } from '../dto/notification-view.dto';
import type { NotificationChildDto, TriageDto } from '../dto/submit-notification.dto';
import { findNotification } from '../notification-reader';
import { checkTriage, finalMarac } from '../policy/triage-rules';

// a screener's answer to a police notification, the "shared language" the front door lacked:
// INFORMATION_ONLY stays on each child's history without a contact; CONTACT and
// URGENT_CONTACT make one contact per child (source 6 police, AMBER or RED, DOMESTIC_ABUSE,
// one household), all in this transaction
@Injectable()
export class TriageNotification {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: ContactRecorder,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(user: AuthenticatedUser, id: string, dto: TriageDto): Promise<TriageResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const row = await findNotification(manager, id);
      const suggestion = {
        outcome: row.suggested_outcome,
        marac: row.suggested_marac,
        reasons: row.suggestion_reasons,
        maracReasons: row.marac_reasons,
      };
      const errors = checkTriage(dto, suggestion);
      if (errors.length > 0) throw DomainError.validation(errors);
      const marac = finalMarac(dto, suggestion);

      // one triage: of two screeners at once, one wins and the other hears it is done
      const updated = (await manager.query(
        `update da_notification
            set status = 'TRIAGED', triage_outcome = $2, triage_rationale = $3, triaged_by = $4, triaged_at = $5,
                triaged_within_timescale = $5 <= triage_due_at, marac = $6, next_transition_at = null
          where id = $1 and status = 'AWAITING_TRIAGE'
          returning id`,
        [id, dto.outcome, dto.rationale ?? null, user.id, now, marac],
      )) as [unknown[], number];
      if (updated[1] === 0) throw new DomainError(ErrorCode.STALE_STATE, 'This notification has been triaged already.');

      const contacts: TriageResultDto['contacts'] = [];
      if (dto.outcome !== 'INFORMATION_ONLY') {
        const [force] = (await manager.query('select name from agency where id = $1', [row.force_agency_id])) as {
          name: string;
        }[];
        const children = (await manager.query(
          `select id, reported from da_notification_child where notification_id = $1 order by position`,
          [id],
        )) as { id: string; reported: NotificationChildDto }[];
        const rag = dto.outcome === 'URGENT_CONTACT' ? 'RED' : 'AMBER';
        for (const child of children) {
          const { contact } = await this.recorder.record(
            manager,
            user,
            {
              source: '6',
              receivedAt: row.received_at,
              householdId: row.household_id,
              originAgencyId: row.force_agency_id,
              referrer: { name: row.officer.name, organisation: force.name, role: 'Police officer' },
              child: {
                firstName: child.reported.firstName,
                lastName: child.reported.lastName,
                dateOfBirth: child.reported.dateOfBirth,
                school: child.reported.school,
              },
              concerns: row.summary,
              categories: ['DOMESTIC_ABUSE'],
              injury: child.reported.injured,
              immediateRisk: false,
              consent: { status: 'OVERRIDDEN', reason: 'shared by the police under safeguarding duties (DA notification)' },
              rag,
              ragReason: `DA triage: ${dto.outcome}`,
              daNotificationId: id,
            },
            now,
          );
          await manager.query('update da_notification_child set contact_id = $2 where id = $1', [child.id, contact.id]);
          contacts.push({ id: contact.id, childId: contact.childId, rag: contact.rag });
        }
      }
      this.journal.write(
        manager,
        user,
        {
          action: 'DA_NOTIFICATION_TRIAGED',
          entityType: 'da_notification',
          entityId: id,
          details: { outcome: dto.outcome, suggested: suggestion.outcome, marac, contacts: contacts.length },
        },
        [{ type: 'da.triaged', id, views: ['triage'], submission: 'DA_NOTIFICATION' }],
      );
      return { status: 'TRIAGED', outcome: dto.outcome, marac, contacts };
    });
  }
}
