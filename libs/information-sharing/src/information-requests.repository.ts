import type { EntityManager } from 'typeorm';
import type { RagRating } from '@app/core';
import type { InformationChaseDto, InformationResponseDto } from './dto/information-request.dto';
import type { LawfulBasis, RequestStatus } from './policy/request-rules';

// information-sharing's tables (information_request, information_response, information_chase)
// and their SQL, in one place (decision 0029). Declared reads: agency (the asked agency's name
// and kind) and app_user (who asked, answered, chased).

export interface AgencyRow {
  id: string;
  name: string;
  kind: string;
}

export async function agenciesByIds(manager: EntityManager, ids: string[]): Promise<Map<string, AgencyRow>> {
  const rows = (await manager.query(`select id, name, kind from agency where id = any($1::uuid[])`, [
    ids,
  ])) as AgencyRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

// the agencies already asked about the contact and not yet answered; two requests about one
// contact at once are serialised here (a lock on the contact's requests for the transaction),
// so an agency is never asked twice at once (uq_information_request_open holds either way)
export async function openRequestAgencies(manager: EntityManager, contactId: string): Promise<Set<string>> {
  await manager.query(`select pg_advisory_xact_lock(hashtext('information_request:' || $1::text))`, [
    contactId,
  ]);
  const rows = (await manager.query(
    `select agency_id from information_request where contact_id = $1 and status = 'OPEN'`,
    [contactId],
  )) as { agency_id: string }[];
  return new Set(rows.map((r) => r.agency_id));
}

export interface NewRequest {
  agencyId: string;
  dueAt: Date;
  nextTransitionAt: Date | null;
}

// one request per agency, in one statement; the ids in the order given
export async function insertRequests(
  manager: EntityManager,
  r: {
    contactId: string;
    questions: string;
    lawfulBasis: LawfulBasis;
    consentOverrideReason: string | null;
    rag: RagRating;
    requestedBy: string;
    requestedAt: Date;
    requests: NewRequest[];
  },
): Promise<string[]> {
  const rows = (await manager.query(
    `insert into information_request (contact_id, agency_id, questions, lawful_basis, consent_override_reason,
                                      rag, status, requested_by, requested_at, due_at, next_transition_at)
     select $1, a.agency_id, $2, $3, $4, $5, 'OPEN', $6, $7, a.due_at, a.next_at
       from unnest($8::uuid[], $9::timestamptz[], $10::timestamptz[]) with ordinality as a(agency_id, due_at, next_at, ord)
      order by a.ord
     returning id`,
    [
      r.contactId,
      r.questions,
      r.lawfulBasis,
      r.consentOverrideReason,
      r.rag,
      r.requestedBy,
      r.requestedAt,
      r.requests.map((q) => q.agencyId),
      r.requests.map((q) => q.dueAt),
      r.requests.map((q) => q.nextTransitionAt),
    ],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

export interface RequestRow {
  id: string;
  contact_id: string;
  agency_id: string;
  agency_name: string;
  questions: string;
  lawful_basis: LawfulBasis;
  consent_override_reason: string | null;
  rag: RagRating;
  status: RequestStatus;
  requested_by: string;
  requested_by_name: string | null;
  requested_at: Date;
  due_at: Date;
  first_response_at: Date | null;
}

const REQUEST_COLUMNS = `r.id, r.contact_id, r.agency_id, a.name as agency_name, r.questions, r.lawful_basis,
  r.consent_override_reason, r.rag, r.status, r.requested_by, u.name as requested_by_name, r.requested_at,
  r.due_at, r.first_response_at`;

export async function requestById(
  manager: EntityManager,
  id: string,
  lock = false,
): Promise<RequestRow | undefined> {
  if (lock) await manager.query('select id from information_request where id = $1 for update', [id]);
  const rows = (await manager.query(
    `select ${REQUEST_COLUMNS}
       from information_request r join agency a on a.id = r.agency_id left join app_user u on u.id = r.requested_by
      where r.id = $1`,
    [id],
  )) as RequestRow[];
  return rows[0];
}

const REQUESTS_SHOWN = 100;

export async function requestsOfContact(manager: EntityManager, contactId: string): Promise<RequestRow[]> {
  return (await manager.query(
    `select ${REQUEST_COLUMNS}
       from information_request r join agency a on a.id = r.agency_id left join app_user u on u.id = r.requested_by
      where r.contact_id = $1
      order by r.requested_at, a.name, r.id limit $2`,
    [contactId, REQUESTS_SHOWN],
  )) as RequestRow[];
}

// the next version of the request's answer (the request row is locked: one version at a time),
// and the request's new status; the first answer or refusal ends the clock
export async function insertResponse(
  manager: EntityManager,
  r: {
    requestId: string;
    kind: 'ANSWER' | 'DECLINE';
    summary: string | null;
    knownToAgency: boolean | null;
    details: string | null;
    attachmentsNote: string | null;
    declineReason: string | null;
    respondedBy: string;
    respondedAt: Date;
  },
): Promise<{ id: string; version: number; status: RequestStatus }> {
  const rows = (await manager.query(
    `with v as (
       insert into information_response (request_id, version, kind, summary, known_to_agency, details,
                                         attachments_note, decline_reason, responded_by, responded_at)
       select $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9
         from information_response where request_id = $1
       returning id, version
     ), s as (
       update information_request
          set status = case when $2 = 'ANSWER' then 'ANSWERED' else 'DECLINED' end,
              first_response_at = coalesce(first_response_at, $9), next_transition_at = null
        where id = $1
       returning status
     )
     select v.id, v.version, s.status from v, s`,
    [
      r.requestId,
      r.kind,
      r.summary,
      r.knownToAgency,
      r.details,
      r.attachmentsNote,
      r.declineReason,
      r.respondedBy,
      r.respondedAt,
    ],
  )) as { id: string; version: number; status: RequestStatus }[];
  return rows[0];
}

export async function insertChase(
  manager: EntityManager,
  c: { requestId: string; note: string | null; chasedBy: string; chasedAt: Date },
): Promise<{ id: string; chases: number }> {
  const rows = (await manager.query(
    `with c as (
       insert into information_chase (request_id, note, chased_by, chased_at) values ($1, $2, $3, $4) returning id
     )
     select c.id, (select count(*)::int from information_chase where request_id = $1) + 1 as chases from c`,
    [c.requestId, c.note, c.chasedBy, c.chasedAt],
  )) as { id: string; chases: number }[];
  return rows[0];
}

const iso = (d: Date | string) => new Date(d).toISOString();

export async function responsesOf(
  manager: EntityManager,
  requestIds: string[],
): Promise<Map<string, InformationResponseDto[]>> {
  const rows = (await manager.query(
    `select v.id, v.request_id, v.version, v.kind, v.summary, v.known_to_agency, v.details, v.attachments_note,
            v.decline_reason, v.responded_by, u.name as responded_by_name, v.responded_at
       from information_response v left join app_user u on u.id = v.responded_by
      where v.request_id = any($1::uuid[])
      order by v.request_id, v.version`,
    [requestIds],
  )) as {
    id: string;
    request_id: string;
    version: number;
    kind: 'ANSWER' | 'DECLINE';
    summary: string | null;
    known_to_agency: boolean | null;
    details: string | null;
    attachments_note: string | null;
    decline_reason: string | null;
    responded_by: string;
    responded_by_name: string | null;
    responded_at: Date;
  }[];
  const out = new Map<string, InformationResponseDto[]>();
  for (const r of rows) {
    const list = out.get(r.request_id) ?? [];
    list.push({
      id: r.id,
      version: r.version,
      kind: r.kind,
      ...(r.summary !== null ? { summary: r.summary } : {}),
      ...(r.known_to_agency !== null ? { knownToAgency: r.known_to_agency } : {}),
      ...(r.details !== null ? { details: r.details } : {}),
      ...(r.attachments_note !== null ? { attachmentsNote: r.attachments_note } : {}),
      ...(r.decline_reason !== null ? { declineReason: r.decline_reason } : {}),
      respondedBy: { id: r.responded_by, name: r.responded_by_name ?? '' },
      respondedAt: iso(r.responded_at),
    });
    out.set(r.request_id, list);
  }
  return out;
}

export async function chasesOf(
  manager: EntityManager,
  requestIds: string[],
): Promise<Map<string, InformationChaseDto[]>> {
  const rows = (await manager.query(
    `select c.id, c.request_id, c.note, c.chased_by, u.name as chased_by_name, c.chased_at
       from information_chase c left join app_user u on u.id = c.chased_by
      where c.request_id = any($1::uuid[])
      order by c.request_id, c.chased_at, c.id`,
    [requestIds],
  )) as {
    id: string;
    request_id: string;
    note: string | null;
    chased_by: string;
    chased_by_name: string | null;
    chased_at: Date;
  }[];
  const out = new Map<string, InformationChaseDto[]>();
  for (const r of rows) {
    const list = out.get(r.request_id) ?? [];
    list.push({
      id: r.id,
      ...(r.note !== null ? { note: r.note } : {}),
      chasedBy: { id: r.chased_by, name: r.chased_by_name ?? '' },
      chasedAt: iso(r.chased_at),
    });
    out.set(r.request_id, list);
  }
  return out;
}

export async function openRequestCount(manager: EntityManager, contactId: string): Promise<number> {
  const rows = (await manager.query(
    `select count(*)::int as n from information_request where contact_id = $1 and status = 'OPEN'`,
    [contactId],
  )) as { n: number }[];
  return rows[0].n;
}

// the agencies the front door may ask: every agency but the local authority's own, by name
export async function askableAgencies(manager: EntityManager): Promise<AgencyRow[]> {
  return (await manager.query(
    `select id, name, kind from agency where kind <> 'LA_SOCIAL_CARE' order by lower(name), id`,
  )) as AgencyRow[];
}
