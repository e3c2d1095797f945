import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode, TimelinessClock } from '@app/core';
import { Journal } from '@app/live';
import type { SwapAuditDto, SwapAuditResultDto } from '../dto/quality-audit.dto';
import { nextInOrder } from '../policy/audit-sample';
import { auditDto } from '../quality-audits/quality-audit-view';
import {
  auditById,
  auditOwner,
  decisionsOf,
  drawById,
  insertItems,
  itemsOfDraw,
  recordSwap,
} from '../quality-audits/quality-audits.repository';

export interface SwapQualityAuditCommand extends SwapAuditDto {
  auditId: string;
}

// issue 21 item 5: a drawn decision leaves the sample only with a recorded reason, and the same
// screener's next decision in the draw's seed order takes its place (none when every one of
// theirs that week is drawn). Nobody swaps out their own decision. Swaps of one draw run one at
// a time (the draw's row is locked), so two never take the same replacement.
@Injectable()
export class SwapQualityAudit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly timeliness: TimelinessClock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { auditId, reason }: SwapQualityAuditCommand,
  ): Promise<SwapAuditResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const owner = await auditOwner(manager, auditId);
      if (!owner) throw DomainError.notFound('quality audit');
      if (owner.decided_by === user.id)
        throw DomainError.forbidden('You cannot take your own decision out of the sample.');
      const before = await auditById(manager, auditId);
      const draw = await drawById(manager, before!.draw_id, true);
      if (!(await recordSwap(manager, auditId, { swappedBy: user.id, swappedAt: now, reason })))
        throw new DomainError(ErrorCode.STALE_STATE, `This audit is ${owner.status.toLowerCase()} already.`);
      const items = await itemsOfDraw(manager, draw!.id);
      const population = await decisionsOf(manager, draw!.population);
      const next = nextInOrder(
        draw!.seed,
        population,
        owner.decided_by,
        new Set(items.map((i) => i.decision_id)),
      );
      const [replacementId] = next
        ? await insertItems(
            manager,
            draw!.id,
            {
              drawnAt: draw!.drawn_at,
              dueAt: draw!.due_at,
              nextTransitionAt: this.timeliness.nextTransitionAt(now, draw!.drawn_at, draw!.due_at),
            },
            [
              {
                ...next,
                contactId: population.find((d) => d.decisionId === next.decisionId)!.contactId,
                position: Math.max(...items.map((i) => i.position)) + 1,
                replaces: auditId,
              },
            ],
          )
        : [];
      this.journal.write(
        manager,
        user,
        {
          action: 'QUALITY_AUDIT_SWAPPED',
          entityType: 'quality_audit_draw',
          entityId: draw!.id,
          details: { auditId, replacementId: replacementId ?? null, reason },
        },
        [
          { type: 'quality-audit.swapped', entity: 'quality_audit', id: auditId },
          ...(replacementId
            ? [{ type: 'quality-audit.drawn', entity: 'quality_audit', id: replacementId, created: true }]
            : []),
        ],
      );
      const swapped = await auditById(manager, auditId);
      const replacement = replacementId ? await auditById(manager, replacementId) : null;
      return {
        swapped: auditDto(swapped!, user, now, this.timeliness),
        ...(replacement ? { replacement: auditDto(replacement, user, now, this.timeliness) } : {}),
      };
    });
  }
}
