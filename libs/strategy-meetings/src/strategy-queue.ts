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
  icpc_clock_from: Date | null;
  icpc_due_at: Date | null;
}

const SELECT = `
  select s.id, c.reference, ch.first_name, ch.last_name, c.rag, s.status, s.created_at, s.due_at, s.scheduled_for,
         s.started_by, s.icpc_clock_from, s.icpc_due_at
    from strategy_discussion s
    join contact c on c.id = s.contact_id
    join child ch on ch.id = c.child_id
   where (s.status <> 'HELD' or s.icpc_due_at is not null)`;

// strategy discussions not yet held, with their contact's RAG: due 1 working day after the
// decision (ix_strategy_discussion_open); and, decision 0023, held ones whose s47 enquiry awaits
// its ICPC, due at the end of the ICPC target day (ix_strategy_discussion_icpc_due)
const ORDER = `c.rag_rank, coalesce(s.icpc_due_at, s.due_at), s.id`;

@Injectable()
export class StrategyQueue extends TimedSqlQueueView<Row> {
  readonly name = 'strategy' as const;
  readonly roles = ['SCREENER', 'MANAGER'] as const;
  readonly entity = 'strategy_discussion';
  protected readonly select = SELECT;
  protected readonly idColumn = 's.id';
  protected readonly orderBy = ORDER;

  // an awaited ICPC's clock runs from the s47 start to the end of its target day
  protected readonly transitions = {
    table: 'strategy_discussion',
    startAt: 'coalesce(icpc_clock_from, created_at)',
    dueAt: 'coalesce(icpc_due_at, due_at)',
  };

  protected item(row: Row, now: Date): QueueItem {
    if (row.icpc_clock_from && row.icpc_due_at)
      return this.icpcItem(row, row.icpc_clock_from, row.icpc_due_at, now);
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

  // held, its s47 enquiry awaiting the initial child protection conference
  private icpcItem(row: Row, from: Date, dueAt: Date, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'STRATEGY_DISCUSSION',
      reference: row.reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: row.created_at.toISOString(),
      dueAt: dueAt.toISOString(),
      timeliness: this.timeliness.at(now, from, dueAt).timeliness,
      flags: ['ICPC_DUE'],
    };
  }
}
