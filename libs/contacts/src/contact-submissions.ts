import { Injectable } from '@nestjs/common';
import { SqlSubmissionSource, type SubmissionItem } from '@app/live';

interface Row {
  id: string;
  reference: string;
  child_name: string;
  status: string;
  received_at: Date;
  origin_agency_id: string;
  acknowledgement: NonNullable<SubmissionItem['acknowledgement']> | null;
}

function item(row: Row): SubmissionItem {
  return {
    id: row.id,
    kind: 'CONTACT',
    reference: row.reference,
    childName: row.child_name,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    ...(row.acknowledgement
      ? { outcome: row.acknowledgement.outcome, acknowledgement: row.acknowledgement }
      : {}),
  };
}

// a partner hears of the status of the contacts its agency made, the name of the child each is
// about (the partner gave it) and, once a decision is in force, the outcome as its referrer was
// told it (the acknowledgement): nothing of social care's record. The acknowledgement is a
// declared read of thresholds' decision (its acknowledgement column), the latest one made
@Injectable()
export class ContactSubmissions extends SqlSubmissionSource<Row> {
  readonly kind = 'CONTACT' as const;
  readonly role = 'PARTNER' as const;
  protected readonly select = `
    select id, reference, status, received_at, origin_agency_id,
           (select ch.first_name || ' ' || ch.last_name from child ch where ch.id = contact.child_id) as child_name,
           (select d.acknowledgement from threshold_decision d
             where d.contact_id = contact.id and d.acknowledgement is not null
             order by d.decided_at desc limit 1) as acknowledgement
      from contact`;
  protected readonly agencyColumn = 'origin_agency_id';

  protected item(row: Row): SubmissionItem {
    return item(row);
  }
}
