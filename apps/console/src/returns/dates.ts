import { zoned } from '../time-zone';

// the statutory returns' calendar: a CIN collection year runs 1 April to 31 March and is named
// by the year it ends in (2026 is 1 April 2025 to 31 March 2026, ReferenceDate 2026-03-31)

// today on the front door's wall clock, "YYYY-MM-DD" (the console has no clock of the api's: the
// browser's instant, read in the front door's time zone)
export function frontDoorToday(at: Date = new Date()): string {
  const parts = Object.fromEntries(
    zoned('calendar-date', { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// the collection year a date falls in: the one ending on the next 31 March (31 March itself is
// the last day of its own year)
export function collectionYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return month >= 4 ? year + 1 : year;
}

// the current collection year and the four before it, newest first
export function recentCollectionYears(today: string, count = 5): number[] {
  const current = collectionYearOf(today);
  return Array.from({ length: count }, (_, i) => current - i);
}

// "1 April 2025 to 31 March 2026"
export const collectionYearWords = (year: number) => `1 April ${year - 1} to 31 March ${year}`;

// the Annex A download from the page's choices
export function annexAHref(asOf: string, format: 'xlsx' | 'csv', sexHeading: boolean): string {
  const query = new URLSearchParams({ asOf, format });
  if (sexHeading) query.set('heading', 'sex');
  return `/api/returns/annex-a?${query.toString()}`;
}
