import type { EntityManager } from 'typeorm';
import { DomainError, type WorkingCalendar } from '@app/core';
import type {
  ChildDto,
  ContactDto,
  HistoryDto,
  HistoryItemDto,
  HouseholdContactDto,
  PartnerContactDto,
  RagChangeDto,
} from './dto/contact-response.dto';
import { ChildEntity } from './entities/child.entity';
import { ContactEntity } from './entities/contact.entity';
import type { ContactSections } from './contact-sections';

const HISTORY_ITEMS = 50;
const HOUSEHOLD_ITEMS = 50;

export interface HistoryCounts {
  contactsLast12Months: number;
  referralsLast12Months: number;
}

// a moment, and its date where the front door is (calendar.yml's time zone): referrals are
// dated, contacts timed
export interface AsOf {
  instant: Date;
  localDate: string;
}

export function asOfIn(calendar: WorkingCalendar, instant: Date): AsOf {
  return { instant, localDate: calendar.localDate(instant) };
}

// the counts for `child`, as of the instant and its local date, leaving out a contact (SQL
// expressions: parameters or columns of the statement it is part of)
export function historyCountsSql(child: string, instant: string, exclude: string, localDate: string): string {
  return `select
       (select count(*) from contact
         where child_id = ${child} and received_at > ${instant}::timestamptz - interval '12 months' and received_at <= ${instant}
           and id is distinct from ${exclude})::int as contacts,
       (select count(*) from referral
         where child_id = ${child} and referral_date > ${localDate}::date - interval '12 months' and referral_date <= ${localDate}::date
           and contact_id is distinct from ${exclude})::int as referrals`;
}

const HISTORY_COUNTS_SQL = historyCountsSql('$1', '$2', '$3', '$4');

// other contacts and referrals of the child in the 12 months before `asOf`
// (ix_contact_child_received, ix_referral_child_date)
export async function historyCounts(
  manager: EntityManager,
  childId: string,
  asOf: AsOf,
  excludeContactId: string | null,
): Promise<HistoryCounts> {
  const [row] = (await manager.query(HISTORY_COUNTS_SQL, [
    childId,
    asOf.instant,
    excludeContactId,
    asOf.localDate,
  ])) as { contacts: number; referrals: number }[];
  return { contactsLast12Months: row.contacts, referralsLast12Months: row.referrals };
}

// the child's history, newest first, leaving out the contact being read (null: none)
async function historyItems(
  manager: EntityManager,
  childId: string,
  contactId: string | null,
): Promise<HistoryItemDto[]> {
  const rows = (await manager.query(
    `(select 'CONTACT' as kind, c.id, c.reference, c.received_at as date, c.rag, c.status, c.categories, c.outcome
        from contact c where c.child_id = $1 and c.id is distinct from $2
        order by c.received_at desc limit $3)
     union all
     (select 'REFERRAL', r.id, null, r.referral_date::timestamptz, null, null, null, null
        from referral r where r.child_id = $1 and r.contact_id is distinct from $2
        order by r.referral_date desc limit $3)
     union all
     (select 'DA_NOTIFICATION', n.id, n.police_reference, n.incident_at, n.rag, n.status, null, n.triage_outcome
        from da_notification_child dc join da_notification n on n.id = dc.notification_id
       where dc.child_id = $1
        order by n.incident_at desc limit $3)
     order by date desc limit $3`,
    [childId, contactId, HISTORY_ITEMS],
  )) as {
    kind: string;
    id: string;
    reference: string | null;
    date: Date;
    rag: string | null;
    status: string | null;
    categories: string[] | null;
    outcome: string | null;
  }[];
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    ...(r.reference ? { reference: r.reference } : {}),
    date: new Date(r.date).toISOString(),
    ...(r.rag ? { rag: r.rag } : {}),
    ...(r.status ? { status: r.status } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
    ...(r.outcome ? { outcome: r.outcome } : {}),
  }));
}

// a child's contacts and referrals in the 12 months before `asOf`, less the contact (and its
// referral) a record made of them, and all their history items (a DA notification's children,
// as the screener triaging it reads them: the counts as they stood when it arrived)
export async function childHistory(
  manager: EntityManager,
  childId: string,
  asOf: AsOf,
  notCounted: string | null,
): Promise<HistoryDto> {
  return {
    ...(await historyCounts(manager, childId, asOf, notCounted)),
    items: await historyItems(manager, childId, null),
  };
}

export interface Household {
  contacts: HouseholdContactDto[];
  // the children those contacts are about, other than the contact's own (each read is audited)
  otherChildIds: string[];
}

// the other contacts of the contact's household, newest first (ix_contact_household)
export async function householdOf(manager: EntityManager, contact: ContactEntity): Promise<Household> {
  const rows = (await manager.query(
    `select c.id, c.reference, c.status, c.rag, c.received_at, c.child_id,
            ch.first_name, ch.last_name, to_char(ch.date_of_birth, 'YYYY-MM-DD') as date_of_birth
       from contact c join child ch on ch.id = c.child_id
      where c.household_id = $1 and c.id <> $2
      order by c.received_at desc, c.id limit $3`,
    [contact.householdId, contact.id, HOUSEHOLD_ITEMS],
  )) as {
    id: string;
    reference: string;
    status: string;
    rag: string;
    received_at: Date;
    child_id: string;
    first_name: string;
    last_name: string;
    date_of_birth: string | null;
  }[];
  return {
    contacts: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      rag: r.rag,
      receivedAt: r.received_at.toISOString(),
      child: {
        firstName: r.first_name,
        lastName: r.last_name,
        ...(r.date_of_birth ? { dateOfBirth: r.date_of_birth } : {}),
      },
    })),
    otherChildIds: [...new Set(rows.map((r) => r.child_id))].filter((id) => id !== contact.childId),
  };
}

export function childDto(child: ChildEntity): ChildDto {
  const optional = {
    dateOfBirth: child.dateOfBirth,
    expectedDateOfBirth: child.expectedDateOfBirth,
    sex: child.sex,
    ethnicity: child.ethnicity,
    postcode: child.postcode,
    address: child.address,
    nhsNumber: child.nhsNumber,
    school: child.school,
    upn: child.upn,
    firstLanguage: child.firstLanguage,
    interpreterNeeded: child.interpreterNeeded,
    openToSocialCareSince: child.openToSocialCareSince,
    caseSystemId: child.caseSystemId,
    laChildId: child.laChildId,
    // decision 0027: an empty list is "not known", shown as nothing
    disabilities: child.disabilities?.length ? child.disabilities : null,
  };
  return {
    id: child.id,
    firstName: child.firstName,
    lastName: child.lastName,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== null && v !== undefined)),
  };
}

export function partnerView(contact: ContactEntity): PartnerContactDto {
  return {
    id: contact.id,
    reference: contact.reference,
    householdId: contact.householdId,
    status: contact.status,
    receivedAt: contact.receivedAt.toISOString(),
  };
}

// the parts other modules add to a contact (a decision, its referral, the referrer's
// acknowledgement), each for the audience that may see it
export async function sectionsFor(
  manager: EntityManager,
  sections: ContactSections,
  contactId: string,
  audience: 'staff' | 'partner',
): Promise<Record<string, unknown>> {
  // one after another: they share the transaction's one connection, which runs one statement
  // at a time anyway (node-pg queues a second, and pg 9 refuses it)
  const parts: object[] = [];
  for (const section of sections.all()) parts.push(await section.read(manager, contactId, audience));
  return Object.assign({}, ...parts);
}

export async function findContact(manager: EntityManager, id: string): Promise<ContactEntity> {
  const contact = await manager.getRepository(ContactEntity).findOne({ where: { id } });
  if (!contact) throw DomainError.notFound('contact');
  return contact;
}

async function ragHistoryOf(manager: EntityManager, contactId: string): Promise<RagChangeDto[]> {
  const ragRows = (await manager.query(
    `select r.from_rag, r.to_rag, r.reason, r.changed_at, r.decision_due_at, u.id as user_id, u.name as user_name
       from contact_rag_change r join app_user u on u.id = r.changed_by
      where r.contact_id = $1 order by r.id`,
    [contactId],
  )) as {
    from_rag: string | null;
    to_rag: string;
    reason: string | null;
    changed_at: Date;
    decision_due_at: Date;
    user_id: string;
    user_name: string;
  }[];
  return ragRows.map((r) => ({
    fromRag: r.from_rag,
    toRag: r.to_rag,
    reason: r.reason,
    changedBy: { id: r.user_id, name: r.user_name },
    changedAt: new Date(r.changed_at).toISOString(),
    decisionDueAt: new Date(r.decision_due_at).toISOString(),
  }));
}

// the whole contact as MACH staff see it; `items` false for the intake response, which
// passes the child, history counts and first rating it has just written
export async function staffView(
  manager: EntityManager,
  contact: ContactEntity,
  asOf: AsOf,
  withItems: boolean,
  known?: { child: ChildEntity; counts: HistoryCounts; ragHistory: RagChangeDto[] },
): Promise<ContactDto> {
  const child =
    known?.child ??
    (await manager.getRepository(ChildEntity).findOneOrFail({ where: { id: contact.childId } }));
  const counts = known?.counts ?? (await historyCounts(manager, contact.childId, asOf, contact.id));
  const history: HistoryDto = withItems
    ? { ...counts, items: await historyItems(manager, contact.childId, contact.id) }
    : counts;
  const ragHistory = known?.ragHistory ?? (await ragHistoryOf(manager, contact.id));
  let claimedBy: { id: string; name: string } | undefined;
  if (contact.claimedBy) {
    const [holder] = (await manager.query('select id, name from app_user where id = $1', [
      contact.claimedBy,
    ])) as {
      id: string;
      name: string;
    }[];
    claimedBy = holder;
  }
  return {
    id: contact.id,
    reference: contact.reference,
    householdId: contact.householdId,
    source: contact.source,
    status: contact.status,
    rag: contact.rag,
    suggestedRag: contact.suggestedRag,
    ragReasons: contact.ragReasons,
    receivedAt: contact.receivedAt.toISOString(),
    decisionDueAt: contact.decisionDueAt.toISOString(),
    categories: contact.categories,
    concerns: contact.concerns,
    injury: contact.injury,
    immediateRisk: contact.immediateRisk,
    referrer: contact.referrer,
    ...(contact.outcome ? { outcome: contact.outcome } : {}),
    consent: {
      status: contact.consentStatus,
      ...(contact.consentReason ? { reason: contact.consentReason } : {}),
    },
    child: childDto(child),
    history,
    ...(claimedBy ? { claimedBy, claimedAt: contact.claimedAt?.toISOString() } : {}),
    ragHistory,
  };
}
