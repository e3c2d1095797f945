import { Injectable } from '@nestjs/common';
import type { RagRating } from '@app/core';
import { TimedSqlQueueView, type QueueItem } from '@app/live';
import { childNamesOf } from './notification-reader';

interface TriageRow {
  id: string;
  police_reference: string;
  child_names: string;
  rag: RagRating;
  status: string;
  received_at: Date;
  triage_due_at: Date;
  suggested_outcome: string;
  marac: boolean;
  force: string;
  risk_tool: string;
  risk_level: string;
}

const TRIAGE_SELECT = `
  select n.id, n.police_reference, n.rag, n.status, n.received_at, n.triage_due_at, n.suggested_outcome, n.marac,
         n.risk_tool, n.risk_level, (select a.name from agency a where a.id = n.force_agency_id) as force,
         ${childNamesOf('n')} as child_names
    from da_notification n
   where n.status = 'AWAITING_TRIAGE'`;

// police notifications awaiting triage, on ix_da_notification_triage_queue: RED when the
// suggestion is URGENT_CONTACT (due in 4 hours), else AMBER (due in 1 working day)
const TRIAGE_ORDER = 'n.rag_rank, n.triage_due_at, n.id';

@Injectable()
export class TriageQueue extends TimedSqlQueueView<TriageRow> {
  readonly name = 'triage' as const;
  readonly roles = ['SCREENER', 'MANAGER'] as const;
  readonly entity = 'da_notification';
  protected readonly select = TRIAGE_SELECT;
  protected readonly idColumn = 'n.id';
  protected readonly orderBy = TRIAGE_ORDER;

  protected readonly transitions = {
    table: 'da_notification',
    startAt: 'received_at',
    dueAt: 'triage_due_at',
  };

  protected item(row: TriageRow, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'DA_NOTIFICATION',
      reference: row.police_reference,
      childName: row.child_names ?? '',
      rag: row.rag,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      dueAt: row.triage_due_at.toISOString(),
      timeliness: this.timeliness.at(now, row.received_at, row.triage_due_at).timeliness,
      flags: [`SUGGESTED_${row.suggested_outcome}`, ...(row.marac ? ['MARAC'] : [])],
      force: row.force,
      riskTool: row.risk_tool,
      riskLevel: row.risk_level,
    };
  }
}

interface EncompassRow {
  id: string;
  notification_id: string;
  police_reference: string;
  first_name: string;
  last_name: string;
  school: string | null;
  rag: RagRating;
  status: string;
  received_at: Date;
  incident_at: Date;
  due_at: Date;
}

const ENCOMPASS_SELECT = `
  select e.id, e.notification_id, n.police_reference, dc.reported->>'firstName' as first_name, dc.reported->>'lastName' as last_name,
         e.school, e.rag, e.status, n.received_at, n.incident_at, e.due_at
    from encompass_notification e
    join da_notification n on n.id = e.notification_id
    join da_notification_child dc on dc.notification_id = e.notification_id and dc.child_id = e.child_id
   where e.status = 'PENDING'`;

// Operation Encompass school notifications not yet sent, soonest due first (ix_encompass_queue);
// the clock runs from the incident, so one the police sent late is overdue on arrival
const ENCOMPASS_ORDER = 'e.due_at, e.id';

@Injectable()
export class EncompassQueue extends TimedSqlQueueView<EncompassRow> {
  readonly name = 'encompass' as const;
  readonly roles = ['SCREENER', 'MANAGER'] as const;
  readonly entity = 'encompass_notification';
  protected readonly select = ENCOMPASS_SELECT;
  protected readonly idColumn = 'e.id';
  protected readonly orderBy = ENCOMPASS_ORDER;

  // the school's clock runs from the incident
  protected readonly transitions = {
    table: 'encompass_notification',
    startAt: '(select incident_at from da_notification n where n.id = notification_id)',
    dueAt: 'due_at',
  };

  protected item(row: EncompassRow, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'ENCOMPASS',
      reference: row.police_reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: row.received_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      timeliness: this.timeliness.at(now, row.incident_at, row.due_at).timeliness,
      flags: [row.school ? 'SCHOOL_NAMED' : 'SCHOOL_TO_FIND'],
      ...(row.school ? { school: row.school } : {}),
      notificationId: row.notification_id,
    };
  }
}
