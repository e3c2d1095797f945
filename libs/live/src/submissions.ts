import { preparedQuery } from '@app/database';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '@app/access';

// what a police force or partner agency sees of something it sent: its status, not the
// social care detail (API.md: a partner sees only status and outcome), and the name of the
// child it is about, which the sender gave (issue 15; SubmissionItemDto documents it)
export interface SubmissionItem {
  id: string;
  kind: 'CONTACT' | 'DA_NOTIFICATION';
  reference: string;
  // a contact's child "First Last"; a DA notification's children, ", " between them
  childName: string;
  status: string;
  receivedAt: string;
  // a DA notification's triage outcome; a contact's outcome as its referrer was told it
  outcome?: string;
  // a contact's: who was told the outcome, and when
  acknowledgement?: {
    recipient: { name: string; organisation?: string };
    outcome: string;
    recordedAt: string;
  };
}

// who may hear of it: users of this role in this agency
export interface SubmissionAudience {
  agencyId: string;
  role: Role;
}

export interface SubmissionSource {
  readonly kind: SubmissionItem['kind'];
  // the role whose agency sends these (PARTNER: contacts; POLICE: DA notifications)
  readonly role: Role;
  // these, by id, in one read (the sequencer's)
  readMany(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, { agencyId: string; item: SubmissionItem }>>;
  // the agency's recent submissions, newest first
  list(manager: EntityManager, agencyId: string): Promise<SubmissionItem[]>;
}

@Injectable()
export class SubmissionSources {
  private readonly sources = new Map<SubmissionItem['kind'], SubmissionSource>();

  register(source: SubmissionSource): void {
    this.sources.set(source.kind, source);
  }

  get(kind: SubmissionItem['kind']): SubmissionSource | undefined {
    return this.sources.get(kind);
  }

  forRole(role: Role): SubmissionSource[] {
    return [...this.sources.values()].filter((s) => s.role === role);
  }
}

// a submission source read by one select: an agency's recent submissions, or one of them
@Injectable()
export abstract class SqlSubmissionSource<Row> implements SubmissionSource, OnModuleInit {
  abstract readonly kind: SubmissionItem['kind'];
  abstract readonly role: Role;
  // a select of the row's columns from its table, with no where clause
  protected abstract readonly select: string;
  // the column naming the agency that sent it
  protected abstract readonly agencyColumn: string;
  protected abstract item(row: Row): SubmissionItem;

  constructor(private readonly sources: SubmissionSources) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  async readMany(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, { agencyId: string; item: SubmissionItem }>> {
    if (ids.length === 0) return new Map();
    const rows = await preparedQuery<Row & Record<string, unknown> & { live_ref_id: string }>(
      manager,
      `select id::text as live_ref_id, s.* from (${this.select} where id = any($1)) s`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.live_ref_id,
        { agencyId: String(row[this.agencyColumn]), item: this.item(row) },
      ]),
    );
  }

  // newest first, the last hundred
  async list(manager: EntityManager, agencyId: string): Promise<SubmissionItem[]> {
    const rows = (await manager.query(
      `${this.select} where ${this.agencyColumn} = $1 order by received_at desc limit 100`,
      [agencyId],
    )) as Row[];
    return rows.map((row) => this.item(row));
  }
}
