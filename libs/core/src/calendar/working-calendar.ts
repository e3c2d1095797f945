import { DateTime, IANAZone } from 'luxon';

// the calendar policy a council edits in config/calendar.yml (DOMAIN.md Clocks)
export interface CalendarPolicy {
  timeZone: string; // 'Europe/London'
  officeHours: { start: string; end: string }; // 'HH:mm', start inclusive, end exclusive
  schoolDayStart: string; // 'HH:mm'
  bankHolidays: string[]; // 'YYYY-MM-DD'
  schoolTerms?: { start: string; end: string }[]; // inclusive; empty/absent = every working day is a school day
}

export type Timescale = { kind: 'elapsedHours'; amount: number } | { kind: 'workingDays'; amount: number };

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
// a guard for loops that look for the next school day: terms may leave long gaps, but never years
const MAX_DAYS_SEARCHED = 366 * 2;

// milliseconds after local midnight for an 'HH:mm' string
function parseTimeOfDay(value: string, field: string): number {
  const match = typeof value === 'string' ? HH_MM.exec(value) : null;
  if (!match)
    throw new Error(`calendar policy: ${field} must be a time 'HH:mm', got ${JSON.stringify(value)}`);
  return (Number(match[1]) * 60 + Number(match[2])) * MS_PER_MINUTE;
}

function assertDate(value: string, field: string): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || utcDayStart(value) === null) {
    throw new Error(`calendar policy: ${field} must be a date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
  }
  return value;
}

function assertInstant(value: Date, field: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new Error(`${field} must be a valid Date`);
  }
}

function assertWholeCount(n: number, field: string): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${field} must be a whole number >= 0, got ${n}`);
}

// pure calendar-date arithmetic in utc, so clock changes never shift the date
// a calendar date's midnight in UTC (ms), or null for a date that does not exist (2026-02-30):
// plain date arithmetic, with no time zone in it, is done natively (it runs in every deadline)
function utcDayStart(date: string): number | null {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(date) ? ms : null;
}

function nextDate(date: string): string {
  return new Date((utcDayStart(date) as number) + MS_PER_DAY).toISOString().slice(0, 10);
}

function msOfDay(local: DateTime): number {
  return ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
}

export class WorkingCalendar {
  // the front door's IANA time zone (calendar.yml timeZone): local dates and times are its
  readonly zone: string;
  private readonly officeStartMs: number;
  private readonly officeEndMs: number;
  private readonly schoolStartMs: number;
  private readonly holidays: ReadonlySet<string>;
  private readonly terms: readonly { start: string; end: string }[];
  private readonly firstYear: number;
  private readonly lastYear: number;

  constructor(policy: CalendarPolicy) {
    if (!policy || typeof policy !== 'object') throw new Error('calendar policy: missing');
    if (typeof policy.timeZone !== 'string' || !IANAZone.isValidZone(policy.timeZone)) {
      throw new Error(
        `calendar policy: timeZone is not a known IANA zone: ${JSON.stringify(policy.timeZone)}`,
      );
    }
    this.zone = policy.timeZone;

    this.officeStartMs = parseTimeOfDay(policy.officeHours?.start, 'officeHours.start');
    this.officeEndMs = parseTimeOfDay(policy.officeHours?.end, 'officeHours.end');
    if (this.officeStartMs >= this.officeEndMs) {
      throw new Error('calendar policy: officeHours.start must be before officeHours.end');
    }
    this.schoolStartMs = parseTimeOfDay(policy.schoolDayStart, 'schoolDayStart');

    // an empty list would silently make every weekday a working day for ever
    if (!Array.isArray(policy.bankHolidays) || policy.bankHolidays.length === 0) {
      throw new Error('calendar policy: bankHolidays must list at least one date');
    }
    policy.bankHolidays.forEach((d, i) => assertDate(d, `bankHolidays[${i}]`));
    this.holidays = new Set(policy.bankHolidays);
    const years = policy.bankHolidays.map((d) => Number(d.slice(0, 4)));
    this.firstYear = Math.min(...years);
    this.lastYear = Math.max(...years);

    const terms = policy.schoolTerms ?? [];
    if (!Array.isArray(terms)) throw new Error('calendar policy: schoolTerms must be a list');
    terms.forEach((t, i) => {
      assertDate(t?.start, `schoolTerms[${i}].start`);
      assertDate(t?.end, `schoolTerms[${i}].end`);
      if (t.start > t.end) throw new Error(`calendar policy: schoolTerms[${i}] starts after it ends`);
    });
    this.terms = terms.map((t) => ({ start: t.start, end: t.end }));
  }

  // DOMAIN.md Clocks: Monday to Friday, not a bank holiday
  isWorkingDay(date: string): boolean {
    assertDate(date, 'date');
    const weekday = new Date(utcDayStart(date) as number).getUTCDay(); // 0 Sunday .. 6 Saturday
    return weekday >= 1 && weekday <= 5 && !this.holidays.has(date);
  }

  // Operation Encompass: a working day, and inside a term when the policy lists terms
  isSchoolDay(date: string): boolean {
    if (!this.isWorkingDay(date)) return false;
    return this.terms.length === 0 || this.terms.some((t) => t.start <= date && date <= t.end);
  }

  localDate(instant: Date): string {
    assertInstant(instant, 'instant');
    return this.toLocal(instant).toISODate() as string;
  }

  // DOMAIN.md Clocks: outside office hours the clock starts 09:00 the next working day;
  // the deadline is the same local time n working days on, so it holds across clock changes
  addWorkingDays(from: Date, n: number): Date {
    assertInstant(from, 'from');
    assertWholeCount(n, 'working days');
    const start = this.clockStart(this.toLocal(from));
    let date = start.toISODate() as string;
    for (let i = 0; i < n; i++) date = this.nextWorkingDate(date);
    return this.atLocalTime(date, msOfDay(start)).toJSDate();
  }

  // DOMAIN.md Clocks: elapsed hours are real time, nights, weekends and clock changes included
  addElapsedHours(from: Date, hours: number): Date {
    assertInstant(from, 'from');
    if (!Number.isFinite(hours) || hours < 0) throw new Error(`elapsed hours must be >= 0, got ${hours}`);
    return new Date(from.getTime() + hours * MS_PER_HOUR);
  }

  deadline(from: Date, timescale: Timescale): Date {
    switch (timescale.kind) {
      case 'workingDays':
        return this.addWorkingDays(from, timescale.amount);
      case 'elapsedHours':
        return this.addElapsedHours(from, timescale.amount);
      default:
        throw new Error(`unknown timescale kind: ${JSON.stringify((timescale as { kind: unknown }).kind)}`);
    }
  }

  // date deadlines (single assessment, ICPC): the nth working day after the start date;
  // n = 0 gives the start date itself
  workingDaysAfter(date: string, n: number): string {
    assertDate(date, 'date');
    assertWholeCount(n, 'working days');
    let result = date;
    for (let i = 0; i < n; i++) result = this.nextWorkingDate(result);
    return result;
  }

  // the first instant of a local day (its midnight where the front door is)
  startOfDay(date: string): Date {
    assertDate(date, 'date');
    return DateTime.fromISO(date, { zone: this.zone }).startOf('day').toJSDate();
  }

  // the last instant of a local day: next local midnight minus 1 ms (23 or 25 hours long on clock-change days)
  endOfDay(date: string): Date {
    assertDate(date, 'date');
    const nextMidnight = DateTime.fromISO(date, { zone: this.zone }).plus({ days: 1 }).startOf('day');
    return new Date(nextMidnight.toMillis() - 1);
  }

  // a wall-clock time (HH:mm) on a local date, e.g. a weekly job's moment
  atTime(date: string, time: string): Date {
    assertDate(date, 'date');
    return this.atLocalTime(date, parseTimeOfDay(time, 'time')).toJSDate();
  }

  // the Monday of a local date's week (ISO weeks run Monday to Sunday)
  weekStarting(date: string): string {
    assertDate(date, 'date');
    const day = utcDayStart(date) as number;
    const weekday = (new Date(day).getUTCDay() + 6) % 7; // 0 Monday .. 6 Sunday
    return new Date(day - weekday * MS_PER_DAY).toISOString().slice(0, 10);
  }

  // a local date n calendar days on (n may be negative)
  addDays(date: string, n: number): string {
    assertDate(date, 'date');
    return new Date((utcDayStart(date) as number) + n * MS_PER_DAY).toISOString().slice(0, 10);
  }

  // the working day on or after a date
  workingDayFrom(date: string): string {
    assertDate(date, 'date');
    return this.isWorkingDay(date) ? date : this.nextWorkingDate(date);
  }

  // Operation Encompass: the first school-day start strictly after the incident
  nextSchoolDayStart(after: Date): Date {
    assertInstant(after, 'after');
    let date = this.toLocal(after).toISODate() as string;
    for (let i = 0; i <= MAX_DAYS_SEARCHED; i++) {
      if (this.isSchoolDay(date)) {
        const start = this.atLocalTime(date, this.schoolStartMs);
        if (start.toMillis() > after.getTime()) return start.toJSDate();
      }
      date = nextDate(date);
    }
    throw new Error(
      `no school day within ${MAX_DAYS_SEARCHED} days of ${after.toISOString()}: check schoolTerms`,
    );
  }

  // outside these years only weekends are skipped, so callers can warn before the list runs out
  coversDate(date: string): boolean {
    assertDate(date, 'date');
    const year = Number(date.slice(0, 4));
    return year >= this.firstYear && year <= this.lastYear;
  }

  private toLocal(instant: Date): DateTime {
    return DateTime.fromJSDate(instant, { zone: this.zone });
  }

  // a wall-clock time on a local date; office and school hours never fall in a clock-change gap
  private atLocalTime(date: string, ms: number): DateTime {
    const [year, month, day] = date.split('-').map(Number);
    return DateTime.fromObject(
      {
        year,
        month,
        day,
        hour: Math.floor(ms / MS_PER_HOUR),
        minute: Math.floor(ms / MS_PER_MINUTE) % 60,
        second: Math.floor(ms / 1000) % 60,
        millisecond: ms % 1000,
      },
      { zone: this.zone },
    );
  }

  private nextWorkingDate(date: string): string {
    let next = nextDate(date);
    while (!this.isWorkingDay(next)) next = nextDate(next);
    return next;
  }

  // DOMAIN.md Clocks: inside office hours the clock starts on receipt; before 09:00 on a
  // working day it starts 09:00 that day; otherwise 09:00 the next working day
  private clockStart(local: DateTime): DateTime {
    const date = local.toISODate() as string;
    if (this.isWorkingDay(date)) {
      const t = msOfDay(local);
      if (t < this.officeStartMs) return this.atLocalTime(date, this.officeStartMs);
      if (t < this.officeEndMs) return local;
    }
    return this.atLocalTime(this.nextWorkingDate(date), this.officeStartMs);
  }
}
