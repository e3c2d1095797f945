import type { EntityManager } from 'typeorm';
import { childRowsOf } from '@app/contacts';
import type { NotificationChildDto } from './dto/submit-notification.dto';
import { childNamesOf, type NotificationRow } from './notification-reader';

// domestic-abuse's tables and the SQL its use cases run on them, in one place: da_notification,
// da_notification_child, encompass_notification. Only this module writes them. The read side
// for views is notification-reader.ts; the queues' SQL is in da-queues.ts.

// a da_notification row as inserted, by column name
export interface NewNotification {
  id: string;
  force_agency_id: string;
  police_reference: string;
  request_hash: string;
  received_at: Date;
  incident_at: Date;
  submission_delay_minutes: number;
  risk_tool: string;
  risk_level: string;
  dash_score: number | null;
  // jsonb columns, as json text
  victim: string;
  victim_key: string;
  perpetrator: string;
  relationship: string;
  injuries: boolean;
  weapon_used: boolean;
  substance_misuse: boolean | null;
  summary: string;
  officer: string;
  suggested_outcome: string;
  suggested_marac: boolean;
  suggestion_reasons: string[];
  marac_reasons: string[];
  marac: boolean;
  rag: string;
  triage_due_at: Date;
  next_transition_at: Date | null;
  status: 'AWAITING_TRIAGE';
  household_id: string;
  created_by: string;
}

// an INSERT naming its columns, (a, b, ...) values ($1, $2, ...), from a row keyed by column name
function namedInsert(table: string, row: object): { sql: string; params: unknown[] } {
  const columns = Object.keys(row);
  return {
    sql: `insert into ${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    params: Object.values(row),
  };
}

// false when a concurrent submission of the same force and reference won
export async function insertNotification(manager: EntityManager, row: NewNotification): Promise<boolean> {
  const { sql, params } = namedInsert('da_notification', row);
  const inserted = (await manager.query(
    `${sql} on conflict (force_agency_id, police_reference) do nothing returning id`,
    params,
  )) as unknown[];
  return inserted.length > 0;
}

export async function findByReference(
  manager: EntityManager,
  forceAgencyId: string,
  reference: string,
): Promise<{ id: string; request_hash: string } | undefined> {
  const [found] = (await manager.query(
    `select id, request_hash from da_notification where force_agency_id = $1 and police_reference = $2`,
    [forceAgencyId, reference],
  )) as { id: string; request_hash: string }[];
  return found;
}

// the victim's earlier incidents in the 12 months before this one (any force), and whether one
// within the last `maracMonths` ended with a MARAC flag
export async function victimHistory(
  manager: EntityManager,
  victimKey: string,
  incidentAt: Date,
  maracMonths: number,
): Promise<{ earlier: number; marac: boolean }> {
  const [victim] = (await manager.query(
    `select count(*) filter (where incident_at > $2::timestamptz - interval '12 months')::int as earlier,
            coalesce(bool_or(marac) filter (where incident_at > $2::timestamptz - make_interval(months => $3)), false) as marac
       from da_notification
      where victim_key = $1 and incident_at <= $2
        and incident_at > $2::timestamptz - make_interval(months => greatest(12, $3))`,
    [victimKey, incidentAt, maracMonths],
  )) as { earlier: number; marac: boolean }[];
  return victim;
}

export async function insertNotificationChild(
  manager: EntityManager,
  notificationId: string,
  position: number,
  childId: string,
  reported: NotificationChildDto,
): Promise<void> {
  await manager.query(
    `insert into da_notification_child (notification_id, position, child_id, reported) values ($1, $2, $3, $4)`,
    [notificationId, position, childId, JSON.stringify(reported)],
  );
}

export async function insertEncompass(
  manager: EntityManager,
  e: {
    notificationId: string;
    childId: string;
    school: string | null;
    dueAt: Date;
    rag: string;
    nextTransitionAt: Date | null;
    createdAt: Date;
  },
): Promise<string> {
  const [encompass] = (await manager.query(
    `insert into encompass_notification (notification_id, child_id, school, due_at, status, rag, next_transition_at, created_at)
     values ($1, $2, $3, $4, 'PENDING', $5, $6, $7) returning id`,
    [e.notificationId, e.childId, e.school, e.dueAt, e.rag, e.nextTransitionAt, e.createdAt],
  )) as { id: string }[];
  return encompass.id;
}

// one triage: of two screeners at once, one wins (true) and the other hears it is done
export async function triage(
  manager: EntityManager,
  t: {
    id: string;
    outcome: string;
    rationale: string | null;
    triagedBy: string;
    triagedAt: Date;
    marac: boolean;
  },
): Promise<boolean> {
  const updated = (await manager.query(
    `update da_notification
        set status = 'TRIAGED', triage_outcome = $2, triage_rationale = $3, triaged_by = $4, triaged_at = $5,
            triaged_within_timescale = $5 <= triage_due_at, marac = $6, next_transition_at = null
      where id = $1 and status = 'AWAITING_TRIAGE'
      returning id`,
    [t.id, t.outcome, t.rationale, t.triagedBy, t.triagedAt, t.marac],
  )) as [unknown[], number];
  return updated[1] > 0;
}

export async function notificationChildren(
  manager: EntityManager,
  notificationId: string,
): Promise<{ id: string; reported: NotificationChildDto }[]> {
  return (await manager.query(
    `select id, reported from da_notification_child where notification_id = $1 order by position`,
    [notificationId],
  )) as { id: string; reported: NotificationChildDto }[];
}

export async function linkChildContact(
  manager: EntityManager,
  notificationChildId: string,
  contactId: string,
): Promise<void> {
  await manager.query('update da_notification_child set contact_id = $2 where id = $1', [
    notificationChildId,
    contactId,
  ]);
}

// the school's key adult told: the due time when this call recorded it, 'SENT' when it was
// recorded already, undefined when there is no such school notification
export async function markEncompassSent(
  manager: EntityManager,
  s: { id: string; sentAt: Date; sentBy: string; method: string; recipient: string },
): Promise<{ dueAt: Date; notificationId: string } | 'SENT' | undefined> {
  const updated = (await manager.query(
    `update encompass_notification
        set status = 'SENT', sent_at = $2, sent_by = $3, method = $4, recipient = $5, next_transition_at = null
      where id = $1 and status = 'PENDING'
      returning due_at, notification_id`,
    [s.id, s.sentAt, s.sentBy, s.method, s.recipient],
  )) as [{ due_at: Date; notification_id: string }[], number];
  if (updated[1] > 0) {
    return { dueAt: new Date(updated[0][0].due_at), notificationId: updated[0][0].notification_id };
  }
  const [exists] = (await manager.query('select status from encompass_notification where id = $1', [
    s.id,
  ])) as unknown[];
  return exists ? 'SENT' : undefined;
}

// a declared read of auth's agency table: the force's name, told to the contacts made from
// its notification as the referrer's organisation
export async function agencyName(manager: EntityManager, agencyId: string): Promise<string> {
  const [force] = (await manager.query('select name from agency where id = $1', [agencyId])) as {
    name: string;
  }[];
  return force.name;
}

// newest first; `forceAgencyId` null for every force's
export async function listNotifications(
  manager: EntityManager,
  forceAgencyId: string | null,
  status: string | null,
  limit: number,
): Promise<NotificationRow[]> {
  return (await manager.query(
    `select n.*, ${childNamesOf('n')} as child_names from da_notification n
      where ($1::uuid is null or n.force_agency_id = $1) and ($2::text is null or n.status = $2)
      order by n.received_at desc limit $3`,
    [forceAgencyId, status, limit],
  )) as NotificationRow[];
}

// decision 0028: a merge moves the duplicate's places on notifications and its school
// notifications to the kept record, an unmerge exactly those back (contacts' ChildRowOwners asks)
export const notificationChildRows = childRowsOf('da_notification_child', {
  move: 'update da_notification_child set child_id = $2 where child_id = $1 returning id',
  restore: 'update da_notification_child set child_id = $3 where id = any($1::uuid[]) and child_id = $2',
});

export const encompassChildRows = childRowsOf('encompass_notification', {
  move: 'update encompass_notification set child_id = $2 where child_id = $1 returning id',
  restore: 'update encompass_notification set child_id = $3 where id = any($1::uuid[]) and child_id = $2',
});

// what information sharing asks of a notification (issue 18 item 6): its triage and the
// contacts the triage made
export async function notificationTriageContacts(
  manager: EntityManager,
  notificationId: string,
): Promise<
  { status: string; outcome: string | null; triagedBy: string | null; contactIds: string[] } | undefined
> {
  const rows = (await manager.query(
    `select n.status, n.triage_outcome, n.triaged_by,
            coalesce(array_agg(c.contact_id order by c.position) filter (where c.contact_id is not null), '{}') as contact_ids
       from da_notification n left join da_notification_child c on c.notification_id = n.id
      where n.id = $1
      group by n.id`,
    [notificationId],
  )) as { status: string; triage_outcome: string | null; triaged_by: string | null; contact_ids: string[] }[];
  const r = rows[0];
  return r
    ? { status: r.status, outcome: r.triage_outcome, triagedBy: r.triaged_by, contactIds: r.contact_ids }
    : undefined;
}
