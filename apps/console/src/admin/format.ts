import type { Schema } from '../api-client';
import { instantAt, zoned } from '../time-zone';

// how the dashboard, the audit trail and the admin screens write times, durations and ratios
// (CONSOLE.md 4 "Time": Intl in en-GB, the front door's time zone, a 24-hour clock; no date library)
const clockFormat = () =>
  zoned('clock-seconds', { hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateTimeFormat = () =>
  zoned('date-time-seconds', {
    hourCycle: 'h23',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
const dateFormat = () => zoned('long-date', { day: 'numeric', month: 'short', year: 'numeric' });

// "10:42:05"
export const clockTime = (at: string | number) => clockFormat().format(new Date(at));
// "3 Dec 2026, 09:00:05"
export const dateTime = (at: string) => dateTimeFormat().format(new Date(at));
// "3 Dec 2026"
export const localDay = (at: string) => dateFormat().format(new Date(at));

// "45 min", "3 h 05 min", "2 days 3 h"
export function duration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  if (whole < 60) return `${whole} min`;
  const hours = Math.floor(whole / 60);
  if (hours < 24) return `${hours} h ${String(whole % 60).padStart(2, '0')} min`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ${hours % 24} h`;
}

export const count = (n: number) => n.toLocaleString('en-GB');

export type Ratio = Schema<'RatioDto'>;

// "41 of 50 (82%)"; a ratio of nothing yet says so in words
export function ratioText(ratio: Ratio, none = 'None yet'): string {
  if (ratio.percent === null || ratio.denominator === 0) return none;
  return `${count(ratio.numerator)} of ${count(ratio.denominator)} (${ratio.percent}%)`;
}

// the instant the front door's day starts, for a YYYY-MM-DD (plus `days` on): a date typed in
// the console means the front door's day, not UTC's (in London they differ by an hour in summer)
export const dayStartAt = (date: string, days = 0): string => instantAt(date, '00:00', days).toISOString();
