import type { EntityManager } from 'typeorm';
import type { ContactFacts, ContactFactsReader, SharedChild } from '@app/contacts';
import type { TimelinessClock } from '@app/core';
import type {
  InformationRequestViewDto,
  PartnerInformationRequestViewDto,
} from './dto/information-request.dto';
import { chasesOf, responsesOf, type RequestRow } from './information-requests.repository';

const iso = (d: Date) => new Date(d).toISOString();

// a request as the asked agency reads it: the child and household as contacts shares them, the
// questions, its own answers; never the concerns, another agency's answers or who asked
export async function partnerViews(
  manager: EntityManager,
  facts: ContactFactsReader,
  clock: TimelinessClock,
  rows: RequestRow[],
  now: Date,
): Promise<PartnerInformationRequestViewDto[]> {
  const responses = await responsesOf(
    manager,
    rows.map((r) => r.id),
  );
  // the child and reference once per contact (a contact's requests share them)
  const shared = new Map<string, [SharedChild | undefined, ContactFacts | undefined]>();
  for (const contactId of new Set(rows.map((r) => r.contact_id)))
    shared.set(contactId, [
      await facts.sharedChild(manager, contactId),
      await facts.facts(manager, contactId),
    ]);
  const views: PartnerInformationRequestViewDto[] = [];
  for (const r of rows) {
    const [child, contact] = shared.get(r.contact_id) ?? [undefined, undefined];
    views.push({
      id: r.id,
      reference: contact?.reference ?? '',
      status: r.status,
      rag: r.rag,
      requestedAt: iso(r.requested_at),
      dueAt: iso(r.due_at),
      timeliness: clock.at(r.first_response_at ?? now, r.requested_at, r.due_at).timeliness,
      questions: r.questions,
      lawfulBasis: r.lawful_basis,
      ...(r.consent_override_reason ? { consentOverrideReason: r.consent_override_reason } : {}),
      child: child ?? { firstName: '', lastName: '', household: [] },
      responses: responses.get(r.id) ?? [],
    });
  }
  return views;
}

// and as the asking front door reads it: who was asked, who asked, the chases too
export async function staffViews(
  manager: EntityManager,
  facts: ContactFactsReader,
  clock: TimelinessClock,
  rows: RequestRow[],
  now: Date,
): Promise<InformationRequestViewDto[]> {
  const partner = await partnerViews(manager, facts, clock, rows, now);
  const chases = await chasesOf(
    manager,
    rows.map((r) => r.id),
  );
  return rows.map((r, i) => ({
    ...partner[i],
    contactId: r.contact_id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    requestedBy: { id: r.requested_by, name: r.requested_by_name ?? '' },
    chases: chases.get(r.id) ?? [],
  }));
}
