import { readFileSync } from 'fs';
import { resolve } from 'path';
import Holidays from 'date-holidays';
import { isScalar, isSeq, parseDocument } from 'yaml';
import { CalendarPolicy, WorkingCalendar } from './working-calendar';

// an independent cross-check of the bank holidays a council keeps in config/calendar.yml
const document = parseDocument(readFileSync(resolve(__dirname, '../../../../config/calendar.yml'), 'utf8'));
const policy = document.toJS() as CalendarPolicy;
const england = new Holidays('GB', 'ENG');
const YEARS = [2024, 2025, 2026, 2027, 2028, 2029, 2030];

const isWeekday = (date: string): boolean => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
};

// date-holidays lists the holiday itself (even on a weekend) plus any substitute weekday;
// only weekday public holidays change which days are working days
const expectedFor = (year: number): string[] =>
  england
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => h.date.slice(0, 10))
    .filter(isWeekday)
    .sort();

describe('config/calendar.yml bank holidays', () => {
  it.each(YEARS)(
    'should match the date-holidays England public holidays on weekdays when the year is %i',
    (year) => {
      const listed = policy.bankHolidays.filter((d) => d.startsWith(`${year}-`)).sort();
      expect(listed).toEqual(expectedFor(year));
    },
  );

  it('should list only weekdays when a holiday falls at a weekend (the substitute day is listed instead)', () => {
    expect(policy.bankHolidays.filter((d) => !isWeekday(d))).toEqual([]);
  });

  it('should list each date once when read as a set', () => {
    expect(new Set(policy.bankHolidays).size).toBe(policy.bankHolidays.length);
  });

  it('should name every holiday in a trailing comment when a council reads the file', () => {
    const list = document.get('bankHolidays', true);
    if (!isSeq(list)) throw new Error('bankHolidays is not a list');
    const unnamed = list.items.filter((item) => !isScalar(item) || !item.comment?.trim()).map(String);
    expect(unnamed).toEqual([]);
  });

  it.each`
    date            | expected
    ${'2024-01-01'} | ${true}
    ${'2030-12-31'} | ${true}
    ${'2031-01-01'} | ${false}
  `(
    'should report coversDate $expected when the date is $date (list covers 2024-2030)',
    ({ date, expected }) => {
      expect(new WorkingCalendar(policy).coversDate(date)).toBe(expected);
    },
  );
});
