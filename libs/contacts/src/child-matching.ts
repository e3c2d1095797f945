import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { BoomerangPolicySchema } from '@app/core';
import { hydrate, preparedQuery } from '@app/database';
import { historyCountsSql, type AsOf, type HistoryCounts } from './contact-reader';
import type { ChildInputDto } from './dto/create-contact.dto';
import { ChildEntity } from './entities/child.entity';
import { childMatchKey } from './policy/child-match';

export interface MatchedChild {
  child: ChildEntity;
  matched: boolean;
}

// API.md: the same child is recognised by NHS number, else by first name + last name +
// date of birth (case- and space-insensitive). A name match whose record carries another
// NHS number is another child. Concurrent intakes of one new child are serialised by
// advisory locks on the keys, taken in one order (NHS number, then names), so they make
// one record, not two. A merged duplicate is never matched: its live record is (decision 0028).
export async function matchOrCreateChild(
  manager: EntityManager,
  input: ChildInputDto,
  now: Date,
): Promise<MatchedChild> {
  const { nhs, key } = keysOf(input);
  // the locks, then the records that could be this child, in one round trip
  const rows = (await preparedQuery(manager, 'select * from child_candidates($1::text[], $2, $3)', [
    lockKeys(nhs, key),
    nhs,
    key,
  ])) as Record<string, unknown>[];
  const settled = await settleChild(
    manager,
    input,
    rows.map((row) => hydrate(manager, ChildEntity, row)),
    now,
  );
  if (!settled.matched) await manager.getRepository(ChildEntity).insert(settled.child);
  return { child: settled.child, matched: settled.matched };
}

// a new contact's opening read, one round trip: the locks and the records that could be its
// child (as matchOrCreateChild), each with its history counts as of `asOf` (the one chosen is
// the contact's), the contact's reference number, and the name of who records it
export interface IntakeOpening {
  candidates: { child: ChildEntity; counts: HistoryCounts; returnedAfter: ReturnedAfter | null }[];
  referenceNumber: number;
  userName: string;
}

// issue 21 (decision 0033): the child's latest contact closed with one of the boomerang
// outcomes within the window before this one arrived (a declared read of thresholds'
// threshold_decision: closed when in force, DECIDED or, once authorised, APPROVED)
export interface ReturnedAfter {
  contactId: string;
  days: number;
}

export async function openIntake(
  manager: EntityManager,
  input: ChildInputDto,
  asOf: AsOf,
  userId: string,
  boomerang: BoomerangPolicySchema,
): Promise<IntakeOpening> {
  const { nhs, key } = keysOf(input);
  const rows = (await preparedQuery(
    manager,
    `select f.n, f.user_name, c.*, h.contacts, h.referrals, b.returned_after_contact_id, b.returned_after_days
       from (select nextval('contact_reference_seq')::int as n, (select name from app_user where id = $4) as user_name) f
       left join lateral child_candidates($1::text[], $2, $3) c on true
       left join lateral (${historyCountsSql('c.id', '$5', 'null', '$6')}) h on c.id is not null
       left join lateral (
         select e.id as returned_after_contact_id,
                floor(extract(epoch from $5::timestamptz - coalesce(d.authorised_at, d.decided_at)) / 86400)::int
                  as returned_after_days
           from contact e join threshold_decision d on d.contact_id = e.id and d.status in ('DECIDED', 'APPROVED')
          where e.child_id = c.id and d.outcome = any($7::text[])
            and coalesce(d.authorised_at, d.decided_at) <= $5
            and coalesce(d.authorised_at, d.decided_at) > $5::timestamptz - make_interval(days => $8)
          order by coalesce(d.authorised_at, d.decided_at) desc
          limit 1) b on c.id is not null
      order by c.created_at`,
    [
      lockKeys(nhs, key),
      nhs,
      key,
      userId,
      asOf.instant,
      asOf.localDate,
      boomerang.outcomes,
      boomerang.windowDays,
    ],
  )) as (Record<string, unknown> & {
    n: number;
    user_name: string | null;
    contacts: number;
    referrals: number;
    returned_after_contact_id: string | null;
    returned_after_days: number | null;
  })[];
  return {
    candidates: rows
      .filter((row) => row.id !== null)
      .map((row) => ({
        child: hydrate(manager, ChildEntity, row),
        counts: { contactsLast12Months: row.contacts, referralsLast12Months: row.referrals },
        returnedAfter: row.returned_after_contact_id
          ? { contactId: row.returned_after_contact_id, days: row.returned_after_days ?? 0 }
          : null,
      })),
    referenceNumber: rows[0].n,
    userName: rows[0].user_name ?? '',
  };
}

function keysOf(input: ChildInputDto): { nhs: string | null; key: string | null } {
  return {
    nhs: input.nhsNumber ?? null,
    key: childMatchKey(input.firstName, input.lastName, input.dateOfBirth),
  };
}

function lockKeys(nhs: string | null, key: string | null): string[] {
  return [...(nhs ? [`child:nhs:${nhs}`] : []), ...(key ? [`child:key:${key}`] : [])];
}

// the child among the candidates, its gaps filled from the input (written here), or a new
// record for the caller to insert (with its contact, in one statement)
export async function settleChild(
  manager: EntityManager,
  input: ChildInputDto,
  candidates: ChildEntity[],
  now: Date,
): Promise<MatchedChild> {
  const { nhs, key } = keysOf(input);
  // decision 0028: a merged duplicate's tombstone stands for the record it was merged into
  // (child_candidates returns that record too, locked like the rest)
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const live = (c: ChildEntity): ChildEntity => {
    let current = c;
    for (let hop = 0; current.mergedInto !== null && hop < byId.size; hop++)
      current = byId.get(current.mergedInto) ?? current;
    return current;
  };
  const repo = manager.getRepository(ChildEntity);
  let found: ChildEntity | null = nhs
    ? (candidates
        .filter((c) => c.nhsNumber === nhs)
        .map(live)
        .find((c) => c.mergedInto === null) ?? null)
    : null;
  if (!found && key) {
    found =
      candidates
        .filter((c) => c.matchKey === key)
        .map(live)
        .find((c) => c.mergedInto === null && (c.nhsNumber === null || c.nhsNumber === nhs)) ?? null;
  }
  if (found) {
    // what we learn now fills gaps; it never overwrites what an earlier contact recorded
    const fill: Partial<ChildEntity> = {};
    const gaps: [keyof ChildEntity, string | undefined | null][] = [
      ['nhsNumber', nhs],
      ['dateOfBirth', input.dateOfBirth],
      ['sex', input.sex],
      ['ethnicity', input.ethnicity],
      ['postcode', input.postcode],
      ['address', input.address],
      ['school', input.school],
      ['upn', input.upn],
      ['firstLanguage', input.firstLanguage],
    ];
    for (const [field, value] of gaps) {
      if (value && found[field] === null) Object.assign(fill, { [field]: value });
    }
    // decision 0027: the demographics fill the same way (a false is an answer, an empty list none)
    if (input.interpreterNeeded !== undefined && found.interpreterNeeded === null)
      fill.interpreterNeeded = input.interpreterNeeded;
    if (input.disabilities && input.disabilities.length > 0 && found.disabilities.length === 0)
      fill.disabilities = input.disabilities;
    if (fill.dateOfBirth && !found.matchKey)
      fill.matchKey = childMatchKey(found.firstName, found.lastName, fill.dateOfBirth);
    if (Object.keys(fill).length > 0) {
      await repo.update({ id: found.id }, { ...fill, updatedAt: now });
      Object.assign(found, fill);
    }
    return { child: found, matched: true };
  }

  const child = repo.create({
    id: randomUUID(),
    nhsNumber: nhs,
    firstName: input.firstName,
    lastName: input.lastName,
    dateOfBirth: input.dateOfBirth ?? null,
    expectedDateOfBirth: input.expectedDateOfBirth ?? null,
    sex: input.sex ?? null,
    ethnicity: input.ethnicity ?? null,
    postcode: input.postcode ?? null,
    address: input.address ?? null,
    school: input.school ?? null,
    disabilities: input.disabilities ?? [],
    upn: input.upn ?? null,
    firstLanguage: input.firstLanguage ?? null,
    interpreterNeeded: input.interpreterNeeded ?? null,
    matchKey: key,
    mergedInto: null,
    createdAt: now,
    updatedAt: now,
  });
  return { child, matched: false };
}
