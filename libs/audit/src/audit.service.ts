import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, RequestContext } from '@app/core';
import { LockKey } from '@app/database';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { AuditEntryEntity, type AuditDetails } from './entities/audit-entry.entity';

export interface AuditActor {
  id: string;
  role: string;
  agencyId: string;
}

export interface AuditEvent {
  // what happened, in the past tense of the domain: CONTACT_CREATED, CONTACT_VIEWED
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: AuditDetails;
}

export interface AuditFilter {
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  before?: string;
  limit: number;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId?: string;
}

export interface JournalHead {
  prev: string;
  ids: string[];
}

// an audit_entry row as json, for jsonb_to_recordset
export interface AuditRow {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_agency_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  correlation_id: string | null;
  details: AuditDetails;
  prev_hash: string;
  hash: string;
}

const AUDIT_COLUMNS =
  'id, occurred_at, actor_id, actor_role, actor_agency_id, action, entity_type, entity_id, correlation_id, details, prev_hash, hash';

// inserts the AuditRow[] json in parameter `param`; a statement of its own or a data-modifying CTE
export function auditInsertSql(param: string): string {
  return `insert into audit_entry (${AUDIT_COLUMNS})
    select ${AUDIT_COLUMNS} from jsonb_to_recordset(${param}::jsonb) as r(id bigint, occurred_at timestamptz,
      actor_id uuid, actor_role text, actor_agency_id uuid, action text, entity_type text, entity_id text,
      correlation_id text, details jsonb, prev_hash text, hash text)`;
}

const VERIFY_BATCH = 5000;

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  // takes the journal lock (held to commit, so chain order is commit order) and reads the
  // chain's head and the ids for `n` rows, in one round trip
  async head(manager: EntityManager, n: number): Promise<JournalHead> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('audit rows are written inside the use case transaction');
    }
    const [head] = (await manager.query('select prev, ids from journal_head($1, $2)', [
      LockKey.AUDIT_JOURNAL,
      n,
    ])) as {
      prev: string | null;
      ids: string[];
    }[];
    return { prev: head.prev ?? GENESIS_HASH, ids: head.ids };
  }

  // the rows that continue the chain from `head`, hashed, as the json AUDIT_INSERT_SQL takes
  chain(head: JournalHead, entries: { actor: AuditActor | null; event: AuditEvent }[]): AuditRow[] {
    const occurredAt = this.clock.now();
    const correlationId = RequestContext.correlationId() ?? null;
    let prevHash = head.prev;
    return entries.map(({ actor, event }, i) => {
      const content = {
        id: head.ids[i],
        occurredAt,
        actorId: actor?.id ?? null,
        actorRole: actor?.role ?? null,
        actorAgencyId: actor?.agencyId ?? null,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId ?? null,
        correlationId,
        details: event.details ?? {},
      };
      const hash = auditHash(prevHash, content);
      const row: AuditRow = {
        id: content.id,
        occurred_at: occurredAt.toISOString(),
        actor_id: content.actorId,
        actor_role: content.actorRole,
        actor_agency_id: content.actorAgencyId,
        action: content.action,
        entity_type: content.entityType,
        entity_id: content.entityId,
        correlation_id: correlationId,
        details: content.details,
        prev_hash: prevHash,
        hash,
      };
      prevHash = hash;
      return row;
    });
  }

  // writes inside the caller's transaction (READ COMMITTED, the default), holding the journal
  // lock to commit: call it last in a use case. Use cases with changes of their own go through
  // the Journal, which does this as the transaction commits.
  async record(
    manager: EntityManager,
    actor: AuditActor | null,
    events: AuditEvent | AuditEvent[],
  ): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    const head = await this.head(manager, list.length);
    const rows = this.chain(
      head,
      list.map((event) => ({ actor, event })),
    );
    await manager.query(auditInsertSql('$1'), [JSON.stringify(rows)]);
  }

  // one use case for callers that have no other change to make (a read of a record)
  async recordAlone(actor: AuditActor | null, events: AuditEvent | AuditEvent[]): Promise<void> {
    await this.dataSource.transaction((manager) => this.record(manager, actor, events));
  }

  async search(
    actor: AuditActor,
    filter: AuditFilter,
  ): Promise<{ items: AuditEntryEntity[]; nextBefore?: string }> {
    return this.dataSource.transaction(async (manager) => {
      const query = manager
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('a')
        .orderBy('a.id', 'DESC')
        .limit(filter.limit + 1);
      if (filter.entityId) query.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
      if (filter.actorId) query.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
      if (filter.from) query.andWhere('a.occurred_at >= :from', { from: filter.from });
      if (filter.to) query.andWhere('a.occurred_at < :to', { to: filter.to });
      if (filter.before) query.andWhere('a.id < :before', { before: filter.before });
      const found = await query.getMany();
      const items = found.slice(0, filter.limit);
      // reading the trail is itself worth a line in it: it shows who looked at whose records
      await this.record(manager, actor, {
        action: 'AUDIT_SEARCHED',
        entityType: 'audit',
        entityId: filter.entityId ?? null,
        details: { actorFilter: filter.actorId ?? null, returned: items.length },
      });
      return { items, nextBefore: found.length > filter.limit ? items[items.length - 1].id : undefined };
    });
  }

  // walks the whole chain in id order, recomputing every hash
  async verify(actor: AuditActor): Promise<VerifyResult> {
    let checked = 0;
    let prevHash = GENESIS_HASH;
    let after = '0';
    const repo = this.dataSource.getRepository(AuditEntryEntity);
    while (true) {
      const batch = await repo
        .createQueryBuilder('a')
        .where('a.id > :after', { after })
        .orderBy('a.id', 'ASC')
        .limit(VERIFY_BATCH)
        .getMany();
      for (const row of batch) {
        const expected = auditHash(prevHash, row);
        if (row.prevHash !== prevHash || row.hash !== expected) {
          await this.recordAlone(actor, {
            action: 'AUDIT_VERIFIED',
            entityType: 'audit',
            details: { ok: false, checked, firstBrokenId: row.id },
          });
          return { ok: false, checked, firstBrokenId: row.id };
        }
        prevHash = row.hash;
        checked += 1;
      }
      if (batch.length < VERIFY_BATCH) break;
      after = batch[batch.length - 1].id;
    }
    await this.recordAlone(actor, {
      action: 'AUDIT_VERIFIED',
      entityType: 'audit',
      details: { ok: true, checked },
    });
    return { ok: true, checked };
  }
}
