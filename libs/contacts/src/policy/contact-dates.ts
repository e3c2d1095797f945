import { isCalendarDate, type FieldError, type WorkingCalendar } from '@app/core';

// the dates on a contact that must make sense together (API.md Contacts)
export interface ContactDates {
  receivedAt: Date;
  dateOfBirth?: string;
  expectedDateOfBirth?: string;
}

// a partner's clock may run a little ahead
export const CLOCK_SKEW_MS = 2 * 60_000;

// no front door recorded contacts electronically before this
const EARLIEST_RECEIVED_AT = Date.UTC(2000, 0, 1);
// care leavers are supported up to 25
const MAX_AGE_YEARS = 25;
// a pregnancy runs about 280 days; 300 allows for an early notification and a late birth
const MAX_DAYS_BEFORE_BIRTH = 300;

const FIELD = {
  receivedAt: 'receivedAt',
  dateOfBirth: 'child.dateOfBirth',
  expectedDateOfBirth: 'child.expectedDateOfBirth',
} as const;

// calendar-date arithmetic in utc, so clock changes never shift the date
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

// the same month and day years earlier, compared as a string: on 29 Feb 2028 the limit is
// '2003-02-29', so 28 Feb 2003 (25 years and a day) is refused and 1 Mar 2003 allowed
function yearsBefore(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}`;
}

function given(value: string | undefined): value is string {
  // the api may send null for a field it leaves out
  return value !== undefined && value !== null;
}

// API.md Contacts: field errors for the dates on a contact, empty when they make sense;
// one error per field, the first rule it breaks
export function checkContactDates(input: ContactDates, now: Date, calendar: WorkingCalendar): FieldError[] {
  const errors: FieldError[] = [];
  const { receivedAt, dateOfBirth, expectedDateOfBirth } = input;

  let receivedError: string | undefined;
  if (!(receivedAt instanceof Date) || Number.isNaN(receivedAt.getTime())) {
    receivedError = 'must be a valid date-time';
  } else if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    receivedError = 'must not be in the future';
  } else if (receivedAt.getTime() < EARLIEST_RECEIVED_AT) {
    receivedError = 'must not be before 2000-01-01';
  }
  if (receivedError) errors.push({ field: FIELD.receivedAt, message: receivedError });
  // the child's dates are judged against the London date the contact came in; without a
  // believable receivedAt only their form can be checked
  const receivedOn = receivedError ? undefined : calendar.localDate(receivedAt);

  if (given(dateOfBirth)) {
    let message: string | undefined;
    if (!isCalendarDate(dateOfBirth)) {
      message = 'must be a real date YYYY-MM-DD';
    } else if (receivedOn && dateOfBirth > receivedOn) {
      message = 'must not be after the contact was received';
    } else if (receivedOn && dateOfBirth < yearsBefore(receivedOn, MAX_AGE_YEARS)) {
      message = `must not be more than ${MAX_AGE_YEARS} years before the contact was received`;
    }
    if (message) errors.push({ field: FIELD.dateOfBirth, message });
  }

  if (given(expectedDateOfBirth)) {
    let message: string | undefined;
    if (given(dateOfBirth)) {
      message = 'give dateOfBirth or expectedDateOfBirth, not both';
    } else if (!isCalendarDate(expectedDateOfBirth)) {
      message = 'must be a real date YYYY-MM-DD';
    } else if (receivedOn && expectedDateOfBirth <= receivedOn) {
      message = 'must be after the contact was received';
    } else if (receivedOn && expectedDateOfBirth > addDays(receivedOn, MAX_DAYS_BEFORE_BIRTH)) {
      message = `must not be more than ${MAX_DAYS_BEFORE_BIRTH} days after the contact was received`;
    }
    if (message) errors.push({ field: FIELD.expectedDateOfBirth, message });
  }

  return errors;
}
