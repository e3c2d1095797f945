import { Injectable } from '@nestjs/common';
import { SqlSubmissionSource, type SubmissionItem } from '@app/live';
import { childNamesOf } from './notification-reader';

interface Row {
  id: string;
  police_reference: string;
  child_names: string | null;
  status: string;
  received_at: Date;
  force_agency_id: string;
  triage_outcome: string | null;
}

function item(row: Row): SubmissionItem {
  return {
    id: row.id,
    kind: 'DA_NOTIFICATION',
    reference: row.police_reference,
    childName: row.child_names ?? '',
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    ...(row.triage_outcome ? { outcome: row.triage_outcome } : {}),
  };
}

// a force hears of its notifications' triage status, with the names of the children it
// reported (never the contacts made from them)
@Injectable()
export class NotificationSubmissions extends SqlSubmissionSource<Row> {
  readonly kind = 'DA_NOTIFICATION' as const;
  readonly role = 'POLICE' as const;
  protected readonly select = `
    select id, police_reference, status, received_at, force_agency_id, triage_outcome,
           ${childNamesOf('da_notification')} as child_names
      from da_notification`;
  protected readonly agencyColumn = 'force_agency_id';

  protected item(row: Row): SubmissionItem {
    return item(row);
  }
}
