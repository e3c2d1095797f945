import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Journal } from '@app/live';
import { Clock, DomainError, ErrorCode, THRESHOLD_CATALOGUE, type ThresholdCatalogueSchema } from '@app/core';
import { isOpenForScreening, ScreeningTransitions } from '@app/contacts';
import { OpenInformationRequests } from '@app/information-sharing';
import { decisionDtos } from '../decision-view';
import type { DecisionResultDto, RecordDecisionDto } from '../dto/decision.dto';
import { ThresholdDecisionEntity } from '../entities/threshold-decision.entity';
import { qualityProblems } from '../policy/referral-quality';
import { authorisationReasons, checkDecision, isConsistentPair } from '../policy/threshold-rules';
import { decisionLiveChanges, inForceAnswer, PutIntoForce } from '../put-into-force';
import { insertDecision } from '../thresholds.repository';

export interface RecordDecisionCommand extends RecordDecisionDto {
  contactId: string;
}

@Injectable()
export class RecordDecision {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: ScreeningTransitions,
    private readonly putIntoForce: PutIntoForce,
    private readonly openRequests: OpenInformationRequests,
    private readonly journal: Journal,
    private readonly clock: Clock,
    @Inject(THRESHOLD_CATALOGUE) private readonly catalogue: ThresholdCatalogueSchema,
  ) {}

  async execute(user: AuthenticatedUser, command: RecordDecisionCommand): Promise<DecisionResultDto> {
    const { contactId, ...dto } = command;
    const catalogue = this.catalogue;
    const errors = [...checkDecision(dto, catalogue), ...(dto.quality ? qualityProblems(dto.quality) : [])];
    if (errors.length > 0) throw DomainError.validation(errors);
    const now = this.clock.now();

    return this.dataSource.transaction(async (manager) => {
      const contact = await this.transitions.forDecision(manager, contactId);
      if (!isOpenForScreening(contact.status)) {
        throw new DomainError(
          ErrorCode.STALE_STATE,
          `The contact is ${contact.status}: it has been decided already.`,
        );
      }
      // issue 18: partners asked and not all answered: say why the decision does not wait
      const openRequests = await this.openRequests.count(manager, contactId);
      if (openRequests > 0 && !dto.openRequestsReason)
        throw DomainError.validation([
          {
            field: 'openRequestsReason',
            message: `is required: ${openRequests} information ${openRequests === 1 ? 'request is' : 'requests are'} not answered yet`,
          },
        ]);
      const overridden = !isConsistentPair(dto.level, dto.outcome, catalogue);
      const reasons = authorisationReasons(
        {
          rag: contact.rag,
          outcome: dto.outcome,
          overridden,
          priorContactsInLast12Months: contact.priorContacts12m,
        },
        catalogue,
      );
      const status = reasons.length > 0 ? 'AWAITING_AUTHORISATION' : 'DECIDED';
      // the race is settled here: one conditional UPDATE, the loser gets STALE_STATE
      await this.transitions.close(
        manager,
        user,
        contactId,
        contact.rag,
        {
          status,
          outcome: status === 'DECIDED' ? dto.outcome : null,
        },
        now,
      );

      const decision = manager.getRepository(ThresholdDecisionEntity).create({
        contactId,
        level: dto.level,
        outcome: dto.outcome,
        rationale: dto.rationale,
        primaryNeedCode: dto.primaryNeedCode ?? null,
        factors: dto.factors ?? [],
        overrideReason: overridden ? (dto.overrideReason ?? null) : null,
        overridden,
        openRequestsReason: openRequests > 0 ? (dto.openRequestsReason ?? null) : null,
        qualityGrade: dto.quality?.grade ?? null,
        qualityReasons: dto.quality?.reasons ?? [],
        decidedBy: user.id,
        decidedAt: now,
        // Working Together 2023: timeliness is measured against the contact's deadline
        withinTimescale: now.getTime() <= contact.decisionDueAt.getTime(),
        minutesTaken: Math.max(0, Math.round((now.getTime() - contact.receivedAt.getTime()) / 60_000)),
        status,
        authorisationReasons: reasons,
        authorisedBy: null,
        authorisedAt: null,
        authorisationComment: null,
        acknowledgement: null,
      });
      await insertDecision(manager, decision);

      const inForce =
        status === 'DECIDED' ? await this.putIntoForce.apply(manager, decision, contact, now) : undefined;
      this.journal.write(
        manager,
        user,
        [
          {
            action: 'DECISION_RECORDED',
            entityType: 'contact',
            entityId: contactId,
            details: {
              decisionId: decision.id,
              level: dto.level,
              outcome: dto.outcome,
              status,
              withinTimescale: decision.withinTimescale,
              authorisationReasons: reasons.map((r) => r.code),
              openRequests,
              ...(dto.quality ? { qualityGrade: dto.quality.grade } : {}),
            },
          },
          ...(inForce?.audit ?? []),
        ],
        decisionLiveChanges('contact.decided', contactId, inForce),
      );
      const [out] = await decisionDtos(manager, [decision]);
      return {
        decision: out,
        status,
        ...inForceAnswer(inForce),
      };
    });
  }
}
