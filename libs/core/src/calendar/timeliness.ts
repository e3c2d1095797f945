export type Timeliness = 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE';

export interface TimelinessResult {
  timeliness: Timeliness;
  // the first instant (ms resolution) at which timelinessAt gives a different answer; null once overdue
  nextTransitionAt: Date | null;
}

// DOMAIN.md Clocks: overdue from dueAt; due soon when strictly less than dueSoonFraction
// of the allowed time (dueAt - startAt) is left; otherwise on track
function assertValidDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new Error(`${name} must be a valid Date`);
}

export function timelinessAt(
  now: Date,
  startAt: Date,
  dueAt: Date,
  dueSoonFraction = 0.25,
): TimelinessResult {
  // checked without allocating: this runs for every item of every queue read
  assertValidDate(now, 'now');
  assertValidDate(startAt, 'startAt');
  assertValidDate(dueAt, 'dueAt');
  if (!Number.isFinite(dueSoonFraction) || dueSoonFraction < 0 || dueSoonFraction > 1) {
    throw new Error(`dueSoonFraction must be between 0 and 1, got ${dueSoonFraction}`);
  }

  const nowMs = now.getTime();
  const dueMs = dueAt.getTime();
  const allowedMs = dueMs - startAt.getTime();

  if (nowMs >= dueMs) return { timeliness: 'OVERDUE', nextTransitionAt: null };
  // no allowed time (due at or before the clock started): nothing to be on track for
  if (allowedMs <= 0) return { timeliness: 'DUE_SOON', nextTransitionAt: new Date(dueMs) };

  const dueSoonFromMs = dueMs - dueSoonFraction * allowedMs;
  if (nowMs > dueSoonFromMs) return { timeliness: 'DUE_SOON', nextTransitionAt: new Date(dueMs) };
  // exactly at the threshold is still on track (strictly less left is due soon), so the
  // change happens on the next whole millisecond; never later than dueAt itself
  return {
    timeliness: 'ON_TRACK',
    nextTransitionAt: new Date(Math.min(Math.floor(dueSoonFromMs) + 1, dueMs)),
  };
}

// the one place a deadline's timeliness is worked out, with the council's DUE_SOON fraction
// (config/timeliness.yml): injected where a clock is read or its next transition stored
export class TimelinessClock {
  constructor(readonly dueSoonFraction: number) {
    if (!Number.isFinite(dueSoonFraction) || dueSoonFraction < 0 || dueSoonFraction > 1) {
      throw new Error(`dueSoonFraction must be between 0 and 1, got ${dueSoonFraction}`);
    }
  }

  at(now: Date, startAt: Date, dueAt: Date): TimelinessResult {
    return timelinessAt(now, startAt, dueAt, this.dueSoonFraction);
  }

  // when the item's timeliness next changes; null once it is overdue
  nextTransitionAt(now: Date, startAt: Date, dueAt: Date): Date | null {
    return this.at(now, startAt, dueAt).nextTransitionAt;
  }
}
