export { WorkingCalendar } from './working-calendar';
export type { CalendarPolicy, Timescale } from './working-calendar';
export { timelinessAt, TimelinessClock } from './timeliness';
export type { Timeliness, TimelinessResult } from './timeliness';
