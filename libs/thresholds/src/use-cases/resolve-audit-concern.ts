import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode, TimelinessClock } from '@app/core';
import { Journal } from '@app/live';
import type { QualityAuditDto, ResolveConcernDto } from '../dto/quality-audit.dto';
import { auditDto } from '../quality-audits/quality-audit-view';
import { auditById, auditOwner, recordConcernResolved } from '../quality-audits/quality-audits.repository';

export interface ResolveAuditConcernCommand extends ResolveConcernDto {
  auditId: string;
}

// issue 21 item 3: a manager records what was done about an audit's NO on a child still open;
// the contact leaves the authorisation queue. Once.
@Injectable()
export class ResolveAuditConcern {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly timeliness: TimelinessClock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { auditId, comment }: ResolveAuditConcernCommand,
  ): Promise<QualityAuditDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const owner = await auditOwner(manager, auditId);
      if (!owner) throw DomainError.notFound('quality audit');
      if (owner.decided_by === user.id)
        throw DomainError.forbidden('Another manager deals with a concern about your own decision.');
      const resolved = await recordConcernResolved(manager, auditId, { by: user.id, at: now, comment });
      if (!resolved)
        throw new DomainError(ErrorCode.STALE_STATE, 'This audit has no concern waiting for a manager.');
      this.journal.write(
        manager,
        user,
        {
          action: 'QUALITY_AUDIT_CONCERN_RESOLVED',
          entityType: 'contact',
          entityId: resolved.contact_id,
          details: { auditId },
        },
        [{ type: 'quality-audit.concern-resolved', entity: 'contact', id: resolved.contact_id }],
      );
      const row = await auditById(manager, auditId);
      return auditDto(row!, user, now, this.timeliness);
    });
  }
}
