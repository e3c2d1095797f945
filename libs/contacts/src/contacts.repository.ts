import type { DataSource, EntityManager } from 'typeorm';
import { ASSIGNEE_ROLES, assigneeSql } from '@app/auth';
import type { RagRating } from '@app/core';
import { preparedStatement } from '@app/database';
import { ContactEntity, type ContactStatus, type Referrer } from './entities/contact.entity';
import { ContactRagChangeEntity } from './entities/contact-rag-change.entity';

// contacts' writes to its tables (child, contact, contact_rag_change) and the reads its use
// cases make around them, in one place. Only this module writes them: other modules move a
// contact on through ScreeningTransitions and ContactRecorder. The read side for views and a
// child's history is contact-reader.ts; the child register's lookup is child-matching.ts.
// Reads of auth's app_user here are declared: the name of whoever holds a claim (who may hold
// one is auth's rule, its Assignees, whose select a claim's statement includes).

export interface ClaimState {
  status: ContactStatus;
  claimed_by: string | null;
  claimed_at: Date | null;
  holder_name: string | null;
}

const CLAIM_STATE_COLUMNS = 'c.status, c.claimed_by, c.claimed_at, u.name as holder_name';

export async function claimState(manager: EntityManager, contactId: string): Promise<ClaimState | undefined> {
  const [row] = (await manager.query(
    `select ${CLAIM_STATE_COLUMNS} from contact c left join app_user u on u.id = c.claimed_by where c.id = $1`,
    [contactId],
  )) as ClaimState[];
  return row;
}

// one statement, a transaction of its own: a conditional UPDATE, as a manager's assignment
// (`reassign`) takes the contact from whoever holds it and a claim takes a free one, only for a
// holder auth's rule accepts (Assignees), with the journal's rows for a win (`journal`: its
// CTEs, written only when the update won: CLAIM_JOURNAL). When it does not win, the same
// statement says who holds it (as its snapshot saw it; undefined: no such contact). A contact
// the snapshot shows as still free lost to a claim that committed while this one waited for
// its row: read again.
export const CLAIM_JOURNAL = { when: 'exists (select 1 from won)', first: 5 };

export type ClaimOutcome =
  { won: true; holderName: string } | { won: false; assignable: boolean; state: ClaimState | undefined };

export async function claim(
  dataSource: DataSource,
  contactId: string,
  holderId: string,
  reassign: boolean,
  now: Date,
  journal: { sql: string; params: unknown[] },
): Promise<ClaimOutcome> {
  const [row] = await preparedStatement<ClaimState & { won: boolean; assignee_name: string | null }>(
    dataSource,
    `with holder as (${assigneeSql('$2', '$4')}),
     won as (
       update contact set claimed_by = $2, claimed_at = $3, status = 'IN_SCREENING', updated_at = $3
        where id = $1 and status in ('RECEIVED', 'IN_SCREENING')
          and ${reassign ? 'claimed_by is distinct from $2' : 'claimed_by is null'}
          and exists (select 1 from holder)
        returning id),
     ${journal.sql}
     select exists (select 1 from won) as won, (select name from holder) as assignee_name, ${CLAIM_STATE_COLUMNS}
       from (select $1::uuid as id) k left join contact c on c.id = k.id left join app_user u on u.id = c.claimed_by`,
    [contactId, holderId, now, ASSIGNEE_ROLES, ...journal.params],
  );
  if (row.won) return { won: true, holderName: row.assignee_name ?? '' };
  const assignable = row.assignee_name !== null;
  if (row.status === null) return { won: false, assignable, state: undefined };
  const free =
    (row.status === 'RECEIVED' || row.status === 'IN_SCREENING') &&
    (reassign ? row.claimed_by !== holderId : row.claimed_by === null);
  if (free && assignable)
    return { won: false, assignable, state: await claimState(dataSource.manager, contactId) };
  const { status, claimed_by, claimed_at, holder_name } = row;
  return { won: false, assignable, state: { status, claimed_by, claimed_at, holder_name } };
}

// back to the queue: canActOnClaim(user, claimed_by, 'the claim'), settled in the UPDATE.
// False when nothing was released.
export async function release(
  manager: EntityManager,
  contactId: string,
  userId: string,
  anyHolder: boolean,
  now: Date,
): Promise<boolean> {
  const released = (await manager.query(
    `update contact set claimed_by = null, claimed_at = null, status = 'RECEIVED', updated_at = $3
      where id = $1 and status = 'IN_SCREENING' and (claimed_by = $2 or $4)
      returning claimed_by`,
    [contactId, userId, now, anyHolder],
  )) as [unknown[], number];
  return released[1] > 0;
}

export async function contactStatus(
  manager: EntityManager,
  contactId: string,
): Promise<ContactStatus | undefined> {
  const [row] = (await manager.query('select status from contact where id = $1', [contactId])) as {
    status: ContactStatus;
  }[];
  return row?.status;
}

// the contact's columns a threshold decision reads
export interface DecisionRow {
  id: string;
  child_id: string;
  rag: RagRating;
  source: string;
  received_at: Date;
  decision_due_at: Date;
  prior_contacts_12m: number;
  referrer: Referrer;
  origin_agency_id: string;
  status: ContactStatus;
}

// held to the end of the decision's transaction: what is added to the contact under FOR SHARE
// (an information request, ContactFactsReader.facts 'hold') is settled before or after it
export async function contactForDecision(
  manager: EntityManager,
  contactId: string,
): Promise<DecisionRow | undefined> {
  const [row] = (await manager.query(
    `select id, child_id, rag, source, received_at, decision_due_at, prior_contacts_12m, referrer, origin_agency_id, status
       from contact where id = $1 for no key update`,
    [contactId],
  )) as DecisionRow[];
  return row;
}

// out of screening, to DECIDED or AWAITING_AUTHORISATION, when the contact is still open, its
// rating is still `expectedRag` and the user holds it (or is a manager). False when not.
export async function closeScreening(
  manager: EntityManager,
  c: {
    contactId: string;
    userId: string;
    // canActOnClaim(user, claimed_by, 'the claim'), settled in the UPDATE
    overridesClaims: boolean;
    expectedRag: RagRating;
    status: 'DECIDED' | 'AWAITING_AUTHORISATION';
    outcome: string | null;
    now: Date;
  },
): Promise<boolean> {
  const updated = (await manager.query(
    `update contact set status = $4, outcome = $5, updated_at = $6,
            next_transition_at = case when $4 = 'DECIDED' then null else next_transition_at end
      where id = $1 and status in ('RECEIVED', 'IN_SCREENING') and rag = $3
        and (claimed_by = $2 or $7)
      returning id`,
    [c.contactId, c.userId, c.expectedRag, c.status, c.outcome, c.now, c.overridesClaims],
  )) as [unknown[], number];
  return updated[1] === 1;
}

export async function closeState(
  manager: EntityManager,
  contactId: string,
): Promise<
  { status: ContactStatus; rag: RagRating; claimed_by: string | null; holder_name: string | null } | undefined
> {
  const [row] = (await manager.query(
    `select c.status, c.rag, c.claimed_by, u.name as holder_name
       from contact c left join app_user u on u.id = c.claimed_by where c.id = $1`,
    [contactId],
  )) as { status: ContactStatus; rag: RagRating; claimed_by: string | null; holder_name: string | null }[];
  return row;
}

// a manager's answer to a decision awaiting authorisation: in force, or back to screening
// (the screener keeps the claim). False when the contact was not awaiting authorisation.
export async function settleAuthorisation(
  manager: EntityManager,
  contactId: string,
  approved: boolean,
  outcome: string,
  now: Date,
): Promise<boolean> {
  const updated = (await manager.query(
    `update contact
        set status = case when $2 then 'DECIDED' when claimed_by is null then 'RECEIVED' else 'IN_SCREENING' end,
            outcome = case when $2 then $3 else null end,
            next_transition_at = case when $2 then null else next_transition_at end,
            updated_at = $4
      where id = $1 and status = 'AWAITING_AUTHORISATION'
      returning id`,
    [contactId, approved, outcome, now],
  )) as [unknown[], number];
  return updated[1] > 0;
}

// the contact, locked for this transaction
export function lockContact(manager: EntityManager, contactId: string): Promise<ContactEntity | null> {
  return manager
    .getRepository(ContactEntity)
    .findOne({ where: { id: contactId }, lock: { mode: 'pessimistic_write' } });
}

// a screener's change of rating: the contact's rating and deadline, and the change kept with its reason
export async function changeRating(
  manager: EntityManager,
  c: {
    contactId: string;
    fromRag: RagRating;
    toRag: RagRating;
    reason: string;
    changedBy: string;
    changedAt: Date;
    decisionDueAt: Date;
    nextTransitionAt: Date | null;
  },
): Promise<void> {
  await manager.getRepository(ContactEntity).update(
    { id: c.contactId },
    {
      rag: c.toRag,
      decisionDueAt: c.decisionDueAt,
      nextTransitionAt: c.nextTransitionAt,
      updatedAt: c.changedAt,
    },
  );
  await manager.getRepository(ContactRagChangeEntity).insert({
    contactId: c.contactId,
    fromRag: c.fromRag,
    toRag: c.toRag,
    reason: c.reason,
    changedBy: c.changedBy,
    changedAt: c.changedAt,
    decisionDueAt: c.decisionDueAt,
  });
}
