import type { Schema } from '../api-client';

export type Agency = Schema<'InviteeDto'>['agency'];
export type Attendance = Schema<'AttendanceDto'>['status'];
export type StrategyOutcome = Schema<'RecordDto'>['outcome'];
export type Discussion = Schema<'DiscussionViewDto'>;
export type StrategyRecord = Schema<'StrategyRecordViewDto'>;

// every agency the api takes, typed against its own list (one it adds and this lacks fails the build)
export const AGENCY_WORDS: Record<Agency, string> = {
  LA_SOCIAL_CARE: 'LA children’s social care',
  POLICE: 'Police',
  HEALTH: 'Health',
  EDUCATION: 'Education',
  PROBATION: 'Probation',
  OTHER: 'Other agency',
};
export const AGENCIES = Object.keys(AGENCY_WORDS) as Agency[];

// DOMAIN.md "Strategy discussions": the quorum, always invited (the api refuses a schedule without them)
export const REQUIRED_AGENCIES: readonly Agency[] = ['LA_SOCIAL_CARE', 'POLICE', 'HEALTH'];
export const isRequired = (agency: Agency) => REQUIRED_AGENCIES.includes(agency);

export const ATTENDANCE_WORDS: Record<Attendance, string> = {
  ATTENDED: 'Attended',
  APOLOGIES: 'Apologies',
  ABSENT: 'Absent',
};

export const STRATEGY_OUTCOME_WORDS: Record<StrategyOutcome, string> = {
  S47_SINGLE_AGENCY: 'Section 47 enquiry, single agency',
  S47_JOINT: 'Section 47 enquiry, joint with police',
  NO_S47_ASSESSMENT: 'No section 47 enquiry',
  NFA: 'No further action',
};
export const STRATEGY_OUTCOMES = Object.keys(STRATEGY_OUTCOME_WORDS) as StrategyOutcome[];

export const DISCUSSION_STATUS_WORDS: Record<Discussion['status'], string> = {
  DUE: 'Due',
  SCHEDULED: 'Scheduled',
  HELD: 'Held',
};

// the agencies whose attendance is recorded: the quorum, then whoever else was invited
export function attendingAgencies(invitees: readonly { agency: Agency }[]): Agency[] {
  return AGENCIES.filter((a) => isRequired(a) || invitees.some((i) => i.agency === a));
}

// why a record is (not) quorate, from the attendance the api recorded: "Not quorate: Health
// sent apologies" (a required agency it did not list counts as absent, as the api counts it)
export function quorumExplained(record: Pick<StrategyRecord, 'quorate' | 'attendance'>): string {
  const missing = REQUIRED_AGENCIES.flatMap((agency) => {
    const status = record.attendance.find((a) => a.agency === agency)?.status ?? 'ABSENT';
    if (status === 'ATTENDED') return [];
    return [`${AGENCY_WORDS[agency]} ${status === 'APOLOGIES' ? 'sent apologies' : 'did not attend'}`];
  });
  if (record.quorate) return 'Quorate: LA children’s social care, police and health all attended';
  if (missing.length === 0) return 'Not quorate';
  return `Not quorate: ${missing.join('; ')}`;
}
