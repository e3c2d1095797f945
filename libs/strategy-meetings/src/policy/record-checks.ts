import type { FieldError } from '@app/core';

// the clock skew a record's heldAt may run ahead of ours (a partner's device, a slow form)
export const HELD_AT_SKEW_MS = 2 * 60_000;

// decision 0009: a record says when the discussion was held (not in the future) and lists each
// agency's attendance once
export function checkRecord(
  record: { heldAt: Date; attendance: readonly { agency: string }[] },
  now: Date,
): FieldError[] {
  const errors: FieldError[] = [];
  if (record.heldAt.getTime() > now.getTime() + HELD_AT_SKEW_MS)
    errors.push({ field: 'heldAt', message: 'must not be in the future' });
  const agencies = record.attendance.map((a) => a.agency);
  if (new Set(agencies).size !== agencies.length)
    errors.push({ field: 'attendance', message: 'list each agency once' });
  return errors;
}
