import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, TimelinessClock } from '@app/core';
import { Journal } from '@app/live';
import type { AuditFeedbackListDto } from '../dto/quality-audit.dto';
import { auditDto } from '../quality-audits/quality-audit-view';
import { feedbackOf } from '../quality-audits/quality-audits.repository';

const MOST = 200;

export type ListAuditFeedbackCommand = Record<string, never>;

// GET /api/quality-audits/feedback: "my feedback", the answered audits of the reader's own
// decisions, newest first. It names children: audited.
@Injectable()
export class ListAuditFeedback {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly timeliness: TimelinessClock,
  ) {}

  async execute(user: AuthenticatedUser, _command: ListAuditFeedbackCommand): Promise<AuditFeedbackListDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const rows = await feedbackOf(manager, user.id, MOST);
      this.journal.write(manager, user, {
        action: 'QUALITY_FEEDBACK_VIEWED',
        entityType: 'quality_audit',
        entityId: null,
        details: { items: rows.length },
      });
      return { items: rows.map((row) => auditDto(row, user, now, this.timeliness)) };
    });
  }
}
