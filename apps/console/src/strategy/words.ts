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

// the same agencies within a sentence ("LA children’s social care, police and health")
const AGENCY_IN_A_SENTENCE: Record<Agency, string> = {
  LA_SOCIAL_CARE: 'LA children’s social care',
  POLICE: 'police',
  HEALTH: 'health',
  EDUCATION: 'education',
  PROBATION: 'probation',
  OTHER: 'another agency',
};

// "a", "a and b", "a, b and c"
function listed(words: readonly string[]): string {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

// the quorum as the discussion's read names it (requiredAgencies: the api owns who it is), in
// a sentence: "LA children’s social care, police and health"
export const quorumInWords = (required: readonly Agency[]) =>
  listed(required.map((a) => AGENCY_IN_A_SENTENCE[a]));
export const sentenceStart = (words: string) => words.replace(/^./, (c) => c.toUpperCase());

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
export function attendingAgencies(discussion: Pick<Discussion, 'requiredAgencies' | 'invitees'>): Agency[] {
  return AGENCIES.filter(
    (a) => discussion.requiredAgencies.includes(a) || discussion.invitees.some((i) => i.agency === a),
  );
}

// why a record is (not) quorate, from the attendance and the quorum the api gave: "Not quorate:
// Health sent apologies" (a required agency it did not list counts as absent, as the api counts it)
export function quorumExplained(
  record: Pick<StrategyRecord, 'quorate' | 'attendance'>,
  required: readonly Agency[],
): string {
  if (record.quorate)
    return `Quorate: ${quorumInWords(required)} ${required.length > 1 ? 'all ' : ''}attended`;
  const missing = required.flatMap((agency) => {
    const status = record.attendance.find((a) => a.agency === agency)?.status ?? 'ABSENT';
    if (status === 'ATTENDED') return [];
    return [`${AGENCY_WORDS[agency]} ${status === 'APOLOGIES' ? 'sent apologies' : 'did not attend'}`];
  });
  if (missing.length === 0) return 'Not quorate';
  return `Not quorate: ${missing.join('; ')}`;
}

// --- after the discussion (decision 0023): actions done, the s47 outcome, the ICPC -------------

export type RecordedAction = StrategyRecord['actions'][number];
export type S47Outcome = Schema<'RecordS47OutcomeDto'>['outcome'];
export type AbuseCategory = NonNullable<Schema<'RecordIcpcDto'>['category']>;

// the discussion outcomes that start a section 47 enquiry
export const startsS47 = (outcome: StrategyOutcome | undefined) =>
  outcome === 'S47_SINGLE_AGENCY' || outcome === 'S47_JOINT';

export const S47_OUTCOME_WORDS: Record<S47Outcome, string> = {
  CONCERNS_SUBSTANTIATED_ICPC: 'Concerns substantiated: an initial child protection conference is needed',
  CONCERNS_SUBSTANTIATED_NO_ICPC: 'Concerns substantiated: no conference is needed',
  NOT_SUBSTANTIATED: 'Concerns not substantiated',
};
export const S47_OUTCOME_HINTS: Record<S47Outcome, string> = {
  CONCERNS_SUBSTANTIATED_ICPC:
    'The child is suffering, or likely to suffer, significant harm; a conference follows',
  CONCERNS_SUBSTANTIATED_NO_ICPC: 'Harm was found, but the child can be kept safe without a conference',
  NOT_SUBSTANTIATED: 'The enquiry did not find the concerns it looked into',
};
export const S47_OUTCOMES = Object.keys(S47_OUTCOME_WORDS) as S47Outcome[];

// CIN census InitialCategoryOfAbuse
export const CATEGORY_WORDS: Record<AbuseCategory, string> = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  SAB: 'Sexual abuse',
  EMO: 'Emotional abuse',
  MUL: 'Multiple categories',
};
export const CATEGORIES = Object.keys(CATEGORY_WORDS) as AbuseCategory[];

// a YYYY-MM-DD calendar date falls on a Saturday or a Sunday (CIN census 8875)
export function isWeekend(date: string): boolean {
  const day = new Date(`${date.slice(0, 10)}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}
