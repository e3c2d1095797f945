import { instantOf, isCalendarDate, isInstant, parseInstant } from './strict-dates';

// API.md "dates are YYYY-MM-DD; instants are ISO-8601": parsed strictly (issue 12 item 2)
describe('strict dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2026-12-31', true],
    ['2026-02-29', false], // not a leap year
    ['1900-02-29', false], // century, not a leap year
    ['2026-02-30', false],
    ['2026-11-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['0099-01-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
    [' 2026-01-01', false],
    [20260101, false],
    [null, false],
  ])('should read %p as a calendar date: %p', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it.each([
    ['2026-11-20T10:00:00Z', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00Z', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00:00.5Z', '2026-11-20T10:00:00.500Z'],
    ['2026-11-20T10:00:00.123456Z', '2026-11-20T10:00:00.123Z'],
    ['2026-07-01T10:00:00+01:00', '2026-07-01T09:00:00.000Z'],
    ['2026-07-01T00:30:00+14:00', '2026-06-30T10:30:00.000Z'],
    ['2026-07-01T00:30:00-14:00', '2026-07-01T14:30:00.000Z'],
    ['2026-12-31T23:59:59Z', '2026-12-31T23:59:59.000Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
  ])('should parse %p as %p', (value, iso) => {
    expect(parseInstant(value)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-12-20T24:30:00Z', // hour 24
    '2026-12-20T10:61:00Z', // minute 61
    '2026-12-20T10:00:60Z', // leap seconds are not taken
    '2026-12-20T10:00:00+25:00', // offset past 14 hours
    '2026-12-20T10:00:00+14:30',
    '2026-12-20T10:00:00+01:60',
    '2026-02-30T10:00:00Z', // no such day
    '2026-11-31T10:00:00Z',
    '2026-02-29T10:00:00Z',
    '2026-12-20T10:00:00', // no zone: ambiguous
    '2026-12-20',
    '2026-12-20 10:00:00Z',
    '9999-99-99T99:99:99Z',
    '2026-12-20T10:00:00.1234567Z',
  ])('should refuse %p as an instant', (value) => {
    expect(parseInstant(value)).toBeNull();
    expect(isInstant(value)).toBe(false);
  });

  it('should read a query bound as a date (its midnight UTC) or an instant', () => {
    expect(instantOf('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(instantOf('2026-03-01T10:00:00+01:00').toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });
});
