import { setTimeZone } from '../time-zone';
import { annexAHref, collectionYearOf, frontDoorToday, recentCollectionYears } from './dates';

describe('the collection years of the returns page', () => {
  it.each`
    date            | year    | why
    ${'2026-03-31'} | ${2026} | ${'31 March is the last day of its own year'}
    ${'2026-04-01'} | ${2027} | ${'1 April starts the next one'}
    ${'2026-12-03'} | ${2027} | ${'December counts towards the next 31 March'}
    ${'2027-01-15'} | ${2027} | ${'January too'}
  `('should put $date in the year ending 31 March $year ($why)', ({ date, year }) => {
    expect(collectionYearOf(date as string)).toBe(year);
  });

  it('should offer the current year and the four before it, newest first', () => {
    expect(recentCollectionYears('2026-12-03')).toEqual([2027, 2026, 2025, 2024, 2023]);
    expect(recentCollectionYears('2026-03-31')).toEqual([2026, 2025, 2024, 2023, 2022]);
  });

  it('should read today on the front door’s wall clock, not the browser’s', () => {
    setTimeZone('Europe/London');
    // 23:30 UTC on 31 May is 00:30 on 1 June in London (BST)
    expect(frontDoorToday(new Date('2026-05-31T23:30:00Z'))).toBe('2026-06-01');
    setTimeZone('America/New_York');
    expect(frontDoorToday(new Date('2026-04-01T02:00:00Z'))).toBe('2026-03-31');
    setTimeZone('Europe/London');
  });

  it('should build the Annex A download from the choices', () => {
    expect(annexAHref('2026-12-03', 'xlsx', false)).toBe('/api/returns/annex-a?asOf=2026-12-03&format=xlsx');
    expect(annexAHref('2026-12-03', 'csv', true)).toBe(
      '/api/returns/annex-a?asOf=2026-12-03&format=csv&heading=sex',
    );
  });
});
