import { loadPolicies, WorkingCalendar, type AuditDrawScheduleSchema } from '@app/core';
import { drawMoment, weekDue, weekProblem } from './audit-schedule';

const calendar = new WorkingCalendar(loadPolicies('config').calendar);
const monday9: AuditDrawScheduleSchema = { weekday: 'MONDAY', time: '09:00' };

describe('drawMoment (issue 21 item 3: Monday 09:00 on the working-day clock, config/quality.yml)', () => {
  it.each`
    week            | schedule                                   | expected                      | rule
    ${'2026-11-23'} | ${monday9}                                 | ${'2026-11-30T09:00:00.000Z'} | ${'the next Monday at 09:00 (GMT)'}
    ${'2026-06-29'} | ${monday9}                                 | ${'2026-07-06T08:00:00.000Z'} | ${'09:00 local in summer time'}
    ${'2026-03-30'} | ${monday9}                                 | ${'2026-04-07T08:00:00.000Z'} | ${'Easter Monday: the Tuesday'}
    ${'2026-11-23'} | ${{ weekday: 'WEDNESDAY', time: '14:30' }} | ${'2026-12-02T14:30:00.000Z'} | ${'another configured day and time'}
  `('draws the week of $week at $expected ($rule)', ({ week, schedule, expected }) => {
    expect(drawMoment(calendar, schedule as AuditDrawScheduleSchema, week as string).toISOString()).toBe(
      expected,
    );
  });
});

describe('weekDue', () => {
  it.each`
    now                           | expected        | rule
    ${'2026-11-30T08:59:59.999Z'} | ${null}         | ${'not before Monday 09:00'}
    ${'2026-11-30T09:00:00.000Z'} | ${'2026-11-23'} | ${'last week at Monday 09:00'}
    ${'2026-12-05T23:00:00.000Z'} | ${'2026-11-23'} | ${'still last week on Saturday'}
    ${'2026-04-06T10:00:00.000Z'} | ${null}         | ${'Easter Monday: not yet'}
    ${'2026-04-07T08:00:00.000Z'} | ${'2026-03-30'} | ${'the Tuesday after Easter at 09:00 BST'}
  `('at $now the week due is $expected ($rule)', ({ now, expected }) => {
    expect(weekDue(calendar, monday9, new Date(now as string))).toBe(expected);
  });
});

describe('weekProblem', () => {
  it.each`
    week            | today           | expected
    ${'2026-11-23'} | ${'2026-11-30'} | ${null}
    ${'2026-11-24'} | ${'2026-12-02'} | ${'must be a Monday (the week’s first day)'}
    ${'2026-11-30'} | ${'2026-12-02'} | ${'must be a week that has ended'}
    ${'2026-11-30'} | ${'2026-12-06'} | ${'must be a week that has ended'}
    ${'2026-11-30'} | ${'2026-12-07'} | ${null}
  `('$week on $today: $expected', ({ week, today, expected }) => {
    expect(weekProblem(calendar, week as string, today as string)).toBe(expected);
  });
});
