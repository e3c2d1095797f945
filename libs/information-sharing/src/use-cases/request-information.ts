import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { ContactFactsReader, isOpenForScreening } from '@app/contacts';
import { Clock, DomainError, ErrorCode, TimelinessClock } from '@app/core';
import { Journal } from '@app/live';
import type { InformationRequestsResultDto, RequestInformationDto } from '../dto/information-request.dto';
import {
  agenciesByIds,
  insertRequests,
  openRequestAgencies,
  type AgencyRow,
} from '../information-requests.repository';
import { lawfulBasisProblems, mayRequest, type FieldProblem } from '../policy/request-rules';
import { RequestTimescales } from '../request-timescales';

export interface RequestInformationCommand extends RequestInformationDto {
  contactId: string;
}

// issue 18 item 1 (decision 0029): the claim holder (or a manager) asks partner agencies what
// they know about an open contact's child: one request per agency, each due by the contact's
// rating and the agency's kind (config/information-sharing.yml), with its lawful basis
@Injectable()
export class RequestInformation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: ContactFactsReader,
    private readonly timescales: RequestTimescales,
    private readonly timeliness: TimelinessClock,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    command: RequestInformationCommand,
  ): Promise<InformationRequestsResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const contact = await this.contacts.facts(manager, command.contactId);
      if (!contact) throw DomainError.notFound('contact');
      if (!isOpenForScreening(contact.status))
        throw new DomainError(
          ErrorCode.STALE_STATE,
          `The contact is ${contact.status}: ask while it is open.`,
        );
      if (!mayRequest(user, contact.claimedBy))
        throw DomainError.forbidden('Claim the contact before asking partners.');
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
          problems.push({ field, message: 'has an open request about this contact already' });
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
          details: {
            contactId: contact.id,
            agencyId: requests[i].agencyId,
            lawfulBasis: command.lawfulBasis,
          },
        })),
        [
          { type: 'information.requested', entity: 'contact', id: contact.id },
          ...ids.map((id) => ({ type: 'information.requested', entity: 'information_request', id })),
        ],
      );
      return {
        requests: ids.map((id, i) => ({
          id,
          agencyId: requests[i].agencyId,
          agencyName: asked[i].name,
          status: 'OPEN',
          dueAt: requests[i].dueAt.toISOString(),
        })),
      };
    });
  }
}
