import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { Journal } from '@app/live';
import type { AuditDrawDto } from '../dto/quality-audit.dto';
import { drawSample } from '../policy/audit-sample';
import { drawDto } from '../quality-audits/quality-audit-view';
import { decisionsOf, drawById, itemsOfDraw } from '../quality-audits/quality-audits.repository';

export interface ViewAuditDrawCommand {
  drawId: string;
}

// GET /api/quality-audits/draws/:id: the draw with its seed, and whether drawing again from the
// recorded seed and population gives the decisions it first drew (swaps are listed, not hidden)
@Injectable()
export class ViewAuditDraw {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
  ) {}

  async execute(user: AuthenticatedUser, { drawId }: ViewAuditDrawCommand): Promise<AuditDrawDto> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const draw = await drawById(manager, drawId);
      if (!draw) throw DomainError.notFound('quality audit draw');
      const items = await itemsOfDraw(manager, drawId);
      const again = drawSample(draw.seed, await decisionsOf(manager, draw.population), draw.sample);
      const first = items.filter((i) => !i.replaces).map((i) => i.decision_id);
      const reproducible = again.length === first.length && again.every((d, i) => d.decisionId === first[i]);
      this.journal.write(manager, user, {
        action: 'QUALITY_AUDIT_DRAW_VIEWED',
        entityType: 'quality_audit_draw',
        entityId: drawId,
        details: { items: items.length, reproducible },
      });
      return drawDto(draw, items, reproducible);
    });
  }
}
