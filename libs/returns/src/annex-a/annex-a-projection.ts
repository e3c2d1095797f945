// issue 19 item 1: Ofsted's Annex A lists 1, 3 and 5 as the front door's records give them, a
// declared read (docs/architecture.md) of the child register, the contacts, the DA
// notifications, the referrals and their decisions, the strategy discussions and the names of
// who decided and who recorded. The child is named by `childId` (return-child-id.ts). Each query takes the period's first and last days ($1, $2,
// YYYY-MM-DD, both included); rows come ordered by the date of the event, then the child, so a
// list streams as it is read. Dates are written YYYY-MM-DD here and formatted by the writer.

// list 1: one row per contact received in the period (its local date, $3 the front door's
// time zone), one per child, date and source (the template's key: a second contact of the same
// child on the same day from the same source is the same row). A DA notification triaged
// INFORMATION_ONLY makes no contact (DOMAIN.md); $4 true counts each of its children as a
// contact from the police on the day it was received (config/returns.yml annexA)
export const list1Sql = (childId: string) => `
  with contacts as (
    select c.child_id, (c.received_at at time zone $3)::date as contact_date, c.source
      from contact c
     where c.received_at >= ($1::date)::timestamp at time zone $3
       and c.received_at < ($2::date + 1)::timestamp at time zone $3
    union
    select dc.child_id, (n.received_at at time zone $3)::date, '6'
      from da_notification n
      join da_notification_child dc on dc.notification_id = n.id
     where $4::boolean
       and n.triage_outcome = 'INFORMATION_ONLY'
       and n.received_at >= ($1::date)::timestamp at time zone $3
       and n.received_at < ($2::date + 1)::timestamp at time zone $3
  )
  select ${childId} as la_child_id, ch.sex, ch.ethnicity, to_char(ch.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
         to_char(k.contact_date, 'YYYY-MM-DD') as contact_date, k.source
    from contacts k
    join child ch on ch.id = k.child_id
   order by k.contact_date, ${childId}, k.source`;

// list 3: one row per referral dated in the period (ix_referral_referral_date). NFA as the CIN
// census has it: the referral's strategy discussion decided no further action (its current
// record). The count is of the child's referrals in the 12 months up to and including this
// one's date, this one included. The worker is the screener whose decision made the referral
export const list3Sql = (childId: string) => `
  select ${childId} as la_child_id, ch.sex, ch.ethnicity, to_char(ch.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
         to_char(r.referral_date, 'YYYY-MM-DD') as referral_date, r.source,
         exists (
           select 1
             from strategy_discussion sd
             join strategy_record sr on sr.discussion_id = sd.id and sr.current
            where sd.contact_id = r.contact_id and sr.outcome = 'NFA') as referral_nfa,
         (select count(*)::int
            from referral p
           where p.child_id = r.child_id
             and p.referral_date > r.referral_date - interval '12 months'
             and p.referral_date <= r.referral_date) as referrals_12m,
         u.name as worker
    from referral r
    join child ch on ch.id = r.child_id
    join threshold_decision d on d.id = r.decision_id
    join app_user u on u.id = d.decided_by
   where r.referral_date between $1 and $2
   order by r.referral_date, ${childId}, r.id`;

// list 5: one row per section 47 enquiry started in the period (the strategy discussion's
// current record with an s47 start date). What was recorded after the period's last day is not
// yet known to the list: the enquiry's outcome, the conference. The counts are of the child's
// enquiries started and conferences held in the 12 months up to and including the last day.
// The worker is whoever recorded the discussion that started the enquiry
export const list5Sql = (childId: string) => `
  with enquiries as (
    select sd.id as discussion_id, c.child_id, sr.s47_start_date, sr.recorded_by
      from strategy_discussion sd
      join strategy_record sr on sr.discussion_id = sd.id and sr.current
      join contact c on c.id = sd.contact_id
     where sr.s47_start_date is not null
  ),
  conferences as (
    select e.child_id, ic.discussion_id, ic.held_date, ic.child_protection_plan
      from enquiries e
      join strategy_icpc ic on ic.discussion_id = e.discussion_id
     where ic.held_date <= $2
  )
  select ${childId} as la_child_id, ch.sex, ch.ethnicity, to_char(ch.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
         ch.disabilities, to_char(e.s47_start_date, 'YYYY-MM-DD') as s47_start_date,
         case when (eo.concluded_at at time zone $3)::date <= $2 then eo.outcome end as enquiry_outcome,
         to_char(k.held_date, 'YYYY-MM-DD') as icpc_date, k.child_protection_plan,
         (select count(*)::int
            from enquiries p
           where p.child_id = e.child_id
             and p.s47_start_date > $2::date - interval '12 months'
             and p.s47_start_date <= $2) as enquiries_12m,
         (select count(*)::int
            from conferences q
           where q.child_id = e.child_id
             and q.held_date > $2::date - interval '12 months') as icpcs_12m,
         u.name as worker
    from enquiries e
    join child ch on ch.id = e.child_id
    join app_user u on u.id = e.recorded_by
    left join strategy_enquiry_outcome eo on eo.discussion_id = e.discussion_id
    left join conferences k on k.discussion_id = e.discussion_id
   where e.s47_start_date between $1 and $2
   order by e.s47_start_date, ${childId}, e.discussion_id`;

// the rows each list would hold (GET /api/returns/annex-a/counts): the same queries, counted
export const countSql = (sql: string) => `select count(*)::int as rows from (${sql}) list`;

interface ChildColumns {
  la_child_id: string;
  sex: string | null;
  ethnicity: string | null;
  date_of_birth: string | null;
}

export interface List1Row extends ChildColumns {
  contact_date: string;
  source: string;
}

export interface List3Row extends ChildColumns {
  referral_date: string;
  source: string;
  referral_nfa: boolean;
  referrals_12m: number;
  worker: string | null;
}

export interface List5Row extends ChildColumns {
  disabilities: string[] | null;
  s47_start_date: string;
  enquiry_outcome: string | null;
  icpc_date: string | null;
  child_protection_plan: boolean | null;
  enquiries_12m: number;
  icpcs_12m: number;
  worker: string | null;
}
