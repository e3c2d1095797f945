// DOMAIN.md "The child's record": a duplicate found later is merged by a manager with a reason,
// reversibly (decision 0028). Which pairs may be merged, and unmerged; pure, table-tested.

export interface MergeSide {
  id: string;
  nhsNumber: string | null;
  // the record this one was merged into (a tombstone), or null
  mergedInto: string | null;
}

export type MergeRefusal =
  { kind: 'invalid'; field: string; message: string } | { kind: 'stale'; message: string };

export function mergeRefusal(kept: MergeSide, duplicate: MergeSide): MergeRefusal | null {
  if (kept.id === duplicate.id)
    return { kind: 'invalid', field: 'duplicateId', message: 'must name another child’s record' };
  if (kept.mergedInto !== null)
    return { kind: 'stale', message: 'This record was merged into another: merge into that one.' };
  if (duplicate.mergedInto !== null)
    return { kind: 'stale', message: 'That record has been merged into another already.' };
  // the NHS number is the child: two of them are two children
  if (kept.nhsNumber !== null && duplicate.nhsNumber !== null)
    return {
      kind: 'invalid',
      field: 'duplicateId',
      message: 'has another NHS number: records with different NHS numbers are different children',
    };
  return null;
}

// an unmerge undoes a merge in force, while its kept record is not itself merged into another
// (undo that later merge first: the rows are there)
export function unmergeRefusal(
  kept: MergeSide,
  duplicate: MergeSide,
  mergeInForce: boolean,
): MergeRefusal | null {
  if (kept.id === duplicate.id)
    return { kind: 'invalid', field: 'duplicateId', message: 'must name another child’s record' };
  if (!mergeInForce || duplicate.mergedInto !== kept.id)
    return { kind: 'stale', message: 'That record is not merged into this one.' };
  if (kept.mergedInto !== null)
    return {
      kind: 'stale',
      message: 'This record has been merged into another since: undo that merge first.',
    };
  return null;
}

// the NHS number moves to the kept record when only the duplicate has one, so that the kept
// record is found by it; back with the unmerge
export const movesNhsNumber = (kept: MergeSide, duplicate: MergeSide): boolean =>
  kept.nhsNumber === null && duplicate.nhsNumber !== null;
