import { readFileSync } from 'fs';
import { resolve } from 'path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { CalendarPolicy, WorkingCalendar } from './working-calendar';

// the policy as shipped, so the tests also prove config/calendar.yml is usable
const policy = parse(
  readFileSync(resolve(__dirname, '../../../../config/calendar.yml'), 'utf8'),
) as CalendarPolicy;
const calendar = new WorkingCalendar(policy);
const at = (iso: string): Date => new Date(iso);

describe('WorkingCalendar', () => {
  describe('isWorkingDay', () => {
    it.each`
      date            | expected | rule
      ${'2026-01-19'} | ${true}  | ${'Monday, not a bank holiday'}
      ${'2026-01-23'} | ${true}  | ${'Friday, not a bank holiday'}
      ${'2026-01-24'} | ${false} | ${'Saturday is not a working day'}
      ${'2026-01-25'} | ${false} | ${'Sunday is not a working day'}
      ${'2026-04-03'} | ${false} | ${'Good Friday 2026 is a bank holiday'}
      ${'2026-12-28'} | ${false} | ${'Boxing Day substitute 2026 is a bank holiday'}
      ${'2031-01-01'} | ${true}  | ${'beyond the listed years only weekends are skipped'}
    `('should return $expected when the date is $date ($rule)', ({ date, expected }) => {
      expect(calendar.isWorkingDay(date)).toBe(expected);
    });

    it.each(['2026-02-30', '26-01-01', '2026-1-5', ''])(
      'should throw when the date is %p (not YYYY-MM-DD)',
      (date) => {
        expect(() => calendar.isWorkingDay(date)).toThrow(/YYYY-MM-DD/);
      },
    );
  });

  describe('localDate', () => {
    it.each`
      instant                       | expected        | rule
      ${'2026-07-01T23:30:00.000Z'} | ${'2026-07-02'} | ${'BST: 23:30Z is 00:30 next day in London'}
      ${'2026-01-15T23:30:00.000Z'} | ${'2026-01-15'} | ${'GMT: London equals UTC'}
    `('should return $expected when the instant is $instant ($rule)', ({ instant, expected }) => {
      expect(calendar.localDate(at(instant))).toBe(expected);
    });
  });

  describe('addWorkingDays', () => {
    it.each`
      from                          | n    | expected                      | rule
      ${'2026-01-16T16:00:00.000Z'} | ${1} | ${'2026-01-19T16:00:00.000Z'} | ${'Clocks: Fri 16:00 + 1 -> Mon 16:00'}
      ${'2026-01-17T10:00:00.000Z'} | ${1} | ${'2026-01-20T09:00:00.000Z'} | ${'Clocks: Sat 10:00 starts Mon 09:00, + 1 -> Tue 09:00'}
      ${'2026-01-18T14:00:00.000Z'} | ${1} | ${'2026-01-20T09:00:00.000Z'} | ${'Clocks: Sunday receipt starts Mon 09:00'}
      ${'2026-12-24T15:00:00.000Z'} | ${3} | ${'2026-12-31T15:00:00.000Z'} | ${'Clocks: 25 and 28 Dec 2026 are bank holidays'}
      ${'2026-04-02T09:00:00.000Z'} | ${1} | ${'2026-04-07T09:00:00.000Z'} | ${'Clocks: Good Friday and Easter Monday 2026 skipped (10:00 BST)'}
      ${'2026-03-27T10:00:00.000Z'} | ${1} | ${'2026-03-30T09:00:00.000Z'} | ${'Clocks: 10:00 GMT -> 10:00 BST across clocks going forward'}
      ${'2026-10-23T09:00:00.000Z'} | ${1} | ${'2026-10-26T10:00:00.000Z'} | ${'Clocks: 10:00 BST -> 10:00 GMT across clocks going back'}
      ${'2026-01-19T07:30:00.000Z'} | ${1} | ${'2026-01-20T09:00:00.000Z'} | ${'Clocks: before 09:00 on a working day starts 09:00 that day'}
      ${'2026-01-19T09:00:00.000Z'} | ${1} | ${'2026-01-20T09:00:00.000Z'} | ${'Clocks: exactly 09:00 is inside office hours'}
      ${'2026-01-19T16:59:59.999Z'} | ${1} | ${'2026-01-20T16:59:59.999Z'} | ${'Clocks: just before 17:00 is inside office hours'}
      ${'2026-01-19T17:00:00.000Z'} | ${1} | ${'2026-01-21T09:00:00.000Z'} | ${'Clocks: exactly 17:00 is outside, starts 09:00 next working day'}
      ${'2026-05-25T10:00:00.000Z'} | ${1} | ${'2026-05-27T08:00:00.000Z'} | ${'Clocks: bank-holiday receipt starts 09:00 next working day (BST)'}
      ${'2026-12-31T16:00:00.000Z'} | ${1} | ${'2027-01-04T16:00:00.000Z'} | ${'Clocks: New Year 2027 is skipped across the year end'}
      ${'2026-01-19T11:15:30.250Z'} | ${0} | ${'2026-01-19T11:15:30.250Z'} | ${'Clocks: n = 0 inside office hours is the receipt itself'}
      ${'2026-01-17T10:00:00.000Z'} | ${0} | ${'2026-01-19T09:00:00.000Z'} | ${'Clocks: n = 0 outside office hours is when the clock starts'}
      ${'2026-01-05T10:00:00.000Z'} | ${5} | ${'2026-01-12T10:00:00.000Z'} | ${'Clocks: five working days is a calendar week when no holidays'}
    `('should return $expected when received $from plus $n working days ($rule)', ({ from, n, expected }) => {
      expect(calendar.addWorkingDays(at(from), n).toISOString()).toBe(expected);
    });

    it.each`
      n             | rule
      ${-1}         | ${'a count of working days cannot be negative'}
      ${1.5}        | ${'working days are whole days'}
      ${Number.NaN} | ${'not a number'}
    `('should throw when n is $n ($rule)', ({ n }) => {
      expect(() => calendar.addWorkingDays(at('2026-01-19T10:00:00Z'), n)).toThrow(/whole number/);
    });

    it('should throw when from is an invalid Date', () => {
      expect(() => calendar.addWorkingDays(new Date('nonsense'), 1)).toThrow(/valid Date/);
    });

    it('should land on a working day inside office hours and grow with n when given any instant in 2024-2030', () => {
      const officeHour = (d: Date): number =>
        Number(d.toLocaleString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }));
      fc.assert(
        fc.property(
          fc.date({ min: at('2024-01-01T00:00:00Z'), max: at('2030-12-31T23:59:59Z'), noInvalidDate: true }),
          fc.integer({ min: 0, max: 10 }),
          (from, n) => {
            const due = calendar.addWorkingDays(from, n);
            const later = calendar.addWorkingDays(from, n + 1);
            expect(calendar.isWorkingDay(calendar.localDate(due))).toBe(true);
            expect(officeHour(due)).toBeGreaterThanOrEqual(9);
            expect(officeHour(due)).toBeLessThan(17);
            expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
            expect(later.getTime()).toBeGreaterThan(due.getTime());
          },
        ),
        { numRuns: 500 },
      );
    });
  });

  describe('addElapsedHours and deadline', () => {
    it.each`
      from                          | hours  | expected                      | rule
      ${'2026-03-28T23:00:00.000Z'} | ${4}   | ${'2026-03-29T03:00:00.000Z'} | ${'Clocks: elapsed hours are real hours across clocks going forward'}
      ${'2026-10-24T23:00:00.000Z'} | ${4}   | ${'2026-10-25T03:00:00.000Z'} | ${'Clocks: elapsed hours are real hours across clocks going back'}
      ${'2026-01-17T10:00:00.000Z'} | ${24}  | ${'2026-01-18T10:00:00.000Z'} | ${'Clocks: elapsed hours include weekends'}
      ${'2026-01-19T10:00:00.000Z'} | ${0.5} | ${'2026-01-19T10:30:00.000Z'} | ${'fractions of an hour are allowed'}
    `('should return $expected when $hours hours elapse from $from ($rule)', ({ from, hours, expected }) => {
      expect(calendar.addElapsedHours(at(from), hours).toISOString()).toBe(expected);
      expect(calendar.deadline(at(from), { kind: 'elapsedHours', amount: hours }).toISOString()).toBe(
        expected,
      );
    });

    it.each`
      from                          | amount | expected                      | rule
      ${'2026-01-16T16:00:00.000Z'} | ${1}   | ${'2026-01-19T16:00:00.000Z'} | ${'deadline dispatches workingDays to addWorkingDays'}
      ${'2026-12-24T15:00:00.000Z'} | ${3}   | ${'2026-12-31T15:00:00.000Z'} | ${'deadline dispatches workingDays across Christmas 2026'}
    `(
      'should return $expected when the timescale is $amount working days ($rule)',
      ({ from, amount, expected }) => {
        expect(calendar.deadline(at(from), { kind: 'workingDays', amount }).toISOString()).toBe(expected);
      },
    );

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('should throw when elapsed hours is %p', (hours) => {
      expect(() => calendar.addElapsedHours(at('2026-01-19T10:00:00Z'), hours)).toThrow(/elapsed hours/);
    });
  });

  describe('workingDaysAfter', () => {
    it.each`
      date            | n     | expected        | rule
      ${'2026-12-22'} | ${3}  | ${'2026-12-29'} | ${'date deadlines: 23, 24, (25 and 28 holidays), 29 Dec 2026'}
      ${'2026-04-02'} | ${1}  | ${'2026-04-07'} | ${'date deadlines: Good Friday and Easter Monday 2026 skipped'}
      ${'2026-04-01'} | ${2}  | ${'2026-04-07'} | ${'date deadlines: Easter 2026 skipped after one working day'}
      ${'2026-01-17'} | ${1}  | ${'2026-01-19'} | ${'date deadlines: counting from a Saturday'}
      ${'2026-01-05'} | ${45} | ${'2026-03-09'} | ${'single assessment: 45 working days, no holidays in range'}
      ${'2026-05-01'} | ${15} | ${'2026-05-26'} | ${'ICPC: 15 working days skipping both May 2026 bank holidays'}
      ${'2026-01-17'} | ${0}  | ${'2026-01-17'} | ${'n = 0 is the start date itself'}
    `('should return $expected when $n working days follow $date ($rule)', ({ date, n, expected }) => {
      expect(calendar.workingDaysAfter(date, n)).toBe(expected);
    });

    it('should throw when n is negative', () => {
      expect(() => calendar.workingDaysAfter('2026-01-05', -1)).toThrow(/whole number/);
    });
  });

  describe('endOfDay', () => {
    it.each`
      date            | expected                      | rule
      ${'2026-07-01'} | ${'2026-07-01T22:59:59.999Z'} | ${'BST: local midnight is 23:00Z'}
      ${'2026-01-15'} | ${'2026-01-15T23:59:59.999Z'} | ${'GMT: local midnight is 00:00Z'}
      ${'2026-03-29'} | ${'2026-03-29T22:59:59.999Z'} | ${'clocks go forward: a 23-hour day ends in BST'}
      ${'2026-10-25'} | ${'2026-10-25T23:59:59.999Z'} | ${'clocks go back: a 25-hour day ends in GMT'}
    `('should return $expected when the date is $date ($rule)', ({ date, expected }) => {
      expect(calendar.endOfDay(date).toISOString()).toBe(expected);
    });
  });

  describe('atTime, weekStarting, addDays and workingDayFrom (issue 21: the weekly draw)', () => {
    it.each`
      date            | time       | expected                      | rule
      ${'2026-07-06'} | ${'09:00'} | ${'2026-07-06T08:00:00.000Z'} | ${'BST: 09:00 local is 08:00Z'}
      ${'2026-01-05'} | ${'09:00'} | ${'2026-01-05T09:00:00.000Z'} | ${'GMT: 09:00 local is 09:00Z'}
    `('atTime($date, $time) is $expected ($rule)', ({ date, time, expected }) => {
      expect(calendar.atTime(date, time).toISOString()).toBe(expected);
    });

    it.each`
      date            | expected        | rule
      ${'2026-07-06'} | ${'2026-07-06'} | ${'a Monday starts its own week'}
      ${'2026-07-12'} | ${'2026-07-06'} | ${'a Sunday ends the week begun on Monday'}
      ${'2026-01-01'} | ${'2025-12-29'} | ${'a week across the new year'}
      ${'2026-03-29'} | ${'2026-03-23'} | ${'the day the clocks change'}
    `('weekStarting($date) is $expected ($rule)', ({ date, expected }) => {
      expect(calendar.weekStarting(date)).toBe(expected);
    });

    it.each`
      date            | n     | expected
      ${'2026-12-28'} | ${7}  | ${'2027-01-04'}
      ${'2026-03-30'} | ${-7} | ${'2026-03-23'}
    `('addDays($date, $n) is $expected', ({ date, n, expected }) => {
      expect(calendar.addDays(date, n)).toBe(expected);
    });

    it.each`
      date            | expected        | rule
      ${'2026-07-06'} | ${'2026-07-06'} | ${'a working Monday is itself'}
      ${'2026-04-06'} | ${'2026-04-07'} | ${'Easter Monday: the Tuesday'}
      ${'2026-07-11'} | ${'2026-07-13'} | ${'a Saturday: the Monday'}
    `('workingDayFrom($date) is $expected ($rule)', ({ date, expected }) => {
      expect(calendar.workingDayFrom(date)).toBe(expected);
    });
  });

  describe('nextSchoolDayStart', () => {
    it.each`
      after                         | expected                      | rule
      ${'2026-01-20T23:00:00.000Z'} | ${'2026-01-21T08:30:00.000Z'} | ${'Encompass: 23:00 Tuesday -> 08:30 Wednesday'}
      ${'2026-01-21T06:00:00.000Z'} | ${'2026-01-21T08:30:00.000Z'} | ${'Encompass: 06:00 Wednesday -> 08:30 that Wednesday'}
      ${'2026-01-21T10:00:00.000Z'} | ${'2026-01-22T08:30:00.000Z'} | ${'Encompass: 10:00 Wednesday -> 08:30 Thursday'}
      ${'2026-01-21T08:30:00.000Z'} | ${'2026-01-22T08:30:00.000Z'} | ${'Encompass: strictly after, so exactly 08:30 -> next school day'}
      ${'2026-01-24T12:00:00.000Z'} | ${'2026-01-26T08:30:00.000Z'} | ${'Encompass: Saturday -> 08:30 Monday'}
      ${'2026-05-22T18:00:00.000Z'} | ${'2026-05-26T07:30:00.000Z'} | ${'Encompass: Fri 22 May 2026 19:00 -> Tue 08:30 (Spring bank holiday)'}
      ${'2026-05-23T10:00:00.000Z'} | ${'2026-05-26T07:30:00.000Z'} | ${'Encompass: Saturday -> Tuesday when Monday is a bank holiday'}
    `('should return $expected when the incident is at $after ($rule)', ({ after, expected }) => {
      expect(calendar.nextSchoolDayStart(at(after)).toISOString()).toBe(expected);
    });

    describe('with school terms', () => {
      const termed = new WorkingCalendar({
        ...policy,
        schoolTerms: [
          { start: '2026-01-05', end: '2026-02-13' },
          { start: '2026-02-23', end: '2026-03-27' },
          { start: '2026-04-13', end: '2026-07-22' },
        ],
      });

      it.each`
        after                         | expected                      | rule
        ${'2026-02-13T10:00:00.000Z'} | ${'2026-02-23T08:30:00.000Z'} | ${'Encompass: half-term is not a school day'}
        ${'2026-03-27T10:00:00.000Z'} | ${'2026-04-13T07:30:00.000Z'} | ${'Encompass: Easter holidays skipped, term resumes in BST'}
        ${'2026-01-21T06:00:00.000Z'} | ${'2026-01-21T08:30:00.000Z'} | ${'Encompass: in term the usual rule applies'}
      `('should return $expected when the incident is at $after ($rule)', ({ after, expected }) => {
        expect(termed.nextSchoolDayStart(at(after)).toISOString()).toBe(expected);
      });

      it.each`
        date            | expected | rule
        ${'2026-01-05'} | ${true}  | ${'first day of a term is inside it (inclusive)'}
        ${'2026-02-13'} | ${true}  | ${'last day of a term is inside it (inclusive)'}
        ${'2026-02-16'} | ${false} | ${'a weekday between terms is not a school day'}
        ${'2026-04-06'} | ${false} | ${'a bank holiday is never a school day'}
        ${'2026-05-25'} | ${false} | ${'a bank holiday inside a term is not a school day'}
        ${'2026-01-10'} | ${false} | ${'a Saturday inside a term is not a school day'}
      `('should return $expected from isSchoolDay when the date is $date ($rule)', ({ date, expected }) => {
        expect(termed.isSchoolDay(date)).toBe(expected);
      });

      it('should throw when no term follows the incident', () => {
        expect(() => termed.nextSchoolDayStart(at('2026-07-23T10:00:00Z'))).toThrow(/schoolTerms/);
      });
    });
  });

  describe('coversDate', () => {
    it.each`
      date            | expected | rule
      ${'2024-01-01'} | ${true}  | ${'first listed year'}
      ${'2030-12-31'} | ${true}  | ${'last listed year'}
      ${'2023-12-31'} | ${false} | ${'before the list'}
      ${'2031-01-01'} | ${false} | ${'after the list'}
    `('should return $expected when the date is $date ($rule)', ({ date, expected }) => {
      expect(calendar.coversDate(date)).toBe(expected);
    });
  });

  describe('constructor', () => {
    it.each`
      change                                                           | message                     | rule
      ${{ timeZone: 'Europe/Londn' }}                                  | ${/IANA zone/}              | ${'unknown zone'}
      ${{ officeHours: { start: '9:00', end: '17:00' } }}              | ${/officeHours.start/}      | ${'times are HH:mm'}
      ${{ officeHours: { start: '09:00', end: '24:00' } }}             | ${/officeHours.end/}        | ${'hours run 00-23'}
      ${{ officeHours: { start: '17:00', end: '09:00' } }}             | ${/before officeHours.end/} | ${'office hours must be a forward range'}
      ${{ schoolDayStart: '8.30' }}                                    | ${/schoolDayStart/}         | ${'times are HH:mm'}
      ${{ bankHolidays: ['2026-02-30'] }}                              | ${/bankHolidays\[0\]/}      | ${'no such date'}
      ${{ bankHolidays: [] }}                                          | ${/at least one date/}      | ${'an empty list is a config error'}
      ${{ schoolTerms: [{ start: '2026-03-01', end: '2026-02-01' }] }} | ${/starts after it ends/}   | ${'terms are forward ranges'}
      ${{ schoolTerms: [{ start: '2026-03-01', end: 'soon' }] }}       | ${/schoolTerms\[0\]\.end/}  | ${'term dates are YYYY-MM-DD'}
    `('should throw when the policy has $rule', ({ change, message }) => {
      expect(() => new WorkingCalendar({ ...policy, ...change })).toThrow(message);
    });
  });
});
