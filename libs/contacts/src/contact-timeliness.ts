import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TimelinessClock } from '@app/core';
import { advanceDueTransitions, TimedSources, type TimedSource } from '@app/live';

// an open contact's timeliness changes with the clock (ON_TRACK -> DUE_SOON -> OVERDUE);
// contact.next_transition_at says when, and is null once nothing more will change
@Injectable()
export class ContactTimeliness implements TimedSource, OnModuleInit {
  readonly entity = 'contact';

  constructor(
    private readonly sources: TimedSources,
    private readonly timeliness: TimelinessClock,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  nextTransitionAt(now: Date, receivedAt: Date, dueAt: Date): Date | null {
    return this.timeliness.nextTransitionAt(now, receivedAt, dueAt);
  }

  // the open contacts whose transition time has come (on ix_contact_next_transition)
  takeDue(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const spec = {
      table: 'contact',
      startAt: 'received_at',
      dueAt: 'decision_due_at',
      where: "status in ('RECEIVED', 'IN_SCREENING', 'AWAITING_AUTHORISATION')",
    };
    return advanceDueTransitions(manager, spec, now, limit, this.timeliness);
  }
}
