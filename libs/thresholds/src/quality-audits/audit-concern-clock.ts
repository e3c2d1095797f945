import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TimelinessClock } from '@app/core';
import { advanceDueTransitions, TimedSources, type TimedSource } from '@app/live';
import { contactsOfAudits } from './quality-audits.repository';

// an audit's concern, from the answer to its due time, on the clock: DUE_SOON and OVERDUE move its
// contact on the authorisation queue when they come, as every queue's items move
// (ix_quality_audit_concern_transition)
const CONCERN_TRANSITIONS = {
  table: 'quality_audit',
  startAt: 'audited_at',
  dueAt: 'concern_due_at',
  where: `status = 'COMPLETED' and concern_due_at is not null and concern_resolved_at is null`,
};

@Injectable()
export class AuditConcernClock implements TimedSource, OnModuleInit {
  readonly entity = 'contact';

  constructor(
    private readonly sources: TimedSources,
    private readonly timeliness: TimelinessClock,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  async takeDue(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const audits = await advanceDueTransitions(manager, CONCERN_TRANSITIONS, now, limit, this.timeliness);
    return contactsOfAudits(manager, audits);
  }
}
