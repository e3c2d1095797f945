import { preparedQuery } from '@app/database';
import type { EntityManager } from 'typeorm';
import { hydrate } from '@app/database';
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
  const nhs = input.nhsNumber ?? null;
  const key = childMatchKey(input.firstName, input.lastName, input.dateOfBirth);
  // the locks, then the records that could be this child, in one round trip
  const rows = (await preparedQuery(manager, 'select * from child_candidates($1::text[], $2, $3)', [
    [...(nhs ? [`child:nhs:${nhs}`] : []), ...(key ? [`child:key:${key}`] : [])],
    nhs,
    key,
  ])) as Record<string, unknown>[];
  const candidates = rows.map((row) => hydrate(manager, ChildEntity, row));
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
  await repo.insert(child);
  return { child, matched: false };
}
