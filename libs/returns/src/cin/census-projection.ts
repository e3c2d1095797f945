import type { CensusChild, CensusEpisode, CensusYear } from './census-child';

// issue 19 (decision 0030): the CIN census as the front door's records give it, a declared read
// (docs/architecture.md) of the child register, the referrals and the strategy discussions.
// An episode is a referral (DOMAIN.md: a contact accepted for a social care response) made in
// the collection year, or made before it with a section 47 enquiry or an ICPC in the year. One
// row per referral and strategy discussion, ordered by child, so children stream one at a time.
// $1 the year's first day, $2 its ReferenceDate (ix_referral_referral_date); the child named by
// `childId` (return-child-id.ts)
export const censusRowsSql = (childId: string) => `
  with episodes as (
    select r.id as referral_id, r.contact_id, r.child_id, r.referral_date, r.source, r.primary_need_code
      from referral r
      join child oc on oc.id = r.child_id
     where r.referral_date <= $2
       -- made while the child's case is open to children's social care: part of that open
       -- episode, which the council's case system returns (rules 8815, 8816, 8820)
       and (oc.open_to_social_care_since is null or r.referral_date < oc.open_to_social_care_since)
       and (r.referral_date >= $1 or exists (
             select 1
               from strategy_discussion sd
               join strategy_record sr on sr.discussion_id = sd.id and sr.current
               left join strategy_icpc ic on ic.discussion_id = sd.id
              where sd.contact_id = r.contact_id
                and (sr.s47_start_date between $1 and $2 or ic.held_date between $1 and $2)))
  )
  select ch.id as child_id, ${childId} as la_child_id, ch.upn,
         to_char(ch.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
         to_char(ch.expected_date_of_birth, 'YYYY-MM-DD') as expected_date_of_birth,
         ch.sex, ch.ethnicity, ch.disabilities,
         e.referral_id, e.contact_id, to_char(e.referral_date, 'YYYY-MM-DD') as referral_date,
         e.source, e.primary_need_code,
         sd.id as discussion_id, sr.outcome as strategy_outcome,
         to_char(sr.s47_start_date, 'YYYY-MM-DD') as s47_start_date,
         to_char(sr.icpc_due_date, 'YYYY-MM-DD') as icpc_due_date,
         eo.outcome as enquiry_outcome, to_char(eo.concluded_at, 'YYYY-MM-DD') as enquiry_concluded,
         to_char(ic.held_date, 'YYYY-MM-DD') as icpc_date, ic.child_protection_plan, ic.category
    from episodes e
    join child ch on ch.id = e.child_id
    left join strategy_discussion sd on sd.contact_id = e.contact_id
    left join strategy_record sr on sr.discussion_id = sd.id and sr.current
    left join strategy_enquiry_outcome eo on eo.discussion_id = sd.id
    left join strategy_icpc ic on ic.discussion_id = sd.id
   order by ${childId}, ch.id, e.referral_date, e.referral_id, sd.created_at, sd.id`;

// is there anything to return: the census has at least one child (the XSD asks for one)
export const censusAnySql = (childId: string) => `select exists (${censusRowsSql(childId)}) as any`;

export interface CensusRow {
  child_id: string;
  la_child_id: string;
  upn: string | null;
  date_of_birth: string | null;
  expected_date_of_birth: string | null;
  sex: string | null;
  ethnicity: string | null;
  disabilities: string[];
  referral_id: string;
  contact_id: string;
  referral_date: string;
  source: string;
  primary_need_code: string | null;
  discussion_id: string | null;
  strategy_outcome: string | null;
  s47_start_date: string | null;
  icpc_due_date: string | null;
  enquiry_outcome: string | null;
  enquiry_concluded: string | null;
  icpc_date: string | null;
  child_protection_plan: boolean | null;
  category: string | null;
}

// the enquiry's outcomes that need no conference (DOMAIN.md "After the strategy discussion")
const NO_ICPC_OUTCOMES = new Set(['CONCERNS_SUBSTANTIATED_NO_ICPC', 'NOT_SUBSTANTIATED']);
// the strategy discussion's outcome that ends the referral (ReferralNFA)
const NFA_OUTCOME = 'NFA';
// DfE "UPN unknown" reasons: UN1 under 6 and not yet at school, UN5 the sources that collate
// UPNs are incomplete, UN7 a referral with no further action
const SCHOOL_AGE = 6;

const yearsBetween = (from: string, to: string): number => {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
};

function upnUnknown(row: CensusRow, episodes: CensusEpisode[], year: CensusYear): string {
  if (episodes.every((e) => e.referralNfa)) return 'UN7';
  if (!row.date_of_birth || yearsBetween(row.date_of_birth, year.referenceDate) < SCHOOL_AGE) return 'UN1';
  return 'UN5';
}

// the rows of one child (in censusRowsSql's order) as the census child; what happened after
// the ReferenceDate is not yet known to the census and is left out
export function censusChild(rows: CensusRow[], year: CensusYear): CensusChild {
  const first = rows[0];
  const episodes: CensusEpisode[] = [];
  let plans = 0;
  for (const row of rows) {
    let episode = episodes.at(-1);
    if (!episode || episode.referralId !== row.referral_id) {
      episode = {
        referralId: row.referral_id,
        contactId: row.contact_id,
        cinReferralDate: row.referral_date,
        referralSource: row.source,
        ...(row.primary_need_code ? { primaryNeedCode: row.primary_need_code } : {}),
        referralNfa: false,
        section47: [],
        childProtectionPlans: [],
      };
      episodes.push(episode);
    }
    if (!row.discussion_id) continue;
    if (row.strategy_outcome === NFA_OUTCOME) episode.referralNfa = true;
    if (!row.s47_start_date || row.s47_start_date > year.referenceDate) continue;
    const icpcHeld = row.icpc_date && row.icpc_date <= year.referenceDate ? row.icpc_date : undefined;
    const noIcpc =
      !icpcHeld &&
      !!row.enquiry_outcome &&
      NO_ICPC_OUTCOMES.has(row.enquiry_outcome) &&
      !!row.enquiry_concluded &&
      row.enquiry_concluded <= year.referenceDate;
    episode.section47.push({
      discussionId: row.discussion_id,
      s47ActualStartDate: row.s47_start_date,
      ...(row.icpc_due_date ? { initialCpcTarget: row.icpc_due_date } : {}),
      ...(icpcHeld ? { dateOfInitialCpc: icpcHeld } : {}),
      icpcNotRequired: noIcpc,
    });
    if (icpcHeld && row.child_protection_plan && row.category) {
      episode.childProtectionPlans.push({
        discussionId: row.discussion_id,
        cppStartDate: icpcHeld,
        initialCategoryOfAbuse: row.category,
        latestCategoryOfAbuse: row.category,
        numberOfPreviousCpp: plans,
      });
      plans++;
    }
  }
  return {
    childId: first.child_id,
    laChildId: first.la_child_id,
    ...(first.upn ? { upn: first.upn.trim() } : { upnUnknown: upnUnknown(first, episodes, year) }),
    ...(first.date_of_birth
      ? { personBirthDate: first.date_of_birth }
      : first.expected_date_of_birth
        ? { expectedPersonBirthDate: first.expected_date_of_birth }
        : {}),
    sex: first.sex === 'M' || first.sex === 'F' ? first.sex : 'U',
    // the census's own "information not yet obtained"
    ethnicity: first.ethnicity ?? 'NOBT',
    disabilities: first.disabilities ?? [],
    episodes,
  };
}

// the rows, in order, as one census child after another
export async function* censusChildren(
  rows: AsyncIterable<CensusRow>,
  year: CensusYear,
): AsyncGenerator<CensusChild> {
  let current: CensusRow[] = [];
  for await (const row of rows) {
    if (current.length > 0 && current[0].child_id !== row.child_id) {
      yield censusChild(current, year);
      current = [];
    }
    current.push(row);
  }
  if (current.length > 0) yield censusChild(current, year);
}
