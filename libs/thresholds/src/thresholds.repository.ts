import type { EntityManager } from 'typeorm';
import { childRowsOf } from '@app/contacts';
import { ReferralEntity } from './entities/referral.entity';
import { ThresholdDecisionEntity, type Acknowledgement } from './entities/threshold-decision.entity';

// thresholds' tables (threshold_decision, referral) and the SQL its use cases run, in one
// place. Only this module writes them. A strategy discussion a decision calls for is opened by
// strategy-meetings (StrategyDiscussionOpener); the contact is moved on by contacts
// (ScreeningTransitions). Declared reads of other modules' tables: app_user (who decided, who
// authorised: decision-view.ts) and strategy_discussion (the decision section's link to it:
// decision-section.ts).

export async function recordAcknowledgement(
  manager: EntityManager,
  decisionId: string,
  acknowledgement: Acknowledgement,
): Promise<void> {
  await manager.getRepository(ThresholdDecisionEntity).update({ id: decisionId }, { acknowledgement });
}

// CIN census: a referral within `months` of an earlier one of the same child is a re-referral
export async function referredWithin(
  manager: EntityManager,
  childId: string,
  referralDate: string,
  months: number,
): Promise<boolean> {
  const [{ earlier }] = (await manager.query(
    `select exists (
       select 1 from referral
        where child_id = $1 and referral_date <= $2::date
          and referral_date > ($2::date - make_interval(months => $3))::date
     ) as earlier`,
    [childId, referralDate, months],
  )) as { earlier: boolean }[];
  return earlier;
}

export async function insertReferral(manager: EntityManager, referral: ReferralEntity): Promise<void> {
  await manager.getRepository(ReferralEntity).insert(referral);
}

export async function insertDecision(
  manager: EntityManager,
  decision: ThresholdDecisionEntity,
): Promise<void> {
  await manager.getRepository(ThresholdDecisionEntity).insert(decision);
}

// a manager's answer to a decision awaiting authorisation
export async function recordAuthorisation(
  manager: EntityManager,
  decisionId: string,
  answer: Pick<ThresholdDecisionEntity, 'status' | 'authorisedBy' | 'authorisedAt' | 'authorisationComment'>,
): Promise<void> {
  await manager.getRepository(ThresholdDecisionEntity).update({ id: decisionId }, answer);
}

// decision 0028: a merge moves the duplicate's referrals to the kept record, an unmerge exactly
// those back (contacts' ChildRowOwners asks)
export const referralChildRows = childRowsOf('referral', {
  move: 'update referral set child_id = $2 where child_id = $1 returning id',
  restore: 'update referral set child_id = $3 where id = any($1::uuid[]) and child_id = $2',
});
