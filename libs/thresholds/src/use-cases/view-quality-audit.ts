import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, TimelinessClock } from '@app/core';
import { Journal } from '@app/live';
import type { QualityAuditDto } from '../dto/quality-audit.dto';
import { auditDto } from '../quality-audits/quality-audit-view';
import { auditById } from '../quality-audits/quality-audits.repository';

export interface ViewQualityAuditCommand {
  auditId: string;
}

// GET /api/quality-audits/:id: a manager's, or the decider's own (a screener sees no one
// else's: 404). It names a child: audited.
@Injectable()
export class ViewQualityAudit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly timeliness: TimelinessClock,
  ) {}

  async execute(user: AuthenticatedUser, { auditId }: ViewQualityAuditCommand): Promise<QualityAuditDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const row = await auditById(manager, auditId);
      if (!row || (user.role !== 'MANAGER' && row.decided_by !== user.id))
        throw DomainError.notFound('quality audit');
      this.journal.write(manager, user, {
        action: 'QUALITY_AUDIT_VIEWED',
        entityType: 'contact',
        entityId: row.contact_id,
        details: { auditId },
      });
      return auditDto(row, user, now, this.timeliness);
    });
  }
}
