import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SubmissionSources, type SubmissionItem, type SubmissionSource } from '@app/live';

interface Row {
  id: string;
  police_reference: string;
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
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    ...(row.triage_outcome ? { outcome: row.triage_outcome } : {}),
  };
}

// a force hears of its notifications' triage status (never the contacts made from them)
@Injectable()
export class NotificationSubmissions implements SubmissionSource, OnModuleInit {
  readonly kind = 'DA_NOTIFICATION' as const;
  readonly role = 'POLICE' as const;

  constructor(private readonly sources: SubmissionSources) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  async readOne(
    manager: EntityManager,
    id: string,
  ): Promise<{ agencyId: string; item: SubmissionItem } | null> {
    const [row] = (await manager.query(
      'select id, police_reference, status, received_at, force_agency_id, triage_outcome from da_notification where id = $1',
      [id],
    )) as Row[];
    return row ? { agencyId: row.force_agency_id, item: item(row) } : null;
  }

  async list(manager: EntityManager, agencyId: string): Promise<SubmissionItem[]> {
    const rows = (await manager.query(
      `select id, police_reference, status, received_at, force_agency_id, triage_outcome from da_notification
        where force_agency_id = $1 order by received_at desc limit 100`,
      [agencyId],
    )) as Row[];
    return rows.map(item);
  }
}
