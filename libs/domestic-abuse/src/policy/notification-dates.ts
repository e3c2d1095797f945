import { isCalendarDate, type FieldError, type WorkingCalendar } from '@app/core';

const SKEW_MS = 2 * 60_000;
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

interface Dated {
  incidentAt: Date;
  victim: { dateOfBirth?: string };
  perpetrator: { dateOfBirth?: string };
  children: { dateOfBirth: string }[];
}

// the dates a notification carries, against the clock and each other; field names as sent
export function checkNotificationDates(input: Dated, now: Date, calendar: WorkingCalendar): FieldError[] {
  const errors: FieldError[] = [];
  const incident = input.incidentAt.getTime();
  if (Number.isNaN(incident)) return [{ field: 'incidentAt', message: 'must be a valid date-time' }];
  if (incident > now.getTime() + SKEW_MS)
    errors.push({ field: 'incidentAt', message: 'must not be in the future' });
  if (incident < EARLIEST) errors.push({ field: 'incidentAt', message: 'must not be before 2000' });
  const incidentDate = calendar.localDate(input.incidentAt);
  const birth = (field: string, value: string | undefined) => {
    if (value === undefined) return;
    if (!isCalendarDate(value)) errors.push({ field, message: 'must be a real calendar date' });
    else if (value > incidentDate) errors.push({ field, message: 'must not be after the incident' });
  };
  birth('victim.dateOfBirth', input.victim.dateOfBirth);
  birth('perpetrator.dateOfBirth', input.perpetrator.dateOfBirth);
  input.children.forEach((child, i) => birth(`children.${i}.dateOfBirth`, child.dateOfBirth));
  return errors;
}
