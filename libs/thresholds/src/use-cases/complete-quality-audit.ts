import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import {
  Clock,
  DomainError,
  ErrorCode,
  QUALITY_POLICY,
  TimelinessClock,
  WorkingCalendar,
  type QualityPolicySchema,
} from '@app/core';
import { Journal } from '@app/live';
import type { CompleteAuditDto, QualityAuditDto } from '../dto/quality-audit.dto';
import { auditDto } from '../quality-audits/quality-audit-view';
import { auditById, auditToAnswer, recordAnswer } from '../quality-audits/quality-audits.repository';

export interface CompleteQualityAuditCommand extends CompleteAuditDto {
  auditId: string;
}

// issue 21 item 3: a manager who did not make the decision answers its audit, once. A NO on a
// child still open puts the contact back before a manager: a flag on the authorisation queue
// until one records what was done (ResolveAuditConcern).
@Injectable()
export class CompleteQualityAudit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly timeliness: TimelinessClock,
    @Inject(QUALITY_POLICY) private readonly quality: QualityPolicySchema,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { auditId, ...answer }: CompleteQualityAuditCommand,
  ): Promise<QualityAuditDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const audit = await auditToAnswer(manager, auditId, this.quality.boomerang.outcomes);
      if (!audit) throw DomainError.notFound('quality audit');
      if (audit.decided_by === user.id)
        throw DomainError.forbidden('Another manager audits your decisions: you cannot audit your own.');
      if (audit.status !== 'OPEN')
        throw new DomainError(ErrorCode.STALE_STATE, `This audit is ${audit.status.toLowerCase()} already.`);
      const concern = answer.thresholdCorrect === 'NO' && audit.child_open;
      const concernDueAt = concern
        ? this.calendar.addWorkingDays(now, this.quality.audits.concernDueWorkingDays)
        : null;
      const wrote = await recordAnswer(manager, auditId, {
        auditedBy: user.id,
        auditedAt: now,
        thresholdCorrect: answer.thresholdCorrect,
        grade: answer.grade,
        findings: answer.findings,
        actions: answer.actions ?? null,
        concernDueAt,
        nextTransitionAt: concernDueAt ? this.timeliness.nextTransitionAt(now, now, concernDueAt) : null,
      });
      // the lock above makes this a formality; it stays the statement that settles the race
      if (!wrote)
        throw new DomainError(ErrorCode.STALE_STATE, 'This audit was answered first by someone else.');
      this.journal.write(
        manager,
        user,
        {
          action: 'QUALITY_AUDIT_COMPLETED',
          entityType: 'contact',
          entityId: audit.contact_id,
          details: {
            auditId,
            thresholdCorrect: answer.thresholdCorrect,
            grade: answer.grade,
            concernRaised: concern,
          },
        },
        [
          { type: 'quality-audit.completed', entity: 'quality_audit', id: auditId },
          ...(concern ? [{ type: 'quality-audit.concern', entity: 'contact', id: audit.contact_id }] : []),
        ],
      );
      const row = await auditById(manager, auditId);
      return auditDto(row!, user, now, this.timeliness);
    });
  }
}
