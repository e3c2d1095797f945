import { readFileSync } from 'fs';
import { join } from 'path';
import {
  censusYear,
  type CensusChild,
  type CensusEpisode,
  type CensusProtectionPlan,
  type CensusSection47,
} from './census-child';
import {
  CENSUS_RULES,
  CHECKED_RULES,
  EXPECTED_QUERIES,
  NOT_APPLICABLE_RULES,
  censusProblems,
} from './census-rules';

// issue 19: the DfE CIN census rules (cin2025_26) checked at the front door. Census year 2026:
// 1 April 2025 to the ReferenceDate, 31 March 2026 (a Tuesday).
const year = censusYear(2026);

function s47(over: Partial<CensusSection47> = {}): CensusSection47 {
  // started on a Wednesday; the ICPC the Tuesday three weeks on, before its target
  return {
    discussionId: 'sd-1',
    s47ActualStartDate: '2025-06-04',
    initialCpcTarget: '2025-06-25',
    dateOfInitialCpc: '2025-06-24',
    icpcNotRequired: false,
    ...over,
  };
}

function plan(over: Partial<CensusProtectionPlan> = {}): CensusProtectionPlan {
  return {
    discussionId: 'sd-1',
    cppStartDate: '2025-06-24',
    initialCategoryOfAbuse: 'NEG',
    latestCategoryOfAbuse: 'NEG',
    numberOfPreviousCpp: 0,
    ...over,
  };
}

function episode(over: Partial<CensusEpisode> = {}): CensusEpisode {
  return {
    referralId: 'ref-1',
    contactId: 'contact-1',
    cinReferralDate: '2025-06-02',
    referralSource: '2A',
    primaryNeedCode: 'N1',
    referralNfa: false,
    section47: [s47()],
    childProtectionPlans: [plan()],
    ...over,
  };
}

// a referral with no further action: no s47, no plan
function nfaEpisode(over: Partial<CensusEpisode> = {}): CensusEpisode {
  return episode({
    referralNfa: true,
    primaryNeedCode: undefined,
    section47: [],
    childProtectionPlans: [],
    ...over,
  });
}

// a clean child of school age: referred, s47, ICPC, plan
function validChild(over: Partial<CensusChild> = {}): CensusChild {
  return {
    childId: 'child-1',
    laChildId: 'FD000123',
    upn: 'A820200101001',
    personBirthDate: '2015-06-10',
    sex: 'F',
    ethnicity: 'WBRI',
    disabilities: ['NONE'],
    episodes: [episode()],
    ...over,
  };
}

// an unborn child (sex U, expected date of birth in range)
function unbornChild(over: Partial<CensusChild> = {}): CensusChild {
  return validChild({
    upn: undefined,
    upnUnknown: 'UN5',
    personBirthDate: undefined,
    expectedPersonBirthDate: '2026-05-10',
    sex: 'U',
    disabilities: [],
    ...over,
  });
}

const one = (over: Partial<CensusChild> = {}) => [validChild(over)];
const onEpisode = (e: Partial<CensusEpisode>, over: Partial<CensusChild> = {}) =>
  one({ episodes: [episode(e)], ...over });
const onS47 = (s: Partial<CensusSection47>, e: Partial<CensusEpisode> = {}) =>
  onEpisode({ section47: [s47(s)], ...e });
const onPlan = (p: Partial<CensusProtectionPlan>, e: Partial<CensusEpisode> = {}) =>
  onEpisode({ childProtectionPlans: [plan(p)], ...e });
// a second referral, later in the year, with no s47
const second = (over: Partial<CensusEpisode> = {}) =>
  episode({
    referralId: 'ref-2',
    contactId: 'contact-2',
    cinReferralDate: '2025-10-01',
    section47: [],
    childProtectionPlans: [],
    ...over,
  });
const twin = (over: Partial<CensusChild> = {}) =>
  validChild({ childId: 'child-2', laChildId: 'FD000124', ...over });

interface Case {
  rule: string;
  name: string;
  children: CensusChild[];
  breaks: boolean;
}

const cases: Case[] = [
  // child identifiers
  { rule: '8500', name: 'no LAchildID', children: one({ laChildId: '' }), breaks: true },
  { rule: '8500', name: 'an LAchildID', children: one({ laChildId: 'A1' }), breaks: false },
  {
    rule: '1570',
    name: 'LAchildID of 21 characters',
    children: one({ laChildId: 'A'.repeat(21) }),
    breaks: true,
  },
  {
    rule: '1570',
    name: 'LAchildID of 20 characters',
    children: one({ laChildId: 'A'.repeat(20) }),
    breaks: false,
  },
  { rule: '1580', name: 'LAchildID with a hyphen', children: one({ laChildId: 'FD-123' }), breaks: true },
  { rule: '1580', name: 'LAchildID with a space', children: one({ laChildId: 'FD 123' }), breaks: true },
  {
    rule: '1580',
    name: 'LAchildID of letters and digits',
    children: one({ laChildId: 'fd123' }),
    breaks: false,
  },
  {
    rule: '8510',
    name: 'two children, one LAchildID',
    children: [validChild(), twin({ laChildId: 'FD000123' })],
    breaks: true,
  },
  { rule: '8510', name: 'two children, two LAchildIDs', children: [validChild(), twin()], breaks: false },
  { rule: '1520', name: 'two children, one UPN', children: [validChild(), twin()], breaks: true },
  {
    rule: '1520',
    name: 'one UPN written with a space and in lower case',
    children: [validChild(), twin({ upn: 'a820200101 001' })],
    breaks: true,
  },
  {
    rule: '1520',
    name: 'two children, two UPNs',
    children: [validChild(), twin({ upn: 'B820200101002' })],
    breaks: false,
  },
  {
    rule: '1520',
    name: 'two children with no UPN',
    children: [
      validChild({ upn: undefined, upnUnknown: 'UN2' }),
      twin({ upn: undefined, upnUnknown: 'UN2' }),
    ],
    breaks: false,
  },
  { rule: '4180', name: 'sex not M, F or U', children: one({ sex: 'X' as never }), breaks: true },
  { rule: '4180', name: 'sex U', children: one({ sex: 'U' }), breaks: false },
  {
    rule: '8520',
    name: 'born after the ReferenceDate',
    children: one({ personBirthDate: '2026-04-01' }),
    breaks: true,
  },
  {
    rule: '8520',
    name: 'born on the ReferenceDate',
    children: one({ personBirthDate: '2026-03-31' }),
    breaks: false,
  },
  {
    rule: '8525Q',
    name: 'both dates of birth',
    children: one({ expectedPersonBirthDate: '2026-05-10' }),
    breaks: true,
  },
  {
    rule: '8525Q',
    name: 'neither date of birth',
    children: one({ personBirthDate: undefined }),
    breaks: true,
  },
  { rule: '8525Q', name: 'an expected date only', children: [unbornChild()], breaks: false },
  {
    rule: '8530Q',
    name: 'expected 30 days before the ReferenceDate',
    children: [unbornChild({ expectedPersonBirthDate: '2026-03-01' })],
    breaks: true,
  },
  {
    rule: '8530Q',
    name: 'expected 29 days before the ReferenceDate',
    children: [unbornChild({ expectedPersonBirthDate: '2026-03-02' })],
    breaks: false,
  },
  {
    rule: '8530Q',
    name: 'expected 9 months after the ReferenceDate',
    children: [unbornChild({ expectedPersonBirthDate: '2026-12-31' })],
    breaks: true,
  },
  {
    rule: '8530Q',
    name: 'expected the day before 9 months after',
    children: [unbornChild({ expectedPersonBirthDate: '2026-12-30' })],
    breaks: false,
  },
  { rule: '8750', name: 'an unborn child of sex F', children: [unbornChild({ sex: 'F' })], breaks: true },
  { rule: '8750', name: 'a born child of sex F', children: one({ sex: 'F' }), breaks: false },
  {
    rule: '8770Q',
    name: 'school age (born 31 August 2020), no UPN, no reason',
    children: one({ personBirthDate: '2020-08-31', upn: undefined }),
    breaks: true,
  },
  {
    rule: '8770Q',
    name: 'school age, no UPN, reason UN1',
    children: one({ upn: undefined, upnUnknown: 'UN1' }),
    breaks: true,
  },
  {
    rule: '8770Q',
    name: 'school age, no UPN, reason UN2',
    children: one({ upn: undefined, upnUnknown: 'UN2' }),
    breaks: false,
  },
  {
    rule: '8770Q',
    name: 'not of school age (born 1 September 2020), no UPN',
    children: one({ personBirthDate: '2020-09-01', upn: undefined }),
    breaks: false,
  },
  {
    rule: '8770Q',
    name: 'school age, no UPN, every referral NFA',
    children: one({ upn: undefined, episodes: [nfaEpisode()] }),
    breaks: false,
  },
  {
    rule: '8772',
    name: 'UN7 with a referral going on to further action',
    children: one({ upn: undefined, upnUnknown: 'UN7' }),
    breaks: true,
  },
  {
    rule: '8772',
    name: 'UN7 with every referral NFA',
    children: one({ upn: undefined, upnUnknown: 'UN7', episodes: [nfaEpisode()] }),
    breaks: false,
  },
  {
    rule: '8775Q',
    name: 'born 25 years and a day before the ReferenceDate, episode open',
    children: one({ personBirthDate: '2001-03-30' }),
    breaks: true,
  },
  {
    rule: '8775Q',
    name: '25 on the ReferenceDate',
    children: one({ personBirthDate: '2001-03-31' }),
    breaks: false,
  },
  {
    rule: '8775Q',
    name: 'over 25, the episode closed before the 25th birthday',
    children: one({ personBirthDate: '2000-06-01', episodes: [episode({ cinClosureDate: '2025-05-31' })] }),
    breaks: false,
  },
  { rule: '8590', name: 'no episode', children: one({ episodes: [] }), breaks: true },
  { rule: '8590', name: 'one episode', children: one(), breaks: false },
  // characteristics and disabilities
  { rule: '4220', name: 'ethnicity not a code', children: one({ ethnicity: 'WHIT' }), breaks: true },
  { rule: '4220', name: 'ethnicity missing', children: one({ ethnicity: '' }), breaks: true },
  {
    rule: '4220',
    name: 'ethnicity NOBT (not obtained)',
    children: one({ ethnicity: 'NOBT' }),
    breaks: false,
  },
  {
    rule: '8540',
    name: 'no disability code, further action',
    children: one({ disabilities: [] }),
    breaks: true,
  },
  {
    rule: '8540',
    name: 'a disability code not in the table',
    children: one({ disabilities: ['MOB', 'BAD'] }),
    breaks: true,
  },
  { rule: '8540', name: 'an unborn child with no code', children: [unbornChild()], breaks: false },
  {
    rule: '8540',
    name: 'no disability code, every referral NFA',
    children: one({ disabilities: [], episodes: [nfaEpisode()] }),
    breaks: false,
  },
  { rule: '8790', name: 'NONE and MOB', children: one({ disabilities: ['NONE', 'MOB'] }), breaks: true },
  { rule: '8790', name: 'MOB and HAND', children: one({ disabilities: ['MOB', 'HAND'] }), breaks: false },
  { rule: '8794', name: 'MOB twice', children: one({ disabilities: ['MOB', 'MOB'] }), breaks: true },
  { rule: '8794', name: 'MOB once', children: one({ disabilities: ['MOB'] }), breaks: false },
  // CIN details
  {
    rule: '8600',
    name: 'referred after the ReferenceDate',
    children: onEpisode({ cinReferralDate: '2026-04-01' }),
    breaks: true,
  },
  { rule: '8600', name: 'no referral date', children: onEpisode({ cinReferralDate: '' }), breaks: true },
  {
    rule: '8600',
    name: 'referred on the ReferenceDate',
    children: onEpisode({ cinReferralDate: '2026-03-31', section47: [], childProtectionPlans: [] }),
    breaks: false,
  },
  {
    rule: '8606',
    name: 'referred 281 days before the expected date of birth',
    children: [
      unbornChild({
        expectedPersonBirthDate: '2026-03-10',
        episodes: [episode({ cinReferralDate: '2025-06-02' })],
      }),
    ],
    breaks: true,
  },
  {
    rule: '8606',
    name: 'referred 280 days before the expected date of birth',
    children: [
      unbornChild({
        expectedPersonBirthDate: '2026-03-10',
        episodes: [episode({ cinReferralDate: '2025-06-03' })],
      }),
    ],
    breaks: false,
  },
  {
    rule: '8606',
    name: 'referred 281 days before the date of birth',
    children: one({ personBirthDate: '2016-03-10', episodes: [episode({ cinReferralDate: '2015-06-03' })] }),
    breaks: true,
  },
  {
    rule: '8610',
    name: 'further action, no primary need',
    children: onEpisode({ primaryNeedCode: undefined }),
    breaks: true,
  },
  { rule: '8610', name: 'NFA, no primary need', children: one({ episodes: [nfaEpisode()] }), breaks: false },
  { rule: '8650', name: 'primary need N10', children: onEpisode({ primaryNeedCode: 'N10' }), breaks: true },
  { rule: '8650', name: 'primary need N0', children: onEpisode({ primaryNeedCode: 'N0' }), breaks: false },
  { rule: '8866', name: 'no referral source', children: onEpisode({ referralSource: '' }), breaks: true },
  { rule: '8866', name: 'referral source 11', children: onEpisode({ referralSource: '11' }), breaks: true },
  {
    rule: '8866',
    name: 'referral source 10 (unknown)',
    children: onEpisode({ referralSource: '10' }),
    breaks: false,
  },
  {
    rule: '8866',
    name: 'no source for a referral before April 2013',
    children: onEpisode({ referralSource: '', cinReferralDate: '2013-03-31' }),
    breaks: false,
  },
  {
    rule: '8569Q',
    name: 'NFA referred the Friday before the last working day before 1 April',
    children: one({ episodes: [nfaEpisode({ cinReferralDate: '2025-03-28' })] }),
    breaks: true,
  },
  {
    rule: '8569Q',
    name: 'NFA referred on Monday 31 March, one working day before',
    children: one({ episodes: [nfaEpisode({ cinReferralDate: '2025-03-31' })] }),
    breaks: false,
  },
  {
    rule: '8569Q',
    name: 'further action referred long before',
    children: onEpisode({ cinReferralDate: '2025-03-28' }),
    breaks: false,
  },
  {
    rule: '8620',
    name: 'closed after the ReferenceDate',
    children: onEpisode({ cinClosureDate: '2026-04-01' }),
    breaks: true,
  },
  {
    rule: '8620',
    name: 'closed before the census year',
    children: onEpisode({
      cinReferralDate: '2025-01-10',
      cinClosureDate: '2025-03-31',
      section47: [],
      childProtectionPlans: [],
    }),
    breaks: true,
  },
  {
    rule: '8620',
    name: 'closed on the ReferenceDate',
    children: onEpisode({ cinClosureDate: '2026-03-31' }),
    breaks: false,
  },
  {
    rule: '8630',
    name: 'closed before referred',
    children: onEpisode({ cinClosureDate: '2025-06-01' }),
    breaks: true,
  },
  {
    rule: '8630',
    name: 'closed the day referred',
    children: onEpisode({ cinClosureDate: '2025-06-02', section47: [], childProtectionPlans: [] }),
    breaks: false,
  },
  {
    rule: '8815',
    name: 'two open episodes going on to further action',
    children: one({ episodes: [episode(), second()] }),
    breaks: true,
  },
  {
    rule: '8815',
    name: 'two open episodes, one NFA',
    children: one({ episodes: [episode(), second({ referralNfa: true })] }),
    breaks: false,
  },
  {
    rule: '8815',
    name: 'the first episode closed',
    children: one({ episodes: [episode({ cinClosureDate: '2025-09-30' }), second()] }),
    breaks: false,
  },
  {
    rule: '8816',
    name: 'an earlier episode open with further action',
    children: one({ episodes: [episode(), second()] }),
    breaks: true,
  },
  {
    rule: '8816',
    name: 'only the latest episode open',
    children: one({ episodes: [episode({ cinClosureDate: '2025-09-30' }), second()] }),
    breaks: false,
  },
  {
    rule: '8820',
    name: 'a second referral before the first episode closed',
    children: one({ episodes: [episode({ cinClosureDate: '2025-10-02' }), second()] }),
    breaks: true,
  },
  {
    rule: '8820',
    name: 'a second referral on the day the first closed',
    children: one({ episodes: [episode({ cinClosureDate: '2025-10-01' }), second()] }),
    breaks: false,
  },
  {
    rule: '8820',
    name: 'a second referral after an NFA one',
    children: one({ episodes: [nfaEpisode(), second()] }),
    breaks: false,
  },
  {
    rule: '8831',
    name: 'an s47 on a referral flagged NFA',
    children: onEpisode({ referralNfa: true, childProtectionPlans: [] }),
    breaks: true,
  },
  {
    rule: '8831',
    name: 'an NFA referral with no s47',
    children: one({ episodes: [nfaEpisode()] }),
    breaks: false,
  },
  {
    rule: '8868',
    name: 'closed with the s47 still open',
    children: onS47(
      { dateOfInitialCpc: undefined },
      { cinClosureDate: '2025-12-01', childProtectionPlans: [] },
    ),
    breaks: true,
  },
  {
    rule: '8868',
    name: 'closed with both an ICPC and ICPC not required',
    children: onS47({ icpcNotRequired: true }, { cinClosureDate: '2025-12-01' }),
    breaks: true,
  },
  {
    rule: '8868',
    name: 'closed after the ICPC',
    children: onEpisode({ cinClosureDate: '2025-12-01' }),
    breaks: false,
  },
  {
    rule: '8868',
    name: 'closed, the s47 found no ICPC needed',
    children: onS47(
      { dateOfInitialCpc: undefined, icpcNotRequired: true },
      { cinClosureDate: '2025-12-01', childProtectionPlans: [] },
    ),
    breaks: false,
  },
  {
    rule: '8565',
    name: 'closed before the s47 started',
    children: onEpisode({ cinClosureDate: '2025-06-03' }),
    breaks: true,
  },
  {
    rule: '8565',
    name: 'closed before the ICPC',
    children: onEpisode({ cinClosureDate: '2025-06-23' }),
    breaks: true,
  },
  {
    rule: '8565',
    name: 'closed on the ICPC day',
    children: onEpisode({ cinClosureDate: '2025-06-24' }),
    breaks: false,
  },
  { rule: '2991Q', name: 'an s47 (no assessment at the front door)', children: one(), breaks: true },
  {
    rule: '2991Q',
    name: 'an episode with no s47',
    children: onEpisode({ section47: [], childProtectionPlans: [] }),
    breaks: false,
  },
  // Section 47
  {
    rule: '1104',
    name: 'ICPC before the referral',
    children: onEpisode({ cinReferralDate: '2025-06-25' }),
    breaks: true,
  },
  {
    rule: '1104',
    name: 'ICPC on the referral day',
    children: onS47({ s47ActualStartDate: '2025-06-02' }, { cinReferralDate: '2025-06-24' }),
    breaks: false,
  },
  {
    rule: '2889',
    name: 's47 started before the referral',
    children: onS47({ s47ActualStartDate: '2025-06-01' }),
    breaks: true,
  },
  {
    rule: '2889',
    name: 's47 started on the referral day',
    children: onS47({ s47ActualStartDate: '2025-06-02' }),
    breaks: false,
  },
  {
    rule: '8615',
    name: 's47 started after the ICPC',
    children: onS47({ s47ActualStartDate: '2025-06-25' }),
    breaks: true,
  },
  {
    rule: '8615',
    name: 'an ICPC and no s47 start',
    children: onS47({ s47ActualStartDate: '' }),
    breaks: true,
  },
  {
    rule: '8615',
    name: 's47 started on the ICPC day',
    children: onS47({ s47ActualStartDate: '2025-06-24' }),
    breaks: false,
  },
  {
    rule: '8675Q',
    name: 'open s47 started 16 working days before the ReferenceDate',
    children: onS47(
      { s47ActualStartDate: '2026-03-09', dateOfInitialCpc: undefined },
      { childProtectionPlans: [] },
    ),
    breaks: true,
  },
  {
    rule: '8675Q',
    name: 'open s47 started 15 working days before the ReferenceDate',
    children: onS47(
      { s47ActualStartDate: '2026-03-10', dateOfInitialCpc: undefined },
      { childProtectionPlans: [] },
    ),
    breaks: false,
  },
  {
    rule: '8675Q',
    name: 's47 long ago, ICPC not required',
    children: onS47({ dateOfInitialCpc: undefined, icpcNotRequired: true }, { childProtectionPlans: [] }),
    breaks: false,
  },
  {
    rule: '8715',
    name: 'ICPC after the ReferenceDate',
    children: onS47({ dateOfInitialCpc: '2026-04-01' }, { childProtectionPlans: [] }),
    breaks: true,
  },
  {
    rule: '8715',
    name: 'ICPC before the census year',
    children: onS47(
      { s47ActualStartDate: '2025-03-10', dateOfInitialCpc: '2025-03-31' },
      { cinReferralDate: '2025-03-07', childProtectionPlans: [] },
    ),
    breaks: true,
  },
  {
    rule: '8715',
    name: 'ICPC on the ReferenceDate',
    children: onS47({ dateOfInitialCpc: '2026-03-31' }, { childProtectionPlans: [] }),
    breaks: false,
  },
  {
    rule: '8740',
    name: 'open s47 started before the census year',
    children: onS47(
      { s47ActualStartDate: '2025-03-31', dateOfInitialCpc: undefined },
      { cinReferralDate: '2025-03-31', childProtectionPlans: [] },
    ),
    breaks: true,
  },
  {
    rule: '8740',
    name: 'open s47 started on 1 April',
    children: onS47(
      { s47ActualStartDate: '2025-04-01', dateOfInitialCpc: undefined },
      { cinReferralDate: '2025-03-31', childProtectionPlans: [] },
    ),
    breaks: false,
  },
  {
    rule: '8839',
    name: 'two open s47s on one episode',
    children: onEpisode({
      section47: [
        s47({ dateOfInitialCpc: undefined }),
        s47({ discussionId: 'sd-2', s47ActualStartDate: '2025-07-01', dateOfInitialCpc: undefined }),
      ],
      childProtectionPlans: [],
    }),
    breaks: true,
  },
  {
    rule: '8839',
    name: 'two s47s, one found no ICPC needed',
    children: onEpisode({
      section47: [
        s47({ dateOfInitialCpc: undefined, icpcNotRequired: true }),
        s47({ discussionId: 'sd-2', s47ActualStartDate: '2025-07-01', dateOfInitialCpc: undefined }),
      ],
      childProtectionPlans: [],
    }),
    breaks: false,
  },
  {
    rule: '8870Q',
    name: 'ICPC target on a Saturday',
    children: onS47({ initialCpcTarget: '2025-06-28' }),
    breaks: true,
  },
  {
    rule: '8870Q',
    name: 'ICPC target on a Friday',
    children: onS47({ initialCpcTarget: '2025-06-27' }),
    breaks: false,
  },
  {
    rule: '8875',
    name: 'ICPC on a Sunday',
    children: onS47(
      { dateOfInitialCpc: '2025-06-22' },
      { childProtectionPlans: [plan({ cppStartDate: '2025-06-22' })] },
    ),
    breaks: true,
  },
  {
    rule: '8875',
    name: 'ICPC on a Monday',
    children: onS47(
      { dateOfInitialCpc: '2025-06-23' },
      { childProtectionPlans: [plan({ cppStartDate: '2025-06-23' })] },
    ),
    breaks: false,
  },
  {
    rule: '8890',
    name: 'a second s47 started on the first one’s ICPC day',
    children: onEpisode({
      section47: [
        s47(),
        s47({ discussionId: 'sd-2', s47ActualStartDate: '2025-06-24', dateOfInitialCpc: '2025-07-08' }),
      ],
    }),
    breaks: true,
  },
  {
    rule: '8890',
    name: 'a second s47 started while the first is open',
    children: onEpisode({
      section47: [
        s47({ dateOfInitialCpc: undefined }),
        s47({ discussionId: 'sd-2', s47ActualStartDate: '2025-09-01', dateOfInitialCpc: '2025-09-15' }),
      ],
      childProtectionPlans: [],
    }),
    breaks: true,
  },
  {
    rule: '8890',
    name: 'a second s47 started the day after the first one’s ICPC',
    children: onEpisode({
      section47: [
        s47(),
        s47({ discussionId: 'sd-2', s47ActualStartDate: '2025-06-25', dateOfInitialCpc: '2025-07-08' }),
      ],
    }),
    breaks: false,
  },
  // child protection plans
  {
    rule: '1105',
    name: 'plan before the referral',
    children: onPlan({ cppStartDate: '2025-06-01' }),
    breaks: true,
  },
  {
    rule: '1105',
    name: 'plan on the referral day',
    children: onPlan({ cppStartDate: '2025-06-02' }),
    breaks: false,
  },
  {
    rule: '2883',
    name: 'two plans, one ICPC',
    children: onEpisode({ childProtectionPlans: [plan(), plan({ discussionId: 'sd-2' })] }),
    breaks: true,
  },
  { rule: '2883', name: 'one plan, one ICPC', children: one(), breaks: false },
  {
    rule: '2885',
    name: 'plan starting the day after the ICPC',
    children: onPlan({ cppStartDate: '2025-06-25' }),
    breaks: true,
  },
  {
    rule: '2885',
    name: 'plan with no s47 on its episode',
    children: onEpisode({ section47: [] }),
    breaks: true,
  },
  { rule: '2885', name: 'plan starting on the ICPC day', children: one(), breaks: false },
  {
    rule: '8720',
    name: 'plan starting after the ReferenceDate',
    children: onPlan({ cppStartDate: '2026-04-01' }),
    breaks: true,
  },
  { rule: '8720', name: 'plan with no start', children: onPlan({ cppStartDate: '' }), breaks: true },
  {
    rule: '8720',
    name: 'plan starting on the ReferenceDate',
    children: onS47(
      { dateOfInitialCpc: '2026-03-31' },
      { childProtectionPlans: [plan({ cppStartDate: '2026-03-31' })] },
    ),
    breaks: false,
  },
  {
    rule: '8730',
    name: 'previous plans not a number',
    children: onPlan({ numberOfPreviousCpp: Number.NaN }),
    breaks: true,
  },
  {
    rule: '8730',
    name: 'previous plans negative',
    children: onPlan({ numberOfPreviousCpp: -1 }),
    breaks: true,
  },
  { rule: '8730', name: 'no previous plans', children: onPlan({ numberOfPreviousCpp: 0 }), breaks: false },
  {
    rule: '8832',
    name: 'a plan on an NFA referral',
    children: onEpisode({ referralNfa: true }),
    breaks: true,
  },
  { rule: '8832', name: 'a plan on a referral with further action', children: one(), breaks: false },
  {
    rule: '8905',
    name: 'initial category XYZ',
    children: onPlan({ initialCategoryOfAbuse: 'XYZ' }),
    breaks: true,
  },
  {
    rule: '8905',
    name: 'initial category MUL',
    children: onPlan({ initialCategoryOfAbuse: 'MUL' }),
    breaks: false,
  },
  { rule: '8910', name: 'no latest category', children: onPlan({ latestCategoryOfAbuse: '' }), breaks: true },
  {
    rule: '8910',
    name: 'latest category EMO',
    children: onPlan({ latestCategoryOfAbuse: 'EMO' }),
    breaks: false,
  },
];

describe('censusProblems, rule by rule', () => {
  it.each(cases)('$rule: $name (breaks: $breaks)', ({ rule, children, breaks }) => {
    const fired = censusProblems(children, year).filter((p) => p.rule === rule);
    if (breaks) expect(fired.length).toBeGreaterThan(0);
    else expect(fired).toEqual([]);
  });

  it('has a breaking case and a passing case for every checked rule', () => {
    for (const code of CHECKED_RULES) {
      expect([code, cases.some((c) => c.rule === code && c.breaks)]).toEqual([code, true]);
      expect([code, cases.some((c) => c.rule === code && !c.breaks)]).toEqual([code, true]);
    }
  });
});

describe('censusProblems', () => {
  it('finds nothing but the expected queries on a clean child', () => {
    const problems = censusProblems([validChild()], year);
    expect(problems.filter((p) => !EXPECTED_QUERIES.includes(p.rule))).toEqual([]);
    expect(problems.map((p) => p.rule)).toEqual(['2991Q']);
  });

  it('finds nothing on a clean unborn child referred with no s47', () => {
    const child = unbornChild({
      episodes: [episode({ cinReferralDate: '2025-12-01', section47: [], childProtectionPlans: [] })],
    });
    expect(censusProblems([child], year)).toEqual([]);
  });

  it('says what to fix and where, in the DfE words', () => {
    const child = validChild({ ethnicity: '', episodes: [episode({ primaryNeedCode: undefined })] });
    child.episodes[0].section47[0].dateOfInitialCpc = '2025-06-22';
    expect(censusProblems([child], year).filter((p) => p.type === 'ERROR')).toEqual([
      {
        rule: '2885',
        type: 'ERROR',
        message:
          'Child protection plan shown as starting a different day to the initial child protection conference.',
        childId: 'child-1',
        field: 'CPPstartDate',
        link: { kind: 'strategy-discussion', id: 'sd-1' },
      },
      {
        rule: '4220',
        type: 'ERROR',
        message: 'Ethnicity is missing or invalid (see Ethnicity table)',
        childId: 'child-1',
        field: 'Ethnicity',
        link: { kind: 'child', id: 'child-1' },
      },
      {
        rule: '8610',
        type: 'ERROR',
        message: 'Primary Need code is missing for a referral which led to further action.',
        childId: 'child-1',
        field: 'PrimaryNeedCode',
        link: { kind: 'contact', id: 'contact-1' },
      },
      {
        rule: '8875',
        type: 'ERROR',
        message: 'The Date of Initial Child Protection Conference cannot be a weekend',
        childId: 'child-1',
        field: 'DateOfInitialCPC',
        link: { kind: 'strategy-discussion', id: 'sd-1' },
      },
    ]);
  });

  it('sorts by LAchildID, then rule code', () => {
    const b = validChild({ childId: 'b', laChildId: 'B2', upn: undefined, upnUnknown: 'UN1', ethnicity: '' });
    const a = validChild({ childId: 'a', laChildId: 'A1', upn: 'A820200101009', disabilities: [] });
    expect(censusProblems([b, a], year).map((p) => [p.childId, p.rule])).toEqual([
      ['a', '2991Q'],
      ['a', '8540'],
      ['b', '2991Q'],
      ['b', '4220'],
      ['b', '8770Q'],
    ]);
  });

  it('reports each of two children with one LAchildID', () => {
    const problems = censusProblems(
      [validChild(), twin({ laChildId: 'FD000123', upn: undefined, upnUnknown: 'UN2' })],
      year,
    );
    expect(problems.filter((p) => p.rule === '8510').map((p) => p.childId)).toEqual(['child-1', 'child-2']);
  });
});

// the DfE rules of cin2025_26 (a copy of shared/reference/cin_census, see reference/README.md)
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows.filter((r) => r.some((c) => c !== ''));
}

describe('the DfE rule list (cin2025_26)', () => {
  const [header, ...rows] = csvRows(
    readFileSync(join(__dirname, 'reference/cin_validation_rules_cin2025_26.csv'), 'utf8'),
  );
  const csv = new Map(rows.map((r) => [r[0], { type: r[1], message: r[4] }]));

  it('is read as 109 rules', () => {
    expect(header).toEqual(['rule_code', 'rule_type', 'module', 'affected_fields', 'message']);
    expect(csv.size).toBe(109);
  });

  it('is covered exactly, each rule once: checked or not applicable', () => {
    const covered = [...CHECKED_RULES, ...Object.keys(NOT_APPLICABLE_RULES)];
    expect(new Set(covered).size).toBe(covered.length);
    expect([...covered].sort()).toEqual([...csv.keys()].sort());
    expect(Object.keys(CENSUS_RULES).sort()).toEqual([...CHECKED_RULES].sort());
    expect(EXPECTED_QUERIES.every((code) => CHECKED_RULES.includes(code))).toBe(true);
  });

  it('gives each checked rule the DfE type and message', () => {
    for (const code of CHECKED_RULES) expect([code, CENSUS_RULES[code]]).toEqual([code, csv.get(code)]);
  });

  it('gives each rule not checked a reason', () => {
    for (const [code, reason] of Object.entries(NOT_APPLICABLE_RULES))
      expect([code, reason.length > 10]).toEqual([code, true]);
  });
});
