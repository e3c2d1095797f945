import { Injectable } from '@nestjs/common';
import type { RagRating } from '@app/core';
import { TimedSqlQueueView, type QueueItem } from '@app/live';

interface Row {
  id: string;
  contact_id: string;
  reference: string;
  first_name: string;
  last_name: string;
  rag: RagRating;
  status: string;
  drawn_at: Date;
  due_at: Date;
  decided_by: string;
  decided_by_name: string;
  outcome: string;
}

// the open audits of the weekly samples (ix_quality_audit_open), due dueWorkingDays after the draw
const SELECT = `
  select q.id, q.contact_id, c.reference, ch.first_name, ch.last_name, c.rag, q.status, q.drawn_at, q.due_at,
         q.decided_by, u.name as decided_by_name, d.outcome
    from quality_audit q
    join contact c on c.id = q.contact_id
    join child ch on ch.id = c.child_id
    join threshold_decision d on d.id = q.decision_id
    join app_user u on u.id = q.decided_by
   where q.status = 'OPEN'`;

// issue 21 item 3: the managers' queue of drawn decisions to audit. Nobody is shown an audit of
// their own decision (withheldFrom: the list they read and the changes they are sent leave it out).
@Injectable()
export class QualityAuditQueue extends TimedSqlQueueView<Row> {
  readonly name = 'quality-audit' as const;
  readonly roles = ['MANAGER'] as const;
  readonly entity = 'quality_audit';
  protected readonly select = SELECT;
  protected readonly idColumn = 'q.id';
  protected readonly orderBy = 'q.due_at, q.id';
  protected readonly transitions = {
    table: 'quality_audit',
    startAt: 'drawn_at',
    dueAt: 'due_at',
    where: `status = 'OPEN'`,
  };

  withheldFrom(item: QueueItem): string | undefined {
    return item.decidedBy?.id;
  }

  protected item(row: Row, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'QUALITY_AUDIT',
      reference: row.reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: row.drawn_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      timeliness: this.timeliness.at(now, row.drawn_at, row.due_at).timeliness,
      flags: [],
      contactId: row.contact_id,
      decidedBy: { id: row.decided_by, name: row.decided_by_name },
      outcome: row.outcome,
    };
  }
}
