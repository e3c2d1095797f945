import { Injectable } from '@nestjs/common';
import type { RagRating } from '@app/core';
import { TimedSqlQueueView, type QueueItem } from '@app/live';

interface Row {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  rag: RagRating;
  status: string;
  created_at: Date;
  due_at: Date;
  scheduled_for: Date | null;
  started_by: string | null;
}

const SELECT = `
  select s.id, c.reference, ch.first_name, ch.last_name, c.rag, s.status, s.created_at, s.due_at, s.scheduled_for,
         s.started_by
    from strategy_discussion s
    join contact c on c.id = s.contact_id
    join child ch on ch.id = c.child_id
   where s.status <> 'HELD'`;

// strategy discussions not yet held, with their contact's RAG: due 1 working day after the
// decision (ix_strategy_discussion_open)
const ORDER = `c.rag_rank, s.due_at, s.id`;

@Injectable()
export class StrategyQueue extends TimedSqlQueueView<Row> {
  readonly name = 'strategy' as const;
  readonly roles = ['SCREENER', 'MANAGER'] as const;
  readonly entity = 'strategy_discussion';
  protected readonly select = SELECT;
  protected readonly idColumn = 's.id';
  protected readonly orderBy = ORDER;

  protected readonly transitions = { table: 'strategy_discussion', startAt: 'created_at', dueAt: 'due_at' };

  protected item(row: Row, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'STRATEGY_DISCUSSION',
      reference: row.reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: row.created_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      timeliness: this.timeliness.at(now, row.created_at, row.due_at).timeliness,
      flags: [
        ...(row.scheduled_for ? ['SCHEDULED'] : ['NOT_SCHEDULED']),
        ...(row.started_by ? ['ESCALATED'] : []),
      ],
      ...(row.scheduled_for ? { scheduledFor: row.scheduled_for.toISOString() } : {}),
    };
  }
}
