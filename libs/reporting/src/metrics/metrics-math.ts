// pure arithmetic behind the manager's screening metrics: no framework, no database

export interface Ratio {
  numerator: number;
  denominator: number;
  // 0-100, one decimal place; null when there is nothing to divide by
  percent: number | null;
}

export interface TimeWindows {
  last24h: Date;
  last7d: Date;
  last30d: Date;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

// one decimal place, half up; null stays null (an empty median)
export function roundToTenth(value: number | null): number | null {
  if (value === null) return null;
  return Math.round(value * 10) / 10;
}

// every ratio carries its parts, so a manager can see 1 of 2 is not 50 of 100
export function ratio(numerator: number, denominator: number): Ratio {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 0) {
    throw new Error(`a ratio needs whole non-negative counts, got ${numerator}/${denominator}`);
  }
  if (numerator > denominator)
    throw new Error(`a ratio cannot exceed its whole, got ${numerator}/${denominator}`);
  // numerator * 1000 / denominator keeps exact halves exact before rounding
  const percent = denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10;
  return { numerator, denominator, percent };
}

// whole minutes elapsed (rounded down); an item received after now has waited 0
export function wholeMinutesSince(earliest: Date | null, now: Date): number | null {
  if (earliest === null) return null;
  return Math.max(0, Math.floor((now.getTime() - earliest.getTime()) / MINUTE_MS));
}

// the look-back windows are elapsed time (24 h, 7 x 24 h, 30 x 24 h), not calendar days, so
// a clock change never stretches or shrinks them
export function windowStarts(now: Date): TimeWindows {
  const back = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
  return { last24h: back(24), last7d: back(7 * 24), last30d: back(30 * 24) };
}

// the start of the `months` before an instant (the referral-quality figures' 12, the boomerangs' 3 and 12)
export function monthsBefore(now: Date, months: number): Date {
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - months);
  return start;
}
