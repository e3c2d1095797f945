import { ETHNICITY_CODES, REFERRAL_SOURCES } from '@app/contacts/dto/validators';
import { DISABILITY_CODES } from '@app/contacts/policy/child-demographics';
import { ABUSE_CATEGORIES } from '@app/strategy-meetings/policy/outcome-rules';
import { PRIMARY_NEED_CODES } from '@app/thresholds/policy/threshold-rules';
import type {
  CensusChild,
  CensusEpisode,
  CensusProtectionPlan,
  CensusSection47,
  CensusYear,
} from './census-child';

// issue 19: the DfE children in need census rules (cin2025_26, as listed in
// reference/cin_validation_rules_cin2025_26.csv) that the front door's own records can break,
// checked at the source, child by child, each with what to fix and a link to where to fix it.
// Pure: no Nest, no database. The conditions follow the DfE rule details (as Data to Insight's
// csc-validator-be-cin implements them); the messages and types are the DfE's, in CENSUS_RULES.
//
// A front-door return is a fragment: the council merges it with its case-management system
// (assessments, CIN plans, closures, reviews, CPP end dates) before it goes to the DfE. So:
// * rules on data the front door does not hold are NOT_APPLICABLE_RULES, with the reason;
// * 2991Q (a Section 47 with no assessment on the episode) fires for every episode with a
//   Section 47, as the front door records no assessment: it is an EXPECTED_QUERIES one;
// * the front door closes no episode (cinClosureDate is set only when the projection knows it),
//   so a child re-referred with further action twice in the year breaks 8815/8816/8820 until
//   the case system's closure date of the first episode is merged.
//
// Dates are calendar dates (YYYY-MM-DD), compared as strings and moved with Date.UTC (no time
// zones). Working days are weekdays: bank holidays are not known to this pure module, so the
// "N working days" thresholds (8569Q, 8675Q) may be a day or so off around Easter, and the
// weekend rules (8870Q, 8875) do not see a bank holiday. The ICPC target (InitialCPCtarget, 15
// working days after the s47 start) is computed by the caller, with the council's calendar.

export interface CensusProblem {
  rule: string;
  type: 'ERROR' | 'QUERY';
  message: string;
  childId: string;
  field: string;
  link: { kind: 'child' | 'contact' | 'strategy-discussion'; id: string };
}

// the DfE's type and message of each checked rule (reference/cin_validation_rules_cin2025_26.csv)
export const CENSUS_RULES: Readonly<Record<string, { type: 'ERROR' | 'QUERY'; message: string }>> = {
  '1104': {
    type: 'ERROR',
    message: 'The date of the initial child protection conference cannot be before the referral date',
  },
  '1105': {
    type: 'ERROR',
    message: 'The child protection plan start date cannot be before the referral date',
  },
  '1520': { type: 'ERROR', message: 'More than one record with the same UPN.' },
  '1570': { type: 'ERROR', message: 'LA Child ID must not be longer than 20 characters' },
  '1580': { type: 'ERROR', message: 'LA Child ID must not contain any non-alphanumeric characters' },
  '2883': {
    type: 'ERROR',
    message: 'There are more child protection plans starting than initial conferences taking place',
  },
  '2885': {
    type: 'ERROR',
    message:
      'Child protection plan shown as starting a different day to the initial child protection conference.',
  },
  '2889': { type: 'ERROR', message: 'The S47 start date cannot be before the referral date.' },
  '2991Q': {
    type: 'QUERY',
    message:
      'Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode',
  },
  '4180': { type: 'ERROR', message: 'Sex must be provided and equal M, F, or U' },
  '4220': { type: 'ERROR', message: 'Ethnicity is missing or invalid (see Ethnicity table)' },
  '8500': { type: 'ERROR', message: 'LA Child ID missing' },
  '8510': { type: 'ERROR', message: 'More than one child record with the same LA Child ID' },
  '8520': {
    type: 'ERROR',
    message:
      'Date of Birth is after data collection period (must be on or before the end of the census period)',
  },
  '8525Q': {
    type: 'QUERY',
    message: 'Either Date of Birth or Expected Date of Birth must be provided (but not both)',
  },
  '8530Q': {
    type: 'QUERY',
    message:
      'Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)',
  },
  '8540': { type: 'ERROR', message: 'Child’s disability is missing or invalid (see Disability table)' },
  '8565': { type: 'ERROR', message: 'Activity shown after a case has been closed' },
  '8569Q': {
    type: 'QUERY',
    message:
      'A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case',
  },
  '8590': { type: 'ERROR', message: 'Child does not have a recorded CIN episode.' },
  '8600': { type: 'ERROR', message: 'Child referral date missing or after data collection period' },
  '8606': { type: 'ERROR', message: 'Child referral date is more than 40 weeks before DOB or expected DOB' },
  '8610': {
    type: 'ERROR',
    message: 'Primary Need code is missing for a referral which led to further action.',
  },
  '8615': {
    type: 'ERROR',
    message:
      'Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference',
  },
  '8620': { type: 'ERROR', message: 'CIN Closure Date present and does not fall within the Census year' },
  '8630': { type: 'ERROR', message: 'CIN Closure Date is before CIN Referral Date for the same CIN episode' },
  '8650': {
    type: 'ERROR',
    message: 'Primary Need Code invalid (see Primary Need table in CIN census code set)',
  },
  '8675Q': {
    type: 'QUERY',
    message:
      'Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.',
  },
  '8715': {
    type: 'ERROR',
    message: 'Date of Initial Child Protection Conference must fall within the census year',
  },
  '8720': {
    type: 'ERROR',
    message: 'Child Protection Plan Start Date missing or out of data collection period',
  },
  '8730': { type: 'ERROR', message: 'Total Number of previous Child Protection Plans missing' },
  '8740': {
    type: 'ERROR',
    message:
      'For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year',
  },
  '8750': { type: 'ERROR', message: 'Sex must equal U for an unborn child' },
  '8770Q': {
    type: 'QUERY',
    message:
      'Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.',
  },
  '8772': {
    type: 'ERROR',
    message:
      'UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action',
  },
  '8775Q': {
    type: 'QUERY',
    message: 'Please check and either amend data or provide a reason: Child is over 25 years old',
  },
  '8790': { type: 'ERROR', message: 'Disability information includes both None and other values' },
  '8794': { type: 'ERROR', message: 'Child has two or more disabilities with the same code' },
  '8815': {
    type: 'ERROR',
    message:
      'More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.',
  },
  '8816': {
    type: 'ERROR',
    message:
      'An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.',
  },
  '8820': { type: 'ERROR', message: 'The dates on the CIN episodes for this child overlap' },
  '8831': {
    type: 'ERROR',
    message: 'Activity is recorded against a case marked as a referral with no further action',
  },
  '8832': {
    type: 'ERROR',
    message: 'Child Protection details provided for a referral with no further action.',
  },
  '8839': { type: 'ERROR', message: 'Within one CINDetails group there are 2 or more open S47 Assessments' },
  '8866': { type: 'ERROR', message: 'Source of Referral is missing or an invalid code' },
  '8868': {
    type: 'ERROR',
    message:
      'CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag',
  },
  '8870Q': {
    type: 'QUERY',
    message:
      'Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend',
  },
  '8875': { type: 'ERROR', message: 'The Date of Initial Child Protection Conference cannot be a weekend' },
  '8890': {
    type: 'ERROR',
    message: 'A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing',
  },
  '8905': {
    type: 'ERROR',
    message:
      'Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  },
  '8910': {
    type: 'ERROR',
    message:
      'Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  },
};

// a front-door return is a fragment the council merges with its case-management system: these
// queries fire by design (2991Q: the assessments are the council's), to be cleared by the merge
export const EXPECTED_QUERIES = ['2991Q'];

// every other rule of the CSV, and why the front door cannot break it (or cannot check it here)
export const NOT_APPLICABLE_RULES: Readonly<Record<string, string>> = {
  '100': 'the header (ReferenceDate) is written by the XML writer from the census year',
  '1103': 'assessments are in the case-management system',
  '1510': 'needs the UPN check letter of libs/contacts/src/policy/upn.ts, not exported from @app/contacts',
  '1530': 'the list of recognised LA codes is not held by the front door',
  '1540': 'UPN format: needs libs/contacts/src/policy/upn.ts, not exported from @app/contacts',
  '1550': 'UPN format: needs libs/contacts/src/policy/upn.ts, not exported from @app/contacts',
  '1560Q': 'the front door holds no former UPN',
  '2884': 'the front door records the ICPC on the Section 47 module only, never at CIN details level',
  '2886Q': 'a percentage over the whole return: judged on the merged return',
  '2887Q': 'a count over the whole return: judged on the merged return',
  '2888Q': 'a count over the whole return: judged on the merged return',
  '2990': 'reasons for closure are in the case-management system',
  '4000': 'CIN plans are in the case-management system',
  '4001': 'CIN plans and CPP end dates are in the case-management system',
  '4003': 'CIN plans and reviews are in the case-management system',
  '4004': 'CIN plans are in the case-management system',
  '4008': 'CIN plans and dates of death are in the case-management system',
  '4009Q': 'CIN plans and dates of death are in the case-management system',
  '4010': 'CIN plans are in the case-management system',
  '4011': 'CIN plans are in the case-management system',
  '4012Q': 'CIN plans are in the case-management system',
  '4013': 'CIN plans are in the case-management system',
  '4014': 'CIN plans are in the case-management system',
  '4015': 'CIN plans are in the case-management system',
  '4016': 'CIN plans and CPP end dates are in the case-management system',
  '4017': 'CIN plans are in the case-management system',
  '8535Q': 'dates of death are in the case-management system',
  '8545Q': 'dates of death are in the case-management system',
  '8555Q': 'dates of death are in the case-management system',
  '8568': 'ReferralNFA is a boolean in CensusChild: always written 0 or 1',
  '8585Q': 'reasons for closure and dates of death are in the case-management system',
  '8608': 'assessments are in the case-management system',
  '8614': 'assessments are in the case-management system',
  '8640': 'reasons for closure are in the case-management system',
  '8670Q': 'assessments are in the case-management system',
  '8696': 'assessments are in the case-management system',
  '8736': 'assessments are in the case-management system',
  '8805': 'reasons for closure are in the case-management system',
  '8810': 'reasons for closure are in the case-management system',
  '8825Q': 'reasons for closure and assessments are in the case-management system',
  '8840': 'CPP end dates are in the case-management system',
  '8841': 'CPP reviews are in the case-management system',
  '8842Q': 'CPP reviews are in the case-management system',
  '8863Q': 'assessments are in the case-management system',
  '8867': 'assessments are in the case-management system',
  '8869': 'assessments are in the case-management system',
  '8873Q': 'assessments and reasons for closure are in the case-management system',
  '8896': 'assessments are in the case-management system',
  '8897Q': 'assessments are in the case-management system',
  '8898': 'assessments are in the case-management system',
  '8915': 'dates of death are in the case-management system',
  '8920': 'dates of death and CPP end dates are in the case-management system',
  '8925': 'CPP end dates are in the case-management system',
  '8930': 'CPP end dates are in the case-management system',
  '8935': 'CPP end dates are in the case-management system (every front-door plan has none)',
  '8940': 'CPP end dates are in the case-management system',
  '8945Q': 'assessments are in the case-management system',
  '8950Q': 'assessments are in the case-management system',
};

// CIN census 2025-26 code lists (shared/reference/cin_census/cin_census_codelists.json), as
// the modules that take the values hold them
const ETHNICITY: ReadonlySet<string> = new Set(ETHNICITY_CODES);
const DISABILITIES: ReadonlySet<string> = new Set(DISABILITY_CODES);
const SOURCES: ReadonlySet<string> = new Set(REFERRAL_SOURCES);
const PRIMARY_NEEDS: ReadonlySet<string> = new Set(PRIMARY_NEED_CODES);
const CATEGORIES_OF_ABUSE: ReadonlySet<string> = new Set(ABUSE_CATEGORIES);
const SEXES: ReadonlySet<string> = new Set(['M', 'F', 'U']);
// a reason for no UPN that is not UN1 (8770Q)
const UPN_UNKNOWN_NOT_UN1: ReadonlySet<string> = new Set(['UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7']);

// ---- calendar dates (YYYY-MM-DD), plain arithmetic in UTC ----

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

// months then, if the month is shorter, its last day (31 March + 9 months = 31 December)
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

function isWeekend(date: string): boolean {
  const day = new Date(toUtc(date)).getUTCDay();
  return day === 0 || day === 6;
}

// the date n working days (weekdays; bank holidays unknown here) before date
function workingDaysBefore(date: string, n: number): string {
  let at = date;
  for (let counted = 0; counted < n;) {
    at = addDays(at, -1);
    if (!isWeekend(at)) counted++;
  }
  return at;
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function within(date: string, year: CensusYear): boolean {
  return date >= year.start && date <= year.referenceDate;
}

// ---- the rules ----

// one breach: the field to fix and where to fix it
interface Finding {
  field: string;
  link: CensusProblem['link'];
}

interface Context {
  year: CensusYear;
  // how many children carry each LAchildID, each UPN
  laChildIdCount: ReadonlyMap<string, number>;
  upnCount: ReadonlyMap<string, number>;
}

type Rule = (child: CensusChild, context: Context) => Finding[];

const onChild = (child: CensusChild, field: string): Finding[] => [
  { field, link: { kind: 'child', id: child.childId } },
];
const onEpisode = (episode: CensusEpisode, field: string): Finding => ({
  field,
  link: { kind: 'contact', id: episode.contactId },
});
const onDiscussion = (item: CensusSection47 | CensusProtectionPlan, field: string): Finding => ({
  field,
  link: { kind: 'strategy-discussion', id: item.discussionId },
});
const when = (condition: boolean, findings: () => Finding[]): Finding[] => (condition ? findings() : []);
const episodesOf = (child: CensusChild) => child.episodes ?? [];
const furtherAction = (child: CensusChild) => episodesOf(child).some((e) => !e.referralNfa);
const unborn = (child: CensusChild) =>
  !present(child.personBirthDate) && present(child.expectedPersonBirthDate);
// an s47 still open: no ICPC held and none found unnecessary
const s47Open = (s: CensusSection47) => !present(s.dateOfInitialCpc) && !s.icpcNotRequired;

function eachSection47(
  child: CensusChild,
  test: (s47: CensusSection47, episode: CensusEpisode) => string | null,
): Finding[] {
  return episodesOf(child).flatMap((episode) =>
    episode.section47.flatMap((s47) => {
      const field = test(s47, episode);
      return field ? [onDiscussion(s47, field)] : [];
    }),
  );
}

function eachPlan(
  child: CensusChild,
  test: (plan: CensusProtectionPlan, episode: CensusEpisode) => string | null,
): Finding[] {
  return episodesOf(child).flatMap((episode) =>
    episode.childProtectionPlans.flatMap((plan) => {
      const field = test(plan, episode);
      return field ? [onDiscussion(plan, field)] : [];
    }),
  );
}

function eachEpisode(
  child: CensusChild,
  test: (episode: CensusEpisode, index: number) => string | null,
): Finding[] {
  return episodesOf(child).flatMap((episode, index) => {
    const field = test(episode, index);
    return field ? [onEpisode(episode, field)] : [];
  });
}

// -- child identifiers --

// 8500 LA Child ID missing
function laChildIdMissing(child: CensusChild): Finding[] {
  return when(!present(child.laChildId), () => onChild(child, 'LAchildID'));
}

// 1570 LA Child ID must not be longer than 20 characters
function laChildIdTooLong(child: CensusChild): Finding[] {
  return when((child.laChildId ?? '').length > 20, () => onChild(child, 'LAchildID'));
}

// 1580 LA Child ID must not contain any non-alphanumeric characters
function laChildIdNotAlphanumeric(child: CensusChild): Finding[] {
  const id = child.laChildId ?? '';
  return when(id !== '' && !/^[A-Za-z0-9]+$/.test(id), () => onChild(child, 'LAchildID'));
}

// 8510 More than one child record with the same LA Child ID
function laChildIdDuplicated(child: CensusChild, { laChildIdCount }: Context): Finding[] {
  return when(present(child.laChildId) && (laChildIdCount.get(child.laChildId) ?? 0) > 1, () =>
    onChild(child, 'LAchildID'),
  );
}

// 1520 More than one record with the same UPN.
function upnDuplicated(child: CensusChild, { upnCount }: Context): Finding[] {
  const upn = upnKey(child.upn);
  return when(upn !== null && (upnCount.get(upn) ?? 0) > 1, () => onChild(child, 'UPN'));
}

// 4180 Sex must be provided and equal M, F, or U
function sexInvalid(child: CensusChild): Finding[] {
  return when(!SEXES.has(child.sex), () => onChild(child, 'Sex'));
}

// 8520 Date of Birth is after data collection period (must be on or before the end of the census period)
function birthAfterCensus(child: CensusChild, { year }: Context): Finding[] {
  return when(present(child.personBirthDate) && child.personBirthDate > year.referenceDate, () =>
    onChild(child, 'PersonBirthDate'),
  );
}

// 8525Q Either Date of Birth or Expected Date of Birth must be provided (but not both)
function birthOrExpectedBirth(child: CensusChild): Finding[] {
  return when(present(child.personBirthDate) === present(child.expectedPersonBirthDate), () =>
    onChild(child, 'PersonBirthDate'),
  );
}

// 8530Q ... Expected Date of Birth is outside the expected range for this census (March to
// December of the Census Year end): strictly between ReferenceDate - 30 days and + 9 months
function expectedBirthOutOfRange(child: CensusChild, { year }: Context): Finding[] {
  const expected = child.expectedPersonBirthDate;
  return when(
    present(expected) &&
      (expected <= addDays(year.referenceDate, -30) || expected >= addMonths(year.referenceDate, 9)),
    () => onChild(child, 'ExpectedPersonBirthDate'),
  );
}

// 8750 Sex must equal U for an unborn child
function unbornSexNotU(child: CensusChild): Finding[] {
  return when(unborn(child) && child.sex !== 'U', () => onChild(child, 'Sex'));
}

// 8770Q ... UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.
// School age: born on or before (ReferenceDate + 4 months + 31 days) - 6 years, i.e. 31 August
// six years before the census year end; only for a child with a referral going on to further action.
function schoolAgeWithoutUpn(child: CensusChild, { year }: Context): Finding[] {
  const latestBirth = addMonths(addDays(addMonths(year.referenceDate, 4), 31), -72);
  return when(
    present(child.personBirthDate) &&
      child.personBirthDate <= latestBirth &&
      furtherAction(child) &&
      upnKey(child.upn) === null &&
      !UPN_UNKNOWN_NOT_UN1.has((child.upnUnknown ?? '').toUpperCase()),
    () => onChild(child, 'UPNunknown'),
  );
}

// 8772 UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is
// a referral going on to further action
function un7WithFurtherAction(child: CensusChild): Finding[] {
  return when((child.upnUnknown ?? '').toUpperCase() === 'UN7' && furtherAction(child), () =>
    onChild(child, 'UPNunknown'),
  );
}

// 8775Q ... Child is over 25 years old: born more than 25 years before the ReferenceDate, with an
// episode open (no closure date) or closed after the 25th birthday
function overTwentyFive(child: CensusChild, { year }: Context): Finding[] {
  const birth = child.personBirthDate;
  if (!present(birth) || birth >= addMonths(year.referenceDate, -300)) return [];
  const birthday25 = addMonths(birth, 300);
  return when(
    episodesOf(child).some((e) => !present(e.cinClosureDate) || e.cinClosureDate > birthday25),
    () => onChild(child, 'PersonBirthDate'),
  );
}

// 8590 Child does not have a recorded CIN episode.
function noEpisode(child: CensusChild): Finding[] {
  return when(episodesOf(child).length === 0, () => onChild(child, 'LAchildID'));
}

// -- child characteristics and disabilities --

// 4220 Ethnicity is missing or invalid (see Ethnicity table)
function ethnicityInvalid(child: CensusChild): Finding[] {
  return when(!ETHNICITY.has(child.ethnicity ?? ''), () => onChild(child, 'Ethnicity'));
}

// 8540 Child’s disability is missing or invalid (see Disability table): a born child with a
// referral going on to further action needs at least one disability code (NONE for none), all valid
function disabilityMissingOrInvalid(child: CensusChild): Finding[] {
  const codes = child.disabilities ?? [];
  return when(
    present(child.personBirthDate) &&
      furtherAction(child) &&
      (codes.length === 0 || codes.some((code) => !DISABILITIES.has(code))),
    () => onChild(child, 'Disability'),
  );
}

// 8790 Disability information includes both None and other values
function disabilityNoneAndOthers(child: CensusChild): Finding[] {
  const codes = child.disabilities ?? [];
  return when(codes.includes('NONE') && codes.some((code) => code !== 'NONE'), () =>
    onChild(child, 'Disability'),
  );
}

// 8794 Child has two or more disabilities with the same code
function disabilityRepeated(child: CensusChild): Finding[] {
  const codes = child.disabilities ?? [];
  return when(new Set(codes).size !== codes.length, () => onChild(child, 'Disability'));
}

// -- CIN details (one episode: a referral) --

// 8600 Child referral date missing or after data collection period
function referralDateMissingOrLate(child: CensusChild, { year }: Context): Finding[] {
  return eachEpisode(child, (e) =>
    !present(e.cinReferralDate) || e.cinReferralDate > year.referenceDate ? 'CINreferralDate' : null,
  );
}

// 8606 Child referral date is more than 40 weeks before DOB or expected DOB (280 days)
function referralLongBeforeBirth(child: CensusChild): Finding[] {
  const births = [child.personBirthDate, child.expectedPersonBirthDate].filter(present);
  return eachEpisode(child, (e) =>
    present(e.cinReferralDate) && births.some((birth) => e.cinReferralDate < addDays(birth, -280))
      ? 'CINreferralDate'
      : null,
  );
}

// 8610 Primary Need code is missing for a referral which led to further action.
function primaryNeedMissing(child: CensusChild): Finding[] {
  return eachEpisode(child, (e) =>
    !e.referralNfa && !present(e.primaryNeedCode) ? 'PrimaryNeedCode' : null,
  );
}

// 8650 Primary Need Code invalid (see Primary Need table in CIN census code set)
function primaryNeedInvalid(child: CensusChild): Finding[] {
  return eachEpisode(child, (e) =>
    present(e.primaryNeedCode) && !PRIMARY_NEEDS.has(e.primaryNeedCode) ? 'PrimaryNeedCode' : null,
  );
}

// 8866 Source of Referral is missing or an invalid code (for a referral on or after 1 April 2013)
function referralSourceInvalid(child: CensusChild): Finding[] {
  return eachEpisode(child, (e) =>
    present(e.cinReferralDate) && e.cinReferralDate >= '2013-04-01' && !SOURCES.has(e.referralSource ?? '')
      ? 'ReferralSource'
      : null,
  );
}

// 8569Q A case with referral date before one working day prior to the collection start date must
// not be flagged as a no further action case
function oldReferralNfa(child: CensusChild, { year }: Context): Finding[] {
  const earliest = workingDaysBefore(year.start, 1);
  return eachEpisode(child, (e) =>
    e.referralNfa && present(e.cinReferralDate) && e.cinReferralDate < earliest ? 'ReferralNFA' : null,
  );
}

// 8620 CIN Closure Date present and does not fall within the Census year
function closureOutsideYear(child: CensusChild, { year }: Context): Finding[] {
  return eachEpisode(child, (e) =>
    present(e.cinClosureDate) && !within(e.cinClosureDate, year) ? 'CINclosureDate' : null,
  );
}

// 8630 CIN Closure Date is before CIN Referral Date for the same CIN episode
function closureBeforeReferral(child: CensusChild): Finding[] {
  return eachEpisode(child, (e) =>
    present(e.cinClosureDate) && present(e.cinReferralDate) && e.cinClosureDate < e.cinReferralDate
      ? 'CINclosureDate'
      : null,
  );
}

const openWithFurtherAction = (e: CensusEpisode) => !present(e.cinClosureDate) && !e.referralNfa;

// 8815 More than one open CIN Details episode (a module with no CIN Closure Date) has been provided
// for this child and case is not a referral with no further action.
function moreThanOneOpenEpisode(child: CensusChild): Finding[] {
  const open = episodesOf(child).filter(openWithFurtherAction).length;
  return eachEpisode(child, (e) => (open > 1 && openWithFurtherAction(e) ? 'CINclosureDate' : null));
}

// 8816 An open CIN episode is shown and case is not a referral with no further action, but it is
// not the latest episode. (The latest: the first with the latest referral date.)
function openEpisodeNotLatest(child: CensusChild): Finding[] {
  const dated = episodesOf(child).filter((e) => present(e.cinReferralDate));
  const latestDate = dated.reduce((max, e) => (e.cinReferralDate > max ? e.cinReferralDate : max), '');
  const latest = dated.find((e) => e.cinReferralDate === latestDate);
  return eachEpisode(child, (e) =>
    present(e.cinReferralDate) && openWithFurtherAction(e) && e !== latest ? 'CINreferralDate' : null,
  );
}

// 8820 The dates on the CIN episodes for this child overlap: an episode referred on or after
// another's referral and before that one's closure (or, for another open with further action,
// before the ReferenceDate). Reported on the later episode.
function episodesOverlap(child: CensusChild, { year }: Context): Finding[] {
  const dated = episodesOf(child).filter((e) => present(e.cinReferralDate));
  return eachEpisode(child, (a) =>
    present(a.cinReferralDate) &&
    dated.some(
      (b) =>
        b !== a &&
        a.cinReferralDate >= b.cinReferralDate &&
        (present(b.cinClosureDate)
          ? a.cinReferralDate < b.cinClosureDate
          : !b.referralNfa && a.cinReferralDate < year.referenceDate),
    )
      ? 'CINreferralDate'
      : null,
  );
}

// 8831 Activity is recorded against a case marked as a referral with no further action (a Section
// 47 enquiry on a referral flagged NFA)
function activityOnNfa(child: CensusChild): Finding[] {
  return eachEpisode(child, (e) =>
    e.referralNfa && e.section47.some((s) => present(s.s47ActualStartDate) || present(s.dateOfInitialCpc))
      ? 'ReferralNFA'
      : null,
  );
}

// 8868 CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC
// date or ICPC not required flag (exactly one of the two)
function closedWithS47Unfinished(child: CensusChild): Finding[] {
  return eachSection47(child, (s, e) =>
    present(e.cinClosureDate) && present(s.dateOfInitialCpc) === s.icpcNotRequired ? 'ICPCnotRequired' : null,
  );
}

// 8565 Activity shown after a case has been closed (of what the front door holds: the s47 start
// and the ICPC date; the CPP end date is the case system's)
function activityAfterClosure(child: CensusChild): Finding[] {
  return eachSection47(child, (s, e) =>
    present(e.cinClosureDate) &&
    ((present(s.s47ActualStartDate) && e.cinClosureDate < s.s47ActualStartDate) ||
      (present(s.dateOfInitialCpc) && e.cinClosureDate < s.dateOfInitialCpc))
      ? 'CINclosureDate'
      : null,
  );
}

// 2991Q ... A Section 47 module is recorded and there is no assessment on the episode (always, for a
// front-door return: EXPECTED_QUERIES)
function s47WithoutAssessment(child: CensusChild): Finding[] {
  return eachEpisode(child, (e) => (e.section47.length > 0 ? 'CINdetailsID' : null));
}

// -- Section 47 --

// 1104 The date of the initial child protection conference cannot be before the referral date
function icpcBeforeReferral(child: CensusChild): Finding[] {
  return eachSection47(child, (s, e) =>
    present(s.dateOfInitialCpc) && present(e.cinReferralDate) && s.dateOfInitialCpc < e.cinReferralDate
      ? 'DateOfInitialCPC'
      : null,
  );
}

// 2889 The S47 start date cannot be before the referral date.
function s47BeforeReferral(child: CensusChild): Finding[] {
  return eachSection47(child, (s, e) =>
    present(s.s47ActualStartDate) && present(e.cinReferralDate) && s.s47ActualStartDate < e.cinReferralDate
      ? 'S47ActualStartDate'
      : null,
  );
}

// 8615 Section 47 Enquiry Start Date must be present and cannot be later than the date of the
// initial Child Protection Conference
function s47StartMissingOrAfterIcpc(child: CensusChild): Finding[] {
  return eachSection47(child, (s) =>
    (present(s.dateOfInitialCpc) && !present(s.s47ActualStartDate)) ||
    (present(s.dateOfInitialCpc) &&
      present(s.s47ActualStartDate) &&
      s.s47ActualStartDate > s.dateOfInitialCpc)
      ? 'S47ActualStartDate'
      : null,
  );
}

// 8675Q ... S47 Enquiry started more than 15 working days before the end of the census year.
// However, there is no date of Initial Child Protection Conference.
function s47LongWithoutIcpc(child: CensusChild, { year }: Context): Finding[] {
  const latestStart = workingDaysBefore(year.referenceDate, 15);
  return eachSection47(child, (s) =>
    s47Open(s) && present(s.s47ActualStartDate) && s.s47ActualStartDate < latestStart
      ? 'DateOfInitialCPC'
      : null,
  );
}

// 8715 Date of Initial Child Protection Conference must fall within the census year
function icpcOutsideYear(child: CensusChild, { year }: Context): Finding[] {
  return eachSection47(child, (s) =>
    present(s.dateOfInitialCpc) && !within(s.dateOfInitialCpc, year) ? 'DateOfInitialCPC' : null,
  );
}

// 8740 For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the
// end of the census year, the start date must fall within the census year
function openS47StartOutsideYear(child: CensusChild, { year }: Context): Finding[] {
  return eachSection47(child, (s) =>
    s47Open(s) && present(s.s47ActualStartDate) && !within(s.s47ActualStartDate, year)
      ? 'S47ActualStartDate'
      : null,
  );
}

// 8839 Within one CINDetails group there are 2 or more open S47 Assessments
function twoOpenS47(child: CensusChild): Finding[] {
  return eachSection47(child, (s, e) =>
    s47Open(s) && e.section47.filter(s47Open).length > 1 ? 'DateOfInitialCPC' : null,
  );
}

// 8870Q ... The Target Date for Initial Child Protection Conference should not be a weekend
function icpcTargetAtWeekend(child: CensusChild): Finding[] {
  return eachSection47(child, (s) =>
    present(s.initialCpcTarget) && isWeekend(s.initialCpcTarget) ? 'InitialCPCtarget' : null,
  );
}

// 8875 The Date of Initial Child Protection Conference cannot be a weekend
function icpcAtWeekend(child: CensusChild): Finding[] {
  return eachSection47(child, (s) =>
    present(s.dateOfInitialCpc) && isWeekend(s.dateOfInitialCpc) ? 'DateOfInitialCPC' : null,
  );
}

// 8890 A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing:
// in the same episode, started on or after another's start and on or before its ICPC (or, another
// still open, on or before the ReferenceDate); the same enquiry twice is not counted. Reported on
// the one that starts later.
function s47DuringAnother(child: CensusChild, { year }: Context): Finding[] {
  return eachSection47(child, (a, e) =>
    present(a.s47ActualStartDate) &&
    e.section47.some(
      (b) =>
        b !== a &&
        present(b.s47ActualStartDate) &&
        !(
          b.s47ActualStartDate === a.s47ActualStartDate &&
          (b.dateOfInitialCpc ?? '') === (a.dateOfInitialCpc ?? '')
        ) &&
        a.s47ActualStartDate >= b.s47ActualStartDate &&
        (present(b.dateOfInitialCpc)
          ? a.s47ActualStartDate <= b.dateOfInitialCpc
          : !b.icpcNotRequired && a.s47ActualStartDate <= year.referenceDate),
    )
      ? 'S47ActualStartDate'
      : null,
  );
}

// -- child protection plans --

// 1105 The child protection plan start date cannot be before the referral date
function planBeforeReferral(child: CensusChild): Finding[] {
  return eachPlan(child, (p, e) =>
    present(p.cppStartDate) && present(e.cinReferralDate) && p.cppStartDate < e.cinReferralDate
      ? 'CPPstartDate'
      : null,
  );
}

// 2883 There are more child protection plans starting than initial conferences taking place (the
// DfE counts over the whole return; checked here per child, which is enough for the return: plans
// starting in the census year against the ICPCs held in it)
function morePlansThanConferences(child: CensusChild, { year }: Context): Finding[] {
  const episodes = episodesOf(child);
  const plans = episodes
    .flatMap((e) => e.childProtectionPlans)
    .filter((p) => present(p.cppStartDate) && within(p.cppStartDate, year)).length;
  const conferences = episodes
    .flatMap((e) => e.section47)
    .filter((s) => present(s.dateOfInitialCpc) && within(s.dateOfInitialCpc, year)).length;
  return when(plans > conferences, () => onChild(child, 'CPPstartDate'));
}

// 2885 Child protection plan shown as starting a different day to the initial child protection
// conference: a plan starting in the census year needs an ICPC on its day in its episode
function planNotOnIcpcDay(child: CensusChild, { year }: Context): Finding[] {
  return eachPlan(child, (p, e) =>
    present(p.cppStartDate) &&
    within(p.cppStartDate, year) &&
    !e.section47.some((s) => !s.icpcNotRequired && s.dateOfInitialCpc === p.cppStartDate)
      ? 'CPPstartDate'
      : null,
  );
}

// 8720 Child Protection Plan Start Date missing or out of data collection period (after the
// ReferenceDate)
function planStartMissingOrLate(child: CensusChild, { year }: Context): Finding[] {
  return eachPlan(child, (p) =>
    !present(p.cppStartDate) || p.cppStartDate > year.referenceDate ? 'CPPstartDate' : null,
  );
}

// 8730 Total Number of previous Child Protection Plans missing
function previousPlansMissing(child: CensusChild): Finding[] {
  return eachPlan(child, (p) =>
    Number.isInteger(p.numberOfPreviousCpp) && p.numberOfPreviousCpp >= 0 ? null : 'NumberOfPreviousCPP',
  );
}

// 8832 Child Protection details provided for a referral with no further action.
function planOnNfa(child: CensusChild): Finding[] {
  return eachPlan(child, (_p, e) => (e.referralNfa ? 'ReferralNFA' : null));
}

// 8905 Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)
function initialCategoryInvalid(child: CensusChild): Finding[] {
  return eachPlan(child, (p) =>
    CATEGORIES_OF_ABUSE.has(p.initialCategoryOfAbuse ?? '') ? null : 'InitialCategoryOfAbuse',
  );
}

// 8910 Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)
function latestCategoryInvalid(child: CensusChild): Finding[] {
  return eachPlan(child, (p) =>
    CATEGORIES_OF_ABUSE.has(p.latestCategoryOfAbuse ?? '') ? null : 'LatestCategoryOfAbuse',
  );
}

// every checked rule, by code
const RULES: ReadonlyArray<readonly [string, Rule]> = [
  ['8500', laChildIdMissing],
  ['1570', laChildIdTooLong],
  ['1580', laChildIdNotAlphanumeric],
  ['8510', laChildIdDuplicated],
  ['1520', upnDuplicated],
  ['4180', sexInvalid],
  ['8520', birthAfterCensus],
  ['8525Q', birthOrExpectedBirth],
  ['8530Q', expectedBirthOutOfRange],
  ['8750', unbornSexNotU],
  ['8770Q', schoolAgeWithoutUpn],
  ['8772', un7WithFurtherAction],
  ['8775Q', overTwentyFive],
  ['8590', noEpisode],
  ['4220', ethnicityInvalid],
  ['8540', disabilityMissingOrInvalid],
  ['8790', disabilityNoneAndOthers],
  ['8794', disabilityRepeated],
  ['8600', referralDateMissingOrLate],
  ['8606', referralLongBeforeBirth],
  ['8610', primaryNeedMissing],
  ['8650', primaryNeedInvalid],
  ['8866', referralSourceInvalid],
  ['8569Q', oldReferralNfa],
  ['8620', closureOutsideYear],
  ['8630', closureBeforeReferral],
  ['8815', moreThanOneOpenEpisode],
  ['8816', openEpisodeNotLatest],
  ['8820', episodesOverlap],
  ['8831', activityOnNfa],
  ['8868', closedWithS47Unfinished],
  ['8565', activityAfterClosure],
  ['2991Q', s47WithoutAssessment],
  ['1104', icpcBeforeReferral],
  ['2889', s47BeforeReferral],
  ['8615', s47StartMissingOrAfterIcpc],
  ['8675Q', s47LongWithoutIcpc],
  ['8715', icpcOutsideYear],
  ['8740', openS47StartOutsideYear],
  ['8839', twoOpenS47],
  ['8870Q', icpcTargetAtWeekend],
  ['8875', icpcAtWeekend],
  ['8890', s47DuringAnother],
  ['1105', planBeforeReferral],
  ['2883', morePlansThanConferences],
  ['2885', planNotOnIcpcDay],
  ['8720', planStartMissingOrLate],
  ['8730', previousPlansMissing],
  ['8832', planOnNfa],
  ['8905', initialCategoryInvalid],
  ['8910', latestCategoryInvalid],
];

export const CHECKED_RULES: string[] = RULES.map(([code]) => code);

// a UPN as compared for 1520 (spaces dropped, upper case), or null when there is none
function upnKey(upn: string | undefined): string | null {
  const key = (upn ?? '').replace(/\s+/g, '').toUpperCase();
  return key === '' ? null : key;
}

function counts(keys: Array<string | null>): Map<string, number> {
  const result = new Map<string, number>();
  for (const key of keys) if (key !== null) result.set(key, (result.get(key) ?? 0) + 1);
  return result;
}

// every problem of every child, sorted by the child's LAchildID, then the rule code
export function censusProblems(children: CensusChild[], year: CensusYear): CensusProblem[] {
  const context: Context = {
    year,
    laChildIdCount: counts(children.map((c) => (present(c.laChildId) ? c.laChildId : null))),
    upnCount: counts(children.map((c) => upnKey(c.upn))),
  };
  const problems = children.flatMap((child) =>
    RULES.flatMap(([code, rule]) =>
      rule(child, context).map((finding) => ({
        la: child.laChildId ?? '',
        problem: {
          rule: code,
          type: CENSUS_RULES[code].type,
          message: CENSUS_RULES[code].message,
          childId: child.childId,
          field: finding.field,
          link: finding.link,
        } satisfies CensusProblem,
      })),
    ),
  );
  // a stable sort: within a child and a rule, in the order of the child's episodes
  return problems
    .sort((a, b) => compare(a.la, b.la) || compare(a.problem.rule, b.problem.rule))
    .map(({ problem }) => problem);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
