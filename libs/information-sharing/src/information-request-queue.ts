import { Injectable } from '@nestjs/common';
import type { RagRating } from '@app/core';
import { isoTimestamp, TimedSqlQueueView, type QueueItem } from '@app/live';

interface Row {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  rag: RagRating;
  status: string;
  questions: string;
  requested_at: string;
  due_at: string;
  chases: number;
}

// the asked agency's open requests (issue 18 item 2, decision 0029), for its own people only
// (audience 'agency'): RED, AMBER, GREEN, then the soonest due (ix_information_request_agency_open);
// the clock turns them DUE_SOON and OVERDUE like every other queue. A declared read of contact
// and child for the reference and the child's name, which the asked agency is shown anyway.
const SELECT = `
  select r.id, c.reference, ch.first_name, ch.last_name, r.rag, r.status, r.questions,
         ${isoTimestamp('r.requested_at')} as requested_at, ${isoTimestamp('r.due_at')} as due_at,
         (select count(*)::int from information_chase x where x.request_id = r.id) as chases
    from information_request r
    join contact c on c.id = r.contact_id
    join child ch on ch.id = c.child_id
   where r.status = 'OPEN'`;

@Injectable()
export class InformationRequestQueue extends TimedSqlQueueView<Row> {
  readonly name = 'information-requests' as const;
  readonly roles = ['PARTNER', 'POLICE'] as const;
  readonly entity = 'information_request';
  override readonly audience = 'agency' as const;
  protected override readonly agencyColumn = 'r.agency_id';
  protected override readonly agencySql =
    'select id::text, agency_id from information_request where id = any($1)';
  protected readonly select = SELECT;
  protected readonly idColumn = 'r.id';
  protected readonly orderBy = `case r.rag when 'RED' then 0 when 'AMBER' then 1 else 2 end, r.due_at, r.id`;
  protected readonly transitions = {
    table: 'information_request',
    startAt: 'requested_at',
    dueAt: 'due_at',
    where: `status = 'OPEN'`,
  };

  protected item(row: Row, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'INFORMATION_REQUEST',
      reference: row.reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: row.requested_at,
      dueAt: row.due_at,
      timeliness: this.timeliness.at(now, new Date(row.requested_at), new Date(row.due_at)).timeliness,
      flags: row.chases > 0 ? ['CHASED'] : [],
      questions: row.questions,
    };
  }
}
