import type { EntityManager } from 'typeorm';
import type { ChildHistoryEntryDto, HouseholdMemberDto } from './dto/child-view.dto';

// the child record's projection (issue 17 item 2; docs/architecture.md "Declared cross-module
// reads"): referrals, DA notifications and strategy discussions (with their s47 outcome and
// ICPC) are other modules' tables,
// and those modules depend on contacts, so the history reads them rather than calling them

// enough for any child's front-door life; a bound all the same
const HISTORY_PER_KIND = 500;
const HOUSEHOLD_MEMBERS = 50;

// every kind in one statement, oldest first (ix_contact_child_received, ix_referral_child_date,
// ix_da_notification_child_child, ix_strategy_discussion_contact)
const HISTORY_SQL = `
  select * from (
    (select 'CONTACT' as kind, c.id, c.received_at as at, c.reference, c.rag, c.status, c.outcome,
            null::text as referral_date, null::boolean as re_referral, null::uuid as contact_id,
            null::timestamptz as due_at, null::timestamptz as held_at, null::text as s47_outcome,
            null::timestamptz as s47_concluded_at, null::timestamptz as icpc_held_at,
            null::boolean as child_protection_plan, null::text as plan_category
       from contact c where c.child_id = $1 order by c.received_at limit $2)
    union all
    (select 'REFERRAL', r.id, r.created_at, null, null, null, null, to_char(r.referral_date, 'YYYY-MM-DD'), r.re_referral, r.contact_id,
            null, null, null, null, null, null, null
       from referral r where r.child_id = $1 order by r.referral_date limit $2)
    union all
    (select 'DA_NOTIFICATION', n.id, n.received_at, n.police_reference, n.rag, n.status, n.triage_outcome,
            null, null, dc.contact_id, null, null, null, null, null, null, null
       from da_notification_child dc join da_notification n on n.id = dc.notification_id
      where dc.child_id = $1 order by n.received_at limit $2)
    union all
    (select 'STRATEGY_DISCUSSION', s.id, s.created_at, null, null, s.status, sr.outcome, null, null, s.contact_id,
            s.due_at, sr.held_at, eo.outcome, eo.concluded_at, ic.held_at, ic.child_protection_plan, ic.category
       from contact sc join strategy_discussion s on s.contact_id = sc.id
       left join strategy_record sr on sr.discussion_id = s.id and sr.current
       left join strategy_enquiry_outcome eo on eo.discussion_id = s.id
       left join strategy_icpc ic on ic.discussion_id = s.id
      where sc.child_id = $1 order by s.created_at limit $2)
  ) h
  order by h.at, h.kind, h.id`;

interface HistoryRow {
  kind: string;
  id: string;
  at: Date;
  reference: string | null;
  rag: string | null;
  status: string | null;
  outcome: string | null;
  referral_date: string | null;
  re_referral: boolean | null;
  contact_id: string | null;
  due_at: Date | null;
  held_at: Date | null;
  s47_outcome: string | null;
  s47_concluded_at: Date | null;
  icpc_held_at: Date | null;
  child_protection_plan: boolean | null;
  plan_category: string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();
export async function childHistoryEntries(
  manager: EntityManager,
  childId: string,
): Promise<ChildHistoryEntryDto[]> {
  const rows = (await manager.query(HISTORY_SQL, [childId, HISTORY_PER_KIND])) as HistoryRow[];
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    at: iso(r.at),
    ...(r.reference !== null ? { reference: r.reference } : {}),
    ...(r.rag !== null ? { rag: r.rag } : {}),
    ...(r.status !== null ? { status: r.status } : {}),
    ...(r.outcome !== null ? { outcome: r.outcome } : {}),
    ...(r.referral_date !== null ? { referralDate: r.referral_date } : {}),
    ...(r.re_referral !== null ? { reReferral: r.re_referral } : {}),
    ...(r.contact_id !== null ? { contactId: r.contact_id } : {}),
    ...(r.due_at !== null ? { dueAt: iso(r.due_at) } : {}),
    ...(r.held_at !== null ? { heldAt: iso(r.held_at) } : {}),
    ...(r.s47_outcome !== null && r.s47_concluded_at !== null
      ? { s47Outcome: { outcome: r.s47_outcome, concludedAt: iso(r.s47_concluded_at) } }
      : {}),
    ...(r.icpc_held_at !== null && r.child_protection_plan !== null
      ? {
          icpc: {
            heldAt: iso(r.icpc_held_at),
            childProtectionPlan: r.child_protection_plan,
            ...(r.plan_category !== null ? { category: r.plan_category } : {}),
          },
        }
      : {}),
  }));
}

// the other children of every household the child's contacts name (ix_contact_child_received,
// ix_contact_household), by name
export async function householdMembers(
  manager: EntityManager,
  childId: string,
): Promise<HouseholdMemberDto[]> {
  const rows = (await manager.query(
    `select ch.id, ch.first_name, ch.last_name, to_char(ch.date_of_birth, 'YYYY-MM-DD') as date_of_birth
       from child ch
      where ch.id <> $1
        and ch.id in (select o.child_id from contact mine join contact o on o.household_id = mine.household_id
                       where mine.child_id = $1)
      order by ch.last_name, ch.first_name, ch.id limit $2`,
    [childId, HOUSEHOLD_MEMBERS],
  )) as { id: string; first_name: string; last_name: string; date_of_birth: string | null }[];
  return rows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    ...(r.date_of_birth ? { dateOfBirth: r.date_of_birth } : {}),
  }));
}

// the queue items that name a child, so a new name (a correction, a merge) shows on them: its
// open contacts (the screening and authorisation queues) and the strategy discussions of its
// contacts (the strategy queue; one it no longer shows is a no-op there)
export async function queueItemsNaming(
  manager: EntityManager,
  childId: string,
): Promise<{ entity: 'contact' | 'strategy_discussion'; id: string }[]> {
  const rows = (await manager.query(
    `(select 'contact' as entity, c.id from contact c
       where c.child_id = $1 and c.status <> 'DECIDED' order by c.received_at, c.id limit 500)
     union all
     (select 'strategy_discussion', s.id from contact c join strategy_discussion s on s.contact_id = c.id
       where c.child_id = $1 order by s.created_at, s.id limit 500)`,
    [childId],
  )) as { entity: 'contact' | 'strategy_discussion'; id: string }[];
  return rows;
}
