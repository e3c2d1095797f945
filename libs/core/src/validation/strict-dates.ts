import { registerDecorator, type ValidationOptions } from 'class-validator';

// API.md: dates are YYYY-MM-DD, instants ISO-8601 with a zone. Both are parsed strictly:
// a date that does not exist (2026-02-30), an hour 24, a minute 61 or an offset past
// +/-14:00 is refused, never rolled over into another day by Date's leniency
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const MAX_OFFSET_MINUTES = 14 * 60;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// years before 1000 are typing errors here (and Date.UTC reads 0..99 as 1900..1999)
function realDate(year: number, month: number, day: number): boolean {
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

// true for a calendar date that exists, written YYYY-MM-DD
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  return !!m && realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

// the instant an ISO-8601 string with a zone names, or null when it is not one or names
// a time that does not exist
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = INSTANT_RE.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (!realDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (!m[8]) {
    const [h, min] = [Number(m[10]), Number(m[11])];
    if (min > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (h * 60 + min);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return null;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000);
}

export function isInstant(value: unknown): value is string {
  return parseInstant(value) !== null;
}

function decorator(name: string, message: string, validate: (value: unknown) => boolean) {
  return (options?: ValidationOptions) => (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate },
    });
}

export const IsCalendarDate = decorator('isCalendarDate', 'must be a real date YYYY-MM-DD', isCalendarDate);
export const IsInstant = decorator(
  'isInstant',
  'must be a real ISO-8601 instant with a zone, e.g. 2026-11-20T10:00:00Z',
  isInstant,
);
// a query bound: a whole date (its midnight UTC) or an instant
export const IsDateOrInstant = decorator(
  'isDateOrInstant',
  'must be a real date YYYY-MM-DD or an ISO-8601 instant with a zone',
  (value) => isCalendarDate(value) || isInstant(value),
);

// the instant of a value IsDateOrInstant accepted
export function instantOf(value: string): Date {
  return isCalendarDate(value) ? (parseInstant(`${value}T00:00:00Z`) as Date) : (parseInstant(value) as Date);
}
