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

const VERIFY_BATCH = 5000;

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  // writes inside the caller's transaction (READ COMMITTED, the default): the lock is
  // held to commit, so chain order is commit order. Call it last in a use case to keep
  // the lock short.
  async record(manager: EntityManager, actor: AuditActor | null, events: AuditEvent | AuditEvent[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('audit rows are written inside the use case transaction');
    }
    await manager.query('select pg_advisory_xact_lock($1)', [LockKey.AUDIT_JOURNAL]);
    // a new statement after the lock: its snapshot sees the previous holder's commit
    const [head] = (await manager.query(
      `select (select hash from audit_entry order by id desc limit 1) as prev,
              array(select nextval('audit_entry_id_seq')::text from generate_series(1, $1::int)) as ids`,
      [list.length],
    )) as { prev: string | null; ids: string[] }[];

    const occurredAt = this.clock.now();
    const correlationId = RequestContext.correlationId() ?? null;
    let prevHash = head.prev ?? GENESIS_HASH;
    const rows: unknown[] = [];
    const values: string[] = [];
    list.forEach((event, i) => {
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
      const base = i * 12;
      values.push(`(${Array.from({ length: 12 }, (_, k) => `$${base + k + 1}`).join(', ')})`);
      rows.push(
        content.id,
        occurredAt,
        content.actorId,
        content.actorRole,
        content.actorAgencyId,
        content.action,
        content.entityType,
        content.entityId,
        correlationId,
        JSON.stringify(content.details),
        prevHash,
        hash,
      );
      prevHash = hash;
    });
    await manager.query(
      `insert into audit_entry (id, occurred_at, actor_id, actor_role, actor_agency_id, action, entity_type,
         entity_id, correlation_id, details, prev_hash, hash) values ${values.join(', ')}`,
      rows,
    );
  }

  // one use case for callers that have no other change to make (a read of a record)
  async recordAlone(actor: AuditActor | null, events: AuditEvent | AuditEvent[]): Promise<void> {
    await this.dataSource.transaction((manager) => this.record(manager, actor, events));
  }

  async search(actor: AuditActor, filter: AuditFilter): Promise<{ items: AuditEntryEntity[]; nextBefore?: string }> {
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
    await this.recordAlone(actor, { action: 'AUDIT_VERIFIED', entityType: 'audit', details: { ok: true, checked } });
    return { ok: true, checked };
  }
}
