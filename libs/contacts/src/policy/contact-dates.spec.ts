import { loadPolicies, WorkingCalendar, type FieldError } from '@app/core';
import { checkContactDates, CLOCK_SKEW_MS, type ContactDates } from './contact-dates';

// the calendar as shipped, so London dates come from config/calendar.yml
const calendar = new WorkingCalendar(loadPolicies('config').calendar);
const NOW = new Date('2026-11-20T10:00:00.000Z');
const at = (iso: string): Date => new Date(iso);
const later = (ms: number): Date => new Date(NOW.getTime() + ms);

const received = 'receivedAt';
const dob = 'child.dateOfBirth';
const edd = 'child.expectedDateOfBirth';
const error = (field: string, message: string): FieldError => ({ field, message });
// one field's outcome: 'no error', or the message it should carry
const only = (field: string, expected: string): FieldError[] =>
  expected === 'no error' ? [] : [error(field, expected)];

describe('checkContactDates', () => {
  it('should allow two minutes of clock skew when a partner sends a contact', () => {
    expect(CLOCK_SKEW_MS).toBe(120_000);
  });

  describe('receivedAt', () => {
    it.each`
      receivedAt                        | expected                           | rule
      ${NOW}                            | ${'no error'}                      | ${'API.md Contacts: received now is fine'}
      ${later(-86_400_000)}             | ${'no error'}                      | ${'received yesterday is fine'}
      ${later(CLOCK_SKEW_MS)}           | ${'no error'}                      | ${'API.md Contacts: a partner clock up to 2 minutes ahead is allowed (at the boundary)'}
      ${later(CLOCK_SKEW_MS + 1)}       | ${'must not be in the future'}     | ${'API.md Contacts: not in the future (1 ms past the skew)'}
      ${later(86_400_000)}              | ${'must not be in the future'}     | ${'API.md Contacts: not in the future (a day ahead)'}
      ${at('2000-01-01T00:00:00.000Z')} | ${'no error'}                      | ${'not before 2000-01-01 (at the boundary)'}
      ${at('1999-12-31T23:59:59.999Z')} | ${'must not be before 2000-01-01'} | ${'not before 2000-01-01 (1 ms before)'}
      ${at('not a date')}               | ${'must be a valid date-time'}     | ${'an invalid Date is refused, not passed to the calendar'}
    `('should give $expected when received at $receivedAt ($rule)', ({ receivedAt, expected }) => {
      expect(checkContactDates({ receivedAt }, NOW, calendar)).toEqual(only(received, expected));
    });
  });

  describe('dateOfBirth', () => {
    it.each`
      receivedAt                    | dateOfBirth               | expected                                                            | rule
      ${NOW}                        | ${'2026-11-20'}           | ${'no error'}                                                       | ${'not after the received date (born the day the contact came in)'}
      ${NOW}                        | ${'2026-11-21'}           | ${'must not be after the contact was received'}                     | ${'not after the received date (the day after)'}
      ${NOW}                        | ${'2001-11-20'}           | ${'no error'}                                                       | ${'care leavers up to 25: exactly 25 years before'}
      ${NOW}                        | ${'2001-11-19'}           | ${'must not be more than 25 years before the contact was received'} | ${'care leavers up to 25: 25 years and a day before'}
      ${at('2024-02-29T12:00:00Z')} | ${'1999-03-01'}           | ${'no error'}                                                       | ${'care leavers up to 25: received 29 Feb, 1 Mar 25 years before is within'}
      ${at('2024-02-29T12:00:00Z')} | ${'1999-02-28'}           | ${'must not be more than 25 years before the contact was received'} | ${'care leavers up to 25: received 29 Feb, 28 Feb 25 years before is past'}
      ${at('2026-03-29T23:30:00Z')} | ${'2026-03-30'}           | ${'no error'}                                                       | ${'Clocks: 23:30Z on 29 Mar 2026 is 00:30 BST on 30 Mar in London'}
      ${at('2026-03-29T23:30:00Z')} | ${'2026-03-31'}           | ${'must not be after the contact was received'}                     | ${'Clocks: London date 30 Mar, so 31 Mar is after it'}
      ${at('2026-01-15T23:30:00Z')} | ${'2026-01-16'}           | ${'must not be after the contact was received'}                     | ${'Clocks: in GMT 23:30Z is still 15 Jan in London'}
      ${NOW}                        | ${'2024-02-29'}           | ${'no error'}                                                       | ${'a real date: 29 Feb in a leap year'}
      ${NOW}                        | ${'2025-02-29'}           | ${'must be a real date YYYY-MM-DD'}                                 | ${'a real date: no 29 Feb in 2025'}
      ${NOW}                        | ${'2026-02-30'}           | ${'must be a real date YYYY-MM-DD'}                                 | ${'a real date: no 30 Feb'}
      ${NOW}                        | ${'2026-13-01'}           | ${'must be a real date YYYY-MM-DD'}                                 | ${'a real date: no month 13'}
      ${NOW}                        | ${'2026-00-10'}           | ${'must be a real date YYYY-MM-DD'}                                 | ${'a real date: no month 0'}
      ${NOW}                        | ${'2026-04-31'}           | ${'must be a real date YYYY-MM-DD'}                                 | ${'a real date: April has 30 days'}
      ${NOW}                        | ${'2026-4-1'}             | ${'must be a real date YYYY-MM-DD'}                                 | ${'YYYY-MM-DD: two-digit month and day'}
      ${NOW}                        | ${'01/04/2026'}           | ${'must be a real date YYYY-MM-DD'}                                 | ${'YYYY-MM-DD: not a UK-style date'}
      ${NOW}                        | ${'2026-04-01T00:00:00Z'} | ${'must be a real date YYYY-MM-DD'}                                 | ${'YYYY-MM-DD: a date, not a date-time'}
      ${NOW}                        | ${''}                     | ${'must be a real date YYYY-MM-DD'}                                 | ${'YYYY-MM-DD: an empty string is not a date'}
    `(
      'should give $expected when born $dateOfBirth and received at $receivedAt ($rule)',
      ({ receivedAt, dateOfBirth, expected }) => {
        expect(checkContactDates({ receivedAt, dateOfBirth }, NOW, calendar)).toEqual(only(dob, expected));
      },
    );
  });

  describe('expectedDateOfBirth', () => {
    it.each`
      receivedAt                    | expectedDateOfBirth | expected                                                           | rule
      ${NOW}                        | ${'2026-11-21'}     | ${'no error'}                                                      | ${'an unborn child: due after the received date (the day after)'}
      ${NOW}                        | ${'2026-11-20'}     | ${'must be after the contact was received'}                        | ${'an unborn child: due the day the contact came in is not after it'}
      ${NOW}                        | ${'2026-06-01'}     | ${'must be after the contact was received'}                        | ${'an unborn child: due in the past'}
      ${NOW}                        | ${'2027-09-16'}     | ${'no error'}                                                      | ${'no more than 300 days after the received date (at the boundary)'}
      ${NOW}                        | ${'2027-09-17'}     | ${'must not be more than 300 days after the contact was received'} | ${'no more than 300 days after the received date (301 days)'}
      ${at('2026-03-29T23:30:00Z')} | ${'2026-03-30'}     | ${'must be after the contact was received'}                        | ${'Clocks: received 00:30 BST on 30 Mar in London, so 30 Mar is not after it'}
      ${at('2026-03-29T23:30:00Z')} | ${'2027-01-24'}     | ${'no error'}                                                      | ${'Clocks: 300 days counted from the London date, 30 Mar'}
      ${at('2026-03-29T23:30:00Z')} | ${'2027-01-25'}     | ${'must not be more than 300 days after the contact was received'} | ${'Clocks: 301 days from the London date, 30 Mar'}
      ${NOW}                        | ${'2027-02-29'}     | ${'must be a real date YYYY-MM-DD'}                                | ${'a real date: no 29 Feb in 2027'}
      ${NOW}                        | ${'2027-13-01'}     | ${'must be a real date YYYY-MM-DD'}                                | ${'a real date: no month 13'}
    `(
      'should give $expected when due $expectedDateOfBirth and received at $receivedAt ($rule)',
      ({ receivedAt, expectedDateOfBirth, expected }) => {
        expect(checkContactDates({ receivedAt, expectedDateOfBirth }, NOW, calendar)).toEqual(
          only(edd, expected),
        );
      },
    );
  });

  describe('several dates together', () => {
    it.each`
      input                                                                                | expected                                                                                                                       | rule
      ${{ receivedAt: NOW }}                                                               | ${[]}                                                                                                                          | ${'neither date of birth is required'}
      ${{ receivedAt: NOW, dateOfBirth: '2020-01-01', expectedDateOfBirth: '2027-01-01' }} | ${[error(edd, 'give dateOfBirth or expectedDateOfBirth, not both')]}                                                           | ${'API.md Contacts: dateOfBirth or expectedDateOfBirth, not both'}
      ${{ receivedAt: NOW, dateOfBirth: '2026-12-01', expectedDateOfBirth: '2026-02-30' }} | ${[error(dob, 'must not be after the contact was received'), error(edd, 'give dateOfBirth or expectedDateOfBirth, not both')]} | ${'not both, and each date still judged on its own'}
      ${{ receivedAt: later(3_600_000), dateOfBirth: '2026-11-21' }}                       | ${[error(received, 'must not be in the future')]}                                                                              | ${'a future receivedAt is the error; the birth date is not judged against it'}
      ${{ receivedAt: at('not a date'), dateOfBirth: '2026-02-30' }}                       | ${[error(received, 'must be a valid date-time'), error(dob, 'must be a real date YYYY-MM-DD')]}                                | ${'the form of a date is still checked without a usable receivedAt'}
      ${{ receivedAt: NOW, dateOfBirth: null, expectedDateOfBirth: null }}                 | ${[]}                                                                                                                          | ${'null is a field left out, as JSON may send it'}
    `('should return the listed field errors when $rule', ({ input, expected }) => {
      expect(checkContactDates(input as ContactDates, NOW, calendar)).toEqual(expected);
    });
  });
});
