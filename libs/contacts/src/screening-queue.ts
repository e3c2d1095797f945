import { Injectable } from '@nestjs/common';
import type { RagRating } from '@app/core';
import { isoTimestamp, RegisteredSqlQueueView, type QueueItem } from '@app/live';

interface Row {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  rag: RagRating;
  status: string;
  // ISO 8601 UTC, as the api writes them
  received_at: string;
  decision_due_at: string;
  claimed_by: string | null;
  claimed_by_name: string | null;
  prior_contacts_12m: number;
  consent_status: string;
  immediate_risk: boolean;
  unborn: boolean;
  new_information: boolean;
  awaiting_information: boolean;
  information_received: boolean;
  returned_after_nfa: boolean;
}

// flags a screener scans for; a repeat contact is one with an earlier contact in 12 months
export function screeningFlags(
  row: Pick<
    Row,
    | 'prior_contacts_12m'
    | 'consent_status'
    | 'immediate_risk'
    | 'unborn'
    | 'new_information'
    | 'awaiting_information'
    | 'information_received'
    | 'returned_after_nfa'
  >,
): string[] {
  const flags: string[] = [];
  if (row.immediate_risk) flags.push('IMMEDIATE_RISK');
  if (row.prior_contacts_12m >= 1) flags.push('REPEAT_CONTACT');
  if (row.consent_status === 'REFUSED' || row.consent_status === 'NOT_SOUGHT') flags.push('NO_CONSENT');
  if (row.consent_status === 'OVERRIDDEN') flags.push('CONSENT_OVERRIDDEN');
  if (row.unborn) flags.push('UNBORN');
  // decision 0024: the referrer added something no MACH staff member has read yet
  if (row.new_information) flags.push('NEW_INFORMATION');
  // issue 18 (decision 0029): partner agencies asked and not all answered; an answer has come
  if (row.awaiting_information) flags.push('AWAITING_INFORMATION');
  if (row.information_received) flags.push('INFORMATION_RECEIVED');
  // issue 21: the child's earlier contact was closed at the front door within the boomerang window
  if (row.returned_after_nfa) flags.push('RETURNED_AFTER_NFA');
  return flags;
}

const SCREENING_SELECT = `
  select c.id, c.reference, ch.first_name, ch.last_name, c.rag, c.status,
         ${isoTimestamp('c.received_at')} as received_at, ${isoTimestamp('c.decision_due_at')} as decision_due_at,
         c.claimed_by, u.name as claimed_by_name, c.prior_contacts_12m, c.consent_status, c.immediate_risk,
         (ch.date_of_birth is null and ch.expected_date_of_birth is not null) as unborn,
         (c.new_information_since is not null) as new_information,
         exists (select 1 from information_request r where r.contact_id = c.id and r.status = 'OPEN')
           as awaiting_information,
         exists (select 1 from information_request r where r.contact_id = c.id and r.first_response_at is not null)
           as information_received,
         (c.returned_after_contact_id is not null) as returned_after_nfa
    from contact c
    join child ch on ch.id = c.child_id
    left join app_user u on u.id = c.claimed_by
   where c.status in ('RECEIVED', 'IN_SCREENING')`;

// open contacts awaiting a threshold decision: one query on the partial index
// ix_contact_screening_queue (rag_rank, decision_due_at, id), so closed history costs nothing
const SCREENING_ORDER = 'c.rag_rank, c.decision_due_at, c.id';
export const SCREENING_QUEUE_SQL = `${SCREENING_SELECT} order by ${SCREENING_ORDER}`;

@Injectable()
export class ScreeningQueue extends RegisteredSqlQueueView<Row> {
  readonly name = 'screening' as const;
  readonly entity = 'contact';
  readonly roles = ['SCREENER', 'MANAGER'] as const;
  protected readonly select = SCREENING_SELECT;
  protected readonly idColumn = 'c.id';
  protected readonly orderBy = SCREENING_ORDER;

  protected item(row: Row, now: Date): QueueItem {
    return {
      id: row.id,
      kind: 'CONTACT',
      reference: row.reference,
      childName: `${row.first_name} ${row.last_name}`,
      rag: row.rag,
      status: row.status,
      receivedAt: row.received_at,
      dueAt: row.decision_due_at,
      timeliness: this.timeliness.at(now, new Date(row.received_at), new Date(row.decision_due_at))
        .timeliness,
      ...(row.claimed_by ? { claimedBy: { id: row.claimed_by, name: row.claimed_by_name ?? '' } } : {}),
      flags: screeningFlags(row),
    };
  }
}
