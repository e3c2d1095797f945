import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SubmissionSources, type SubmissionItem, type SubmissionSource } from '@app/live';

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
export class ContactSubmissions implements SubmissionSource, OnModuleInit {
  readonly kind = 'CONTACT' as const;
  readonly role = 'PARTNER' as const;

  constructor(private readonly sources: SubmissionSources) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  async readOne(
    manager: EntityManager,
    id: string,
  ): Promise<{ agencyId: string; item: SubmissionItem } | null> {
    const [row] = (await manager.query(
      'select id, reference, status, received_at, origin_agency_id from contact where id = $1',
      [id],
    )) as Row[];
    return row ? { agencyId: row.origin_agency_id, item: item(row) } : null;
  }

  async list(manager: EntityManager, agencyId: string): Promise<SubmissionItem[]> {
    const rows = (await manager.query(
      `select id, reference, status, received_at, origin_agency_id from contact
        where origin_agency_id = $1 order by received_at desc limit 100`,
      [agencyId],
    )) as Row[];
    return rows.map(item);
  }
}
