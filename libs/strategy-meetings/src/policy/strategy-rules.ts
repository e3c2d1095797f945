import type { WorkingCalendar } from '@app/core';

export const AGENCIES = ['LA_SOCIAL_CARE', 'POLICE', 'HEALTH', 'EDUCATION', 'PROBATION', 'OTHER'] as const;
export type Agency = (typeof AGENCIES)[number];

// DOMAIN.md "Strategy discussions": children's social care, police and health must take part
export const REQUIRED_AGENCIES: readonly Agency[] = ['LA_SOCIAL_CARE', 'POLICE', 'HEALTH'];

export const ATTENDANCE = ['ATTENDED', 'APOLOGIES', 'ABSENT'] as const;
export type Attendance = (typeof ATTENDANCE)[number];

export const STRATEGY_OUTCOMES = ['S47_SINGLE_AGENCY', 'S47_JOINT', 'NO_S47_ASSESSMENT', 'NFA'] as const;
export type StrategyOutcome = (typeof STRATEGY_OUTCOMES)[number];

export const DISCUSSION_STATUSES = ['DUE', 'SCHEDULED', 'HELD'] as const;
export type DiscussionStatus = (typeof DISCUSSION_STATUSES)[number];

// the required agencies an invitation leaves out
export function missingRequired(invitees: readonly { agency: Agency }[]): Agency[] {
  return REQUIRED_AGENCIES.filter((required) => !invitees.some((i) => i.agency === required));
}

// a required agency not listed did not attend: it is recorded as ABSENT, never silently skipped
export function completeAttendance(
  attendance: readonly { agency: Agency; status: Attendance }[],
): { agency: Agency; status: Attendance }[] {
  const listed = attendance.map((a) => ({ agency: a.agency, status: a.status }));
  for (const required of REQUIRED_AGENCIES) {
    if (!listed.some((a) => a.agency === required)) listed.push({ agency: required, status: 'ABSENT' });
  }
  return listed;
}

// quorate only when every required agency attended
export function isQuorate(attendance: readonly { agency: Agency; status: Attendance }[]): boolean {
  return REQUIRED_AGENCIES.every((required) =>
    attendance.some((a) => a.agency === required && a.status === 'ATTENDED'),
  );
}

// CIN census S47ActualStartDate / InitialCPCtarget: s47 enquiries start the day the discussion
// is held; the initial child protection conference is due that many working days later
export function s47Dates(
  heldAt: Date,
  outcome: StrategyOutcome,
  calendar: WorkingCalendar,
  icpcWorkingDays: number,
): { s47StartDate: string; icpcDueDate: string } | null {
  if (outcome !== 'S47_SINGLE_AGENCY' && outcome !== 'S47_JOINT') return null;
  const s47StartDate = calendar.localDate(heldAt);
  return { s47StartDate, icpcDueDate: calendar.workingDaysAfter(s47StartDate, icpcWorkingDays) };
}
