import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, RequestContext } from '@app/core';
import { LockKey, preparedQuery, preparedStatement } from '@app/database';
import { auditHash, GENESIS_HASH, type HashedContent } from './audit-hash';
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
  // committed rows the sequencer has not chained yet (it does within about a second): not breaks
  unchained: number;
}

// an audit_entry row as json, for jsonb_to_recordset: written unchained (decision 0031)
export interface AuditRow {
  occurred_at: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_agency_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  correlation_id: string | null;
  details: AuditDetails;
}

// on the transaction's query runner: it wrote audit rows, so the sequencer is woken after its commit
export const AUDIT_WRITTEN = 'frontdoorAuditWritten';

const AUDIT_COLUMNS =
  'occurred_at, actor_id, actor_role, actor_agency_id, action, entity_type, entity_id, correlation_id, details';

// inserts the AuditRow[] json in parameter `param`, ids in array order; a statement of its own
// or a data-modifying CTE. No lock: the sequencer gives each committed row its chain position
// `when`: a condition of the statement it is part of (the rows are written only if it holds)
export function auditInsertSql(param: string, when?: string): string {
  return `insert into audit_entry (id, ${AUDIT_COLUMNS})
    select nextval('audit_entry_id_seq'), ${AUDIT_COLUMNS} from (select r.* from rows from (jsonb_to_recordset(${param}::jsonb)
      as (occurred_at timestamptz, actor_id uuid, actor_role text, actor_agency_id uuid, action text, entity_type text,
          entity_id text, correlation_id text, details jsonb)) with ordinality as r order by r.ordinality) r${when ? ` where ${when}` : ''}`;
}

const AUDIT_INSERT_SQL = auditInsertSql('$1');

function entriesOf(actor: AuditActor | null, events: AuditEvent | AuditEvent[]) {
  return (Array.isArray(events) ? events : [events]).map((event) => ({ actor, event }));
}

// a row as read back (what its hash covers)
interface StoredRow extends Omit<AuditRow, 'occurred_at'> {
  id: string;
  occurred_at: Date;
}

// a row to chain, with the chain's head
interface PendingRow extends StoredRow {
  head_seq: string;
  head_hash: string | null;
}

const VERIFY_BATCH = 5000;

@Injectable()
export class AuditService {
  private readonly listeners: (() => void)[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  // the rows for these entries, as AUDIT_INSERT_SQL takes them; the transaction is marked so
  // that the sequencer is woken when it commits
  rows(manager: EntityManager, entries: { actor: AuditActor | null; event: AuditEvent }[]): AuditRow[] {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      throw new Error('audit rows are written inside the use case transaction');
    }
    (runner.data as Record<string, unknown>)[AUDIT_WRITTEN] = true;
    return this.rowsOf(entries);
  }

  // the rows, for a statement of their own (no transaction to mark: whoever runs it calls written())
  rowsOf(entries: { actor: AuditActor | null; event: AuditEvent }[]): AuditRow[] {
    const occurredAt = this.clock.now().toISOString();
    const correlationId = RequestContext.correlationId() ?? null;
    return entries.map(({ actor, event }) => ({
      occurred_at: occurredAt,
      actor_id: actor?.id ?? null,
      actor_role: actor?.role ?? null,
      actor_agency_id: actor?.agencyId ?? null,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId ?? null,
      correlation_id: correlationId,
      details: event.details ?? {},
    }));
  }

  // writes inside the caller's transaction, one statement, no lock. Use cases with changes of
  // their own go through the Journal, which writes these with their live events as they commit.
  async record(
    manager: EntityManager,
    actor: AuditActor | null,
    events: AuditEvent | AuditEvent[],
  ): Promise<void> {
    const entries = entriesOf(actor, events);
    if (entries.length === 0) return;
    await preparedQuery(manager, AUDIT_INSERT_SQL, [JSON.stringify(this.rows(manager, entries))]);
  }

  // one use case for callers that have no other change to make (a read of a record): one
  // statement, a transaction of its own
  async recordAlone(actor: AuditActor | null, events: AuditEvent | AuditEvent[]): Promise<void> {
    const entries = entriesOf(actor, events);
    if (entries.length === 0) return;
    await preparedStatement(this.dataSource, AUDIT_INSERT_SQL, [JSON.stringify(this.rowsOf(entries))]);
    this.written();
  }

  // audit rows committed outside a transaction the journal saw (recordAlone, a use case of one
  // statement): the sequencer listens, so it chains them without waiting for its poll
  onWritten(listener: () => void): void {
    this.listeners.push(listener);
  }

  written(): void {
    for (const listener of this.listeners) listener();
  }

  // the sequencer's step (decision 0031): the next `limit` committed unchained rows, in id
  // order, take the chain's next positions and their hashes, in one transaction under the
  // chain lock (a second sequencer waits, then continues from this one's head). The number chained.
  async chainNext(limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const pending = (await preparedQuery(
        manager,
        `select head_seq::text, head_hash, id::text, occurred_at, actor_id, actor_role, actor_agency_id, action,
                entity_type, entity_id, correlation_id, details
           from audit_chain_next($1, $2)`,
        [LockKey.AUDIT_CHAIN, limit],
      )) as PendingRow[];
      if (pending.length === 0) return 0;
      let position = BigInt(pending[0].head_seq);
      let prevHash = pending[0].head_hash ?? GENESIS_HASH;
      const chained = pending.map((row) => {
        position += 1n;
        const hash = auditHash(prevHash, contentOf(row));
        const link = { id: row.id, chain_seq: position.toString(), prev_hash: prevHash, hash };
        prevHash = hash;
        return link;
      });
      const [{ n }] = (await preparedQuery(
        manager,
        `with chained as (
           update audit_entry a set chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash,
                  chained_at = clock_timestamp()
             from jsonb_to_recordset($1::jsonb) as v(id bigint, chain_seq bigint, prev_hash text, hash text)
            where a.id = v.id and a.chain_seq is null
           returning a.id)
         select count(*)::int as n from chained`,
        [JSON.stringify(chained)],
      )) as { n: number }[];
      // under the lock no other sequencer can have chained them: anything else is a fault
      if (n !== chained.length) throw new Error(`audit chain: ${n} of ${chained.length} rows chained`);
      return n;
    });
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

  // walks the whole chain in chain order, recomputing every hash; rows not chained yet are
  // counted apart, not as breaks
  async verify(actor: AuditActor): Promise<VerifyResult> {
    let checked = 0;
    let prevHash = GENESIS_HASH;
    let after = '0';
    let expectedSeq = 1n;
    const [{ unchained }] = (await this.dataSource.query(
      `select count(*)::int as unchained from audit_entry where chain_seq is null`,
    )) as { unchained: number }[];
    const broken = async (id: string): Promise<VerifyResult> => {
      const result = { ok: false, checked, firstBrokenId: id, unchained };
      await this.recordAlone(actor, { action: 'AUDIT_VERIFIED', entityType: 'audit', details: result });
      return result;
    };
    while (true) {
      const batch = (await this.dataSource.query(
        `select chain_seq::text, id::text, occurred_at, actor_id, actor_role, actor_agency_id, action, entity_type,
                entity_id, correlation_id, details, prev_hash, hash
           from audit_entry where chain_seq > $1 order by audit_entry.chain_seq limit $2`,
        [after, VERIFY_BATCH],
      )) as (StoredRow & { chain_seq: string; prev_hash: string; hash: string })[];
      for (const row of batch) {
        // a position missing is a removed row, as a hash that does not follow is an edited one
        if (BigInt(row.chain_seq) !== expectedSeq) return broken(row.id);
        const expected = auditHash(prevHash, contentOf(row));
        if (row.prev_hash !== prevHash || row.hash !== expected) return broken(row.id);
        prevHash = row.hash;
        checked += 1;
        expectedSeq += 1n;
      }
      if (batch.length < VERIFY_BATCH) break;
      after = batch[batch.length - 1].chain_seq;
    }
    const result = { ok: true, checked, unchained };
    await this.recordAlone(actor, { action: 'AUDIT_VERIFIED', entityType: 'audit', details: result });
    return result;
  }
}

// what a row's hash covers, as read back from audit_entry
function contentOf(row: StoredRow): HashedContent {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorAgencyId: row.actor_agency_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    correlationId: row.correlation_id,
    details: row.details,
  };
}
