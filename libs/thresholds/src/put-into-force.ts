import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditEvent } from '@app/audit';
import {
  DomainError,
  ErrorCode,
  THRESHOLD_CATALOGUE,
  WorkingCalendar,
  type ThresholdCatalogueSchema,
} from '@app/core';
import type { ContactForDecision } from '@app/contacts';
import type { LiveChangeRef } from '@app/live';
import { StrategyDiscussionOpener } from '@app/strategy-meetings';
import { referralDto, strategyDiscussionDto } from './decision-view';
import { ReferralEntity } from './entities/referral.entity';
import { ThresholdDecisionEntity, type Acknowledgement } from './entities/threshold-decision.entity';
import { makesReferral, referrerOutcome } from './policy/threshold-rules';
import { insertReferral, recordAcknowledgement, referredWithin } from './thresholds.repository';

export interface InForce {
  referral?: ReferralEntity;
  strategyDiscussion?: { id: string; due_at: Date };
  audit: AuditEvent[];
}

// what the live layer hears of a decision (recorded or authorised): the contact changed, and
// the strategy discussion it opened, if it is in force and opened one
export function decisionLiveChanges(type: string, contactId: string, inForce?: InForce): LiveChangeRef[] {
  return [
    { type, entity: 'contact', id: contactId, submission: 'CONTACT' },
    ...(inForce?.strategyDiscussion
      ? [{ type: 'strategy.due', entity: 'strategy_discussion', id: inForce.strategyDiscussion.id }]
      : []),
  ];
}

// the referral and strategy discussion a decision in force answers with
export function inForceAnswer(inForce?: InForce): {
  referral?: ReturnType<typeof referralDto>;
  strategyDiscussion?: ReturnType<typeof strategyDiscussionDto>;
} {
  return {
    ...(inForce?.referral ? { referral: referralDto(inForce.referral) } : {}),
    ...(inForce?.strategyDiscussion
      ? { strategyDiscussion: strategyDiscussionDto(inForce.strategyDiscussion) }
      : {}),
  };
}

// what a decision does once it stands (at once, or when a manager approves it): the referrer
// is told, a referral is made for a social care response, a strategy discussion is due
@Injectable()
export class PutIntoForce {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly strategyDiscussions: StrategyDiscussionOpener,
    @Inject(THRESHOLD_CATALOGUE) private readonly catalogue: ThresholdCatalogueSchema,
  ) {}

  async apply(
    manager: EntityManager,
    decision: ThresholdDecisionEntity,
    contact: ContactForDecision,
    now: Date,
  ): Promise<InForce> {
    const catalogue = this.catalogue;
    const acknowledgement: Acknowledgement = {
      recipient: { name: contact.referrer.name, organisation: contact.referrer.organisation },
      outcome: referrerOutcome(decision.outcome),
      recordedAt: now.toISOString(),
    };
    await recordAcknowledgement(manager, decision.id, acknowledgement);
    decision.acknowledgement = acknowledgement;
    const audit: AuditEvent[] = [
      {
        action: 'REFERRER_ACKNOWLEDGED',
        entityType: 'contact',
        entityId: contact.id,
        details: { outcome: acknowledgement.outcome },
      },
    ];
    const result: InForce = { audit };
    if (!makesReferral(decision.outcome, catalogue)) return result;

    // CIN census: the referral date is the day the decision was made
    const referralDate = this.calendar.localDate(decision.decidedAt);
    const earlier = await referredWithin(
      manager,
      contact.childId,
      referralDate,
      catalogue.reReferralWindowMonths,
    );
    const referral = manager.getRepository(ReferralEntity).create({
      contactId: contact.id,
      childId: contact.childId,
      decisionId: decision.id,
      referralDate,
      source: contact.source,
      primaryNeedCode: decision.primaryNeedCode ?? 'N0',
      // DOMAIN.md: single assessment due 45 working days from the referral date
      assessmentDueDate: this.calendar.workingDaysAfter(referralDate, catalogue.singleAssessmentDue.amount),
      reReferral: earlier,
    });
    await insertReferral(manager, referral);
    result.referral = referral;
    audit.push({
      action: 'REFERRAL_CREATED',
      entityType: 'referral',
      entityId: referral.id,
      details: { contactId: contact.id, reReferral: earlier },
    });

    if (decision.outcome === 'STRATEGY_DISCUSSION') {
      // DOMAIN.md: a strategy discussion due within 1 working day of the decision
      const dueAt = this.calendar.deadline(decision.decidedAt, catalogue.strategyDiscussionDue);
      // strategy-meetings owns the discussion: it opens it, in this transaction
      const row = await this.strategyDiscussions.open(manager, {
        contactId: contact.id,
        decisionId: decision.id,
        dueAt,
        now,
      });
      if (!row)
        throw new DomainError(
          ErrorCode.STALE_STATE,
          'A strategy discussion for this contact is already open.',
        );
      result.strategyDiscussion = row;
      audit.push({
        action: 'STRATEGY_DISCUSSION_CREATED',
        entityType: 'strategy_discussion',
        entityId: row.id,
      });
    }
    return result;
  }
}
