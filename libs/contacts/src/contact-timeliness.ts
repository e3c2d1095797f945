import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { POLICIES, timelinessAt, type Policies } from '@app/core';
import { TimedSources, type TimedSource } from '@app/live';

// an open contact's timeliness changes with the clock (ON_TRACK -> DUE_SOON -> OVERDUE);
// contact.next_transition_at says when, and is null once nothing more will change
@Injectable()
export class ContactTimeliness implements TimedSource, OnModuleInit {
  readonly views = ['screening', 'authorisation'] as const satisfies TimedSource['views'];

  constructor(
    private readonly sources: TimedSources,
    @Inject(POLICIES) private readonly policies: Policies,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  nextTransitionAt(now: Date, receivedAt: Date, dueAt: Date): Date | null {
    return timelinessAt(now, receivedAt, dueAt, this.policies.rag.dueSoonFraction).nextTransitionAt;
  }

  // the contacts whose transition time has come (on ix_contact_next_transition); locked so a
  // second ticker, during a hand-over, skips them rather than announcing them twice
  async takeDue(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const due = (await manager.query(
      `select id, received_at, decision_due_at from contact
        where next_transition_at <= $1
          and status in ('RECEIVED', 'IN_SCREENING', 'AWAITING_AUTHORISATION')
        order by next_transition_at
        limit $2
        for update skip locked`,
      [now, limit],
    )) as { id: string; received_at: Date; decision_due_at: Date }[];
    for (const row of due) {
      await manager.query('update contact set next_transition_at = $2 where id = $1', [
        row.id,
        this.nextTransitionAt(now, row.received_at, row.decision_due_at),
      ]);
    }
    return due.map((r) => r.id);
  }
}
