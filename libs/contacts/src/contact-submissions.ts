import { Injectable } from '@nestjs/common';
import { SqlSubmissionSource, type SubmissionItem } from '@app/live';

interface Row {
  id: string;
  reference: string;
  status: string;
  received_at: Date;
  origin_agency_id: string;
}

function item(row: Row): SubmissionItem {
  return {
    id: row.id,
    kind: 'CONTACT',
    reference: row.reference,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
  };
}

// a partner hears of the status of the contacts its agency made, nothing more (the outcome it
// reads over HTTP, in the words the referrer is told)
@Injectable()
export class ContactSubmissions extends SqlSubmissionSource<Row> {
  readonly kind = 'CONTACT' as const;
  readonly role = 'PARTNER' as const;
  protected readonly select = 'select id, reference, status, received_at, origin_agency_id from contact';
  protected readonly agencyColumn = 'origin_agency_id';

  protected item(row: Row): SubmissionItem {
    return item(row);
  }
}
