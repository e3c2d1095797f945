import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { ContactRecorder } from '@app/contacts';
import { Journal } from '@app/live';
import type { TriageResultDto } from '../dto/notification-view.dto';
import type { TriageDto } from '../dto/submit-notification.dto';
import { agencyName, linkChildContact, notificationChildren, triage } from '../da.repository';
import { findNotification } from '../notification-reader';
import { checkTriage, finalMarac, ragForTriage } from '../policy/triage-rules';

export interface TriageNotificationCommand extends TriageDto {
  id: string;
}

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

  async execute(user: AuthenticatedUser, command: TriageNotificationCommand): Promise<TriageResultDto> {
    const { id, ...dto } = command;
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
      const won = await triage(manager, {
        id,
        outcome: dto.outcome,
        rationale: dto.rationale ?? null,
        triagedBy: user.id,
        triagedAt: now,
        marac,
      });
      if (!won) throw new DomainError(ErrorCode.STALE_STATE, 'This notification has been triaged already.');

      const contacts: TriageResultDto['contacts'] = [];
      if (dto.outcome !== 'INFORMATION_ONLY') {
        const forceName = await agencyName(manager, row.force_agency_id);
        const children = await notificationChildren(manager, id);
        const rag = ragForTriage(dto.outcome);
        for (const child of children) {
          const { contact } = await this.recorder.record(
            manager,
            user,
            {
              source: '6',
              receivedAt: row.received_at,
              householdId: row.household_id,
              originAgencyId: row.force_agency_id,
              referrer: { name: row.officer.name, organisation: forceName, role: 'Police officer' },
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
              consent: {
                status: 'OVERRIDDEN',
                reason: 'shared by the police under safeguarding duties (DA notification)',
              },
              rag,
              ragReason: `DA triage: ${dto.outcome}`,
              daNotificationId: id,
            },
            now,
          );
          await linkChildContact(manager, child.id, contact.id);
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
        [{ type: 'da.triaged', entity: 'da_notification', id, submission: 'DA_NOTIFICATION' }],
      );
      return { status: 'TRIAGED', outcome: dto.outcome, marac, contacts };
    });
  }
}
