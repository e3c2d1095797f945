import { instantAt, setTimeZone, zoned } from './time-zone';

// what a date and time typed in the console mean, in the zone the api names (config/calendar.yml)
describe('instantAt (a wall-clock time where the front door is)', () => {
  it.each`
    zone                  | date            | time       | days | expected                      | why
    ${'Europe/London'}    | ${'2026-01-15'} | ${'09:30'} | ${0} | ${'2026-01-15T09:30:00.000Z'} | ${'winter: London is UTC'}
    ${'Europe/London'}    | ${'2026-07-15'} | ${'09:30'} | ${0} | ${'2026-07-15T08:30:00.000Z'} | ${'summer: BST is UTC+1'}
    ${'Europe/London'}    | ${'2026-03-29'} | ${'00:00'} | ${0} | ${'2026-03-29T00:00:00.000Z'} | ${'the spring change day starts in GMT'}
    ${'Europe/London'}    | ${'2026-03-29'} | ${'09:00'} | ${0} | ${'2026-03-29T08:00:00.000Z'} | ${'after the change that morning, BST'}
    ${'Europe/London'}    | ${'2026-10-25'} | ${'00:00'} | ${0} | ${'2026-10-24T23:00:00.000Z'} | ${'the autumn change day starts in BST'}
    ${'Europe/London'}    | ${'2026-12-31'} | ${'00:00'} | ${1} | ${'2027-01-01T00:00:00.000Z'} | ${'a day on, across the year'}
    ${'America/New_York'} | ${'2026-07-15'} | ${'09:30'} | ${0} | ${'2026-07-15T13:30:00.000Z'} | ${'another zone: behind UTC'}
    ${'Asia/Kolkata'}     | ${'2026-07-15'} | ${'09:30'} | ${0} | ${'2026-07-15T04:00:00.000Z'} | ${'a half-hour offset'}
  `('should read $date $time in $zone as $expected ($why)', ({ zone, date, time, days, expected }) => {
    setTimeZone(zone as string);
    expect(instantAt(date as string, time as string, days as number).toISOString()).toBe(expected);
  });

  it('should format in the zone it was last given', () => {
    setTimeZone('Europe/London');
    const at = new Date('2026-07-15T08:30:00Z');
    expect(zoned('t', { hour: '2-digit', minute: '2-digit' }).format(at)).toBe('09:30');
    setTimeZone('America/New_York');
    expect(zoned('t', { hour: '2-digit', minute: '2-digit' }).format(at)).toBe('04:30');
  });
});
