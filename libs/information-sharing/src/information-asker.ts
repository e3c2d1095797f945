import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import type { ContactFacts } from '@app/contacts';
import { DomainError, TimelinessClock } from '@app/core';
import { Journal } from '@app/live';
import type { InformationRequestRefDto, RequestInformationDto } from './dto/information-request.dto';
import {
  agenciesByIds,
  insertRequests,
  openRequestAgencies,
  type AgencyRow,
} from './information-requests.repository';
import { lawfulBasisProblems, type FieldProblem } from './policy/request-rules';
import { RequestTimescales } from './request-timescales';

// asking partner agencies about one open contact, inside the caller's transaction (a contact's
// own request, or each contact a DA triage made): the lawful basis against the contact's consent,
// the agencies (known, not the front door, not asked already), one request each due by the
// contact's rating, journaled with the changes of the contact and of each request. Who may ask
// is the caller's rule. Field problems name `prefix` fields (a notification's contacts: by index).
@Injectable()
export class InformationAsker {
  constructor(
    private readonly timescales: RequestTimescales,
    private readonly timeliness: TimelinessClock,
    private readonly journal: Journal,
  ) {}

  async ask(
    manager: EntityManager,
    user: AuthenticatedUser,
    contact: ContactFacts,
    command: RequestInformationDto,
    now: Date,
  ): Promise<InformationRequestRefDto[]> {
    const problems: FieldProblem[] = lawfulBasisProblems(
      contact.consentStatus,
      command.lawfulBasis,
      command.consentOverrideReason,
    );
    const agencies = await agenciesByIds(manager, command.agencies);
    const open = await openRequestAgencies(manager, contact.id);
    command.agencies.forEach((id, i) => {
      const agency = agencies.get(id);
      const field = `agencies.${i}`;
      if (!agency) problems.push({ field, message: 'names no agency' });
      else if (agency.kind === 'LA_SOCIAL_CARE')
        problems.push({ field, message: 'is the front door itself' });
      else if (open.has(id))
        problems.push({ field, message: `has an open request about ${contact.reference} already` });
    });
    if (problems.length > 0) throw DomainError.validation(problems);

    const asked = command.agencies.map((id) => agencies.get(id) as AgencyRow);
    const requests = asked.map((agency) => {
      const dueAt = this.timescales.dueAt(now, agency.kind, contact.rag);
      return {
        agencyId: agency.id,
        dueAt,
        nextTransitionAt: this.timeliness.nextTransitionAt(now, now, dueAt),
      };
    });
    const ids = await insertRequests(manager, {
      contactId: contact.id,
      questions: command.questions,
      lawfulBasis: command.lawfulBasis,
      consentOverrideReason:
        command.lawfulBasis === 'CONSENT' ? null : (command.consentOverrideReason ?? null),
      rag: contact.rag,
      requestedBy: user.id,
      requestedAt: now,
      requests,
    });
    this.journal.write(
      manager,
      user,
      ids.map((id, i) => ({
        action: 'INFORMATION_REQUESTED',
        entityType: 'information_request',
        entityId: id,
        details: { contactId: contact.id, agencyId: requests[i].agencyId, lawfulBasis: command.lawfulBasis },
      })),
      [
        { type: 'information.requested', entity: 'contact', id: contact.id },
        ...ids.map((id) => ({ type: 'information.requested', entity: 'information_request', id })),
      ],
    );
    return ids.map((id, i) => ({
      id,
      contactId: contact.id,
      agencyId: requests[i].agencyId,
      agencyName: asked[i].name,
      status: 'OPEN',
      dueAt: requests[i].dueAt.toISOString(),
    }));
  }
}
