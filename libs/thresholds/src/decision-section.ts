import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, TimelinessClock } from '@app/core';
import { ContactSections, type ContactAudience, type ContactSection } from '@app/contacts';
import { decisionDtos, qualityOf, referralDto, strategyDiscussionDto } from './decision-view';
import { boomerangsOf } from './boomerangs';
import type { PartnerDecisionSectionDto, StaffDecisionSectionDto } from './dto/decision-section.dto';
// loaded for its decorators: they describe these keys on the contact views in the API docs
import './dto/decision-section.dto';
import { ReferralEntity } from './entities/referral.entity';
import { auditDto } from './quality-audits/quality-audit-view';
import { auditsOfContact } from './quality-audits/quality-audits.repository';
import { ThresholdDecisionEntity } from './entities/threshold-decision.entity';

// the decision part of GET /api/contacts/:id. MACH staff: the standing decision (or the
// last one, with a manager's rejection comment), earlier rejected ones, the referral and any
// strategy discussion. The referring partner: only the acknowledgement of the outcome.
@Injectable()
export class DecisionSection implements ContactSection, OnModuleInit {
  constructor(
    private readonly sections: ContactSections,
    private readonly clock: Clock,
    private readonly timeliness: TimelinessClock,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
  }

  async read(
    manager: EntityManager,
    contactId: string,
    audience: ContactAudience,
  ): Promise<StaffDecisionSectionDto | PartnerDecisionSectionDto> {
    const decisions = await manager
      .getRepository(ThresholdDecisionEntity)
      .find({ where: { contactId }, order: { decidedAt: 'DESC' } });
    // issue 21: staff see an earlier closure this contact came back after, before any decision
    const returns = audience === 'staff' ? await boomerangsOf(manager, contactId) : {};
    if (decisions.length === 0) return returns;
    const standing = decisions.find((d) => d.status !== 'REJECTED');
    if (audience === 'partner') {
      const ack = standing?.acknowledgement;
      return ack
        ? {
            outcome: ack.outcome,
            acknowledgement: ack,
            ...(standing?.qualityGrade ? { quality: qualityOf(standing) } : {}),
          }
        : {};
    }
    // the standing decision is the contact's decision; rejected ones are its history
    const ordered = standing ? [standing, ...decisions.filter((d) => d !== standing)] : decisions;
    const [latest, ...earlier] = await decisionDtos(manager, ordered);
    const referral = await manager.getRepository(ReferralEntity).findOne({ where: { contactId } });
    const [discussion] = (await manager.query(
      `select id, due_at from strategy_discussion where contact_id = $1 order by created_at desc limit 1`,
      [contactId],
    )) as { id: string; due_at: Date }[];
    // issue 21: the decider sees the audit of their decision here (and in their feedback)
    const now = this.clock.now();
    const audits = (await auditsOfContact(manager, contactId)).map((row) =>
      auditDto(row, undefined, now, this.timeliness),
    );
    return {
      ...returns,
      decision: latest,
      ...(earlier.length ? { earlierDecisions: earlier } : {}),
      ...(referral ? { referral: referralDto(referral) } : {}),
      ...(discussion ? { strategyDiscussion: strategyDiscussionDto(discussion) } : {}),
      ...(audits.length ? { audits } : {}),
    };
  }
}
