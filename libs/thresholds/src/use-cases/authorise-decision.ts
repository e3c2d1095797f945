import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Journal } from '@app/live';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { ScreeningTransitions } from '@app/contacts';
import { decisionDtos } from '../decision-view';
import type { AuthoriseDecisionDto, DecisionResultDto } from '../dto/decision.dto';
import { ThresholdDecisionEntity } from '../entities/threshold-decision.entity';
import { decisionLiveChanges, inForceAnswer, PutIntoForce } from '../put-into-force';
import { recordAuthorisation } from '../thresholds.repository';

// a manager approves (the decision stands) or rejects with a comment (back to screening,
// the screener keeps the claim); nobody authorises their own decision
export interface AuthoriseDecisionCommand extends AuthoriseDecisionDto {
  contactId: string;
}

@Injectable()
export class AuthoriseDecision {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: ScreeningTransitions,
    private readonly putIntoForce: PutIntoForce,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { contactId, ...dto }: AuthoriseDecisionCommand,
  ): Promise<DecisionResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(ThresholdDecisionEntity);
      const pending = await repo.findOne({
        where: { contactId, status: 'AWAITING_AUTHORISATION' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!pending) {
        const contact = await this.transitions.forDecision(manager, contactId); // 404 when there is no contact
        throw new DomainError(
          ErrorCode.STALE_STATE,
          `No decision on this contact awaits authorisation (it is ${contact.status}).`,
        );
      }
      if (pending.decidedBy === user.id) {
        throw DomainError.forbidden('A decision needs another manager to authorise it.');
      }
      const status = dto.approve ? 'APPROVED' : 'REJECTED';
      await recordAuthorisation(manager, pending.id, {
        status,
        authorisedBy: user.id,
        authorisedAt: now,
        authorisationComment: dto.comment ?? null,
      });
      Object.assign(pending, {
        status,
        authorisedBy: user.id,
        authorisedAt: now,
        authorisationComment: dto.comment ?? null,
      });
      await this.transitions.settleAuthorisation(manager, contactId, dto.approve, pending.outcome, now);
      const contact = await this.transitions.forDecision(manager, contactId);
      const inForce = dto.approve ? await this.putIntoForce.apply(manager, pending, contact, now) : undefined;

      this.journal.write(
        manager,
        user,
        [
          {
            action: dto.approve ? 'DECISION_APPROVED' : 'DECISION_REJECTED',
            entityType: 'contact',
            entityId: contactId,
            details: { decisionId: pending.id, outcome: pending.outcome },
          },
          ...(inForce?.audit ?? []),
        ],
        decisionLiveChanges('contact.authorised', contactId, inForce),
      );
      const [out] = await decisionDtos(manager, [pending]);
      return {
        decision: out,
        status: contact.status,
        ...inForceAnswer(inForce),
      };
    });
  }
}
