import { Injectable } from '@nestjs/common';
import { SqlSubmissionSource, type SubmissionItem } from '@app/live';

interface Row {
  id: string;
  reference: string;
  child_name: string;
  status: string;
  received_at: Date;
  origin_agency_id: string;
}

function item(row: Row): SubmissionItem {
  return {
    id: row.id,
    kind: 'CONTACT',
    reference: row.reference,
    childName: row.child_name,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
  };
}

// a partner hears of the status of the contacts its agency made, and the name of the child each
// is about (the partner gave it), nothing more (the outcome it reads over HTTP, in the words the
// referrer is told)
@Injectable()
export class ContactSubmissions extends SqlSubmissionSource<Row> {
  readonly kind = 'CONTACT' as const;
  readonly role = 'PARTNER' as const;
  protected readonly select = `
    select id, reference, status, received_at, origin_agency_id,
           (select ch.first_name || ' ' || ch.last_name from child ch where ch.id = contact.child_id) as child_name
      from contact`;
  protected readonly agencyColumn = 'origin_agency_id';

  protected item(row: Row): SubmissionItem {
    return item(row);
  }
}
