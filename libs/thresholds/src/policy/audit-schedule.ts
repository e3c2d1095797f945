import { WEEKDAYS, type AuditDrawScheduleSchema, type WorkingCalendar } from '@app/core';

// issue 21 item 3: when a week's sample is drawn. The draw for the week starting Monday W is made
// at the configured time on the configured weekday of the week after (the next working day when
// that day is a bank holiday), on the front door's local clock.
export function drawMoment(
  calendar: WorkingCalendar,
  schedule: AuditDrawScheduleSchema,
  weekStarting: string,
): Date {
  const nextWeek = calendar.addDays(weekStarting, 7);
  const day = calendar.workingDayFrom(calendar.addDays(nextWeek, WEEKDAYS.indexOf(schedule.weekday)));
  return calendar.atTime(day, schedule.time);
}

// the week whose draw is due at `now` (the week before this one, once this week's moment has
// come), or null before it
export function weekDue(
  calendar: WorkingCalendar,
  schedule: AuditDrawScheduleSchema,
  now: Date,
): string | null {
  const lastWeek = calendar.addDays(calendar.weekStarting(calendar.localDate(now)), -7);
  return now.getTime() >= drawMoment(calendar, schedule, lastWeek).getTime() ? lastWeek : null;
}

// what is wrong with a week a manager asks to draw (null: nothing): a Monday, of a week that has ended
export function weekProblem(calendar: WorkingCalendar, weekStarting: string, today: string): string | null {
  if (calendar.weekStarting(weekStarting) !== weekStarting) return 'must be a Monday (the week’s first day)';
  if (calendar.addDays(weekStarting, 7) > today) return 'must be a week that has ended';
  return null;
}
