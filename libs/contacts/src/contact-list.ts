import type { EntityManager } from 'typeorm';
import type { ContactListItemDto } from './dto/contact-list.dto';

// GET /api/contacts (issue 17 item 5): newest first by when the contact was received, then id,
// paged by a cursor on that order (a contact received since does not move a page's rows). One
// statement; every filter is on an index led by its column and received_at
// (ix_contact_received, ix_contact_status_received, ix_contact_rag_received,
// ix_contact_origin_agency, ix_contact_child_received). A declared projection: the agency's
// name (auth), who holds a claim (auth) and the acknowledgement of the decision (thresholds)

export interface ContactListFilter {
  status?: string;
  rag?: string;
  source?: string;
  agencyId?: string;
  childId?: string;
  from?: string;
  to?: string;
}

export interface ListPosition {
  // received_at exactly as PostgreSQL writes it (microseconds kept), and the id
  receivedAt: string;
  id: string;
}

export interface ListedContact {
  id: string;
  reference: string;
  child_id: string;
  child_name: string;
  status: string;
  received_at: Date;
  received_text: string;
  rag: string;
  source: string;
  decision_due_at: Date;
  agency_id: string;
  agency_name: string;
  claimed_by: string | null;
  claimed_by_name: string | null;
  outcome: string | null;
  acknowledgement: ContactListItemDto['acknowledgement'] | null;
}

const CONDITIONS: [keyof ContactListFilter, string][] = [
  ['status', 'c.status ='],
  ['rag', 'c.rag ='],
  ['source', 'c.source ='],
  ['agencyId', 'c.origin_agency_id ='],
  ['childId', 'c.child_id ='],
  ['from', 'c.received_at >='],
  ['to', 'c.received_at <'],
];

export async function listContacts(
  manager: EntityManager,
  filter: ContactListFilter,
  after: ListPosition | undefined,
  limit: number,
): Promise<{ rows: ListedContact[]; next?: ListPosition }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  for (const [key, condition] of CONDITIONS) {
    const value = filter[key];
    if (value !== undefined) where.push(`${condition} ${param(value)}`);
  }
  if (after) {
    where.push(`(c.received_at, c.id) < (${param(after.receivedAt)}::timestamptz, ${param(after.id)}::uuid)`);
  }
  const rows = (await manager.query(
    `select c.id, c.reference, c.child_id, ch.first_name || ' ' || ch.last_name as child_name, c.status,
            c.received_at, c.received_at::text as received_text, c.rag, c.source, c.decision_due_at,
            a.id as agency_id, a.name as agency_name, c.claimed_by, u.name as claimed_by_name, c.outcome,
            (select d.acknowledgement from threshold_decision d
              where d.contact_id = c.id and d.acknowledgement is not null
              order by d.decided_at desc limit 1) as acknowledgement
       from contact c
       join child ch on ch.id = c.child_id
       join agency a on a.id = c.origin_agency_id
       left join app_user u on u.id = c.claimed_by
      ${where.length ? `where ${where.join(' and ')}` : ''}
      order by c.received_at desc, c.id desc
      limit ${param(limit + 1)}`,
    params,
  )) as ListedContact[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    ...(rows.length > limit && last ? { next: { receivedAt: last.received_text, id: last.id } } : {}),
  };
}
