// issue 19 (decision 0030): one child of the DfE children in need census as the front door holds
// it, built by the census projection from the front door's own records and read by both the XML
// writer and the source check. Dates are calendar dates, YYYY-MM-DD. Codes are the CIN census
// codes (shared/reference/cin_census/cin_census_codelists.json). Only what the front door knows
// is here: assessments, CIN plans and closures live in the council's case-management system.

export type CensusSex = 'M' | 'F' | 'U';

export interface CensusSection47 {
  // the strategy discussion that started the enquiry (the link to fix it)
  discussionId: string;
  s47ActualStartDate: string;
  initialCpcTarget?: string;
  dateOfInitialCpc?: string;
  // the enquiry concluded that no ICPC is needed
  icpcNotRequired: boolean;
}

export interface CensusProtectionPlan {
  discussionId: string;
  cppStartDate: string;
  initialCategoryOfAbuse: string;
  latestCategoryOfAbuse: string;
  // the plans this child had before, as far as the front door knows
  numberOfPreviousCpp: number;
}

export interface CensusEpisode {
  // the referral (and its contact) this episode is, for the link to fix it
  referralId: string;
  contactId: string;
  cinReferralDate: string;
  referralSource: string;
  primaryNeedCode?: string;
  // the referral was followed by no further action
  referralNfa: boolean;
  // the front door closes no episode; a council's case system does (CINclosureDate)
  cinClosureDate?: string;
  section47: CensusSection47[];
  childProtectionPlans: CensusProtectionPlan[];
}

export interface CensusChild {
  // the front door's id of the child (the link to the child's record)
  childId: string;
  // LAchildID: at most 20 letters and digits (rules 1570, 1580)
  laChildId: string;
  upn?: string;
  // UN1..UN7 when there is no UPN
  upnUnknown?: string;
  personBirthDate?: string;
  expectedPersonBirthDate?: string;
  sex: CensusSex;
  ethnicity: string;
  // CIN census disability codes; NONE for no disability; empty when not recorded
  disabilities: string[];
  // in referral date order, oldest first
  episodes: CensusEpisode[];
}

// the collection year: 1 April of the year before to 31 March of the year (ReferenceDate)
export interface CensusYear {
  year: number;
  // YYYY-04-01 of the year before
  start: string;
  // YYYY-03-31, the ReferenceDate
  referenceDate: string;
}

export function censusYear(year: number): CensusYear {
  return { year, start: `${year - 1}-04-01`, referenceDate: `${year}-03-31` };
}
