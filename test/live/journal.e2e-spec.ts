import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { LockKey } from '@app/database';
import { Journal, Sequencer } from '@app/live';
import { createContact } from '../support/contacts';
import { connectLive, record, subscribe, waitFor } from '../support/live-client';
import { createTestApp, type TestApp } from '../support/test-app';

// the Journal writes a transaction's audit rows and live events as it commits, unchained and
// unsequenced, holding no lock; the sequencer chains and sequences them after (decision 0031)
describe('journal and sequencer (issue 20)', () => {
  let t: TestApp;
  let journal: Journal;
  let manager: string;
  let screener: string;
  const sockets: Socket[] = [];
  const actor = { id: randomUUID(), role: 'SCREENER', agencyId: randomUUID() };

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    journal = t.app.get(Journal);
    [manager, screener] = await Promise.all([
      t.login('manager@mach.example'),
      t.login('screener@mach.example'),
    ]);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => t.close());

  const client = async (): Promise<Client> => {
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    return c;
  };
  const live = async (token = screener) => {
    const socket = await connectLive(t.url, token);
    sockets.push(socket);
    return socket;
  };
  const writeOne = (id: string, action = 'TEST_WRITTEN') =>
    t.dataSource.transaction(async (m) => {
      journal.write(m, actor, { action, entityType: 'contact', entityId: id }, [
        { type: 'test.written', entity: 'contact', id },
      ]);
    });
  const verify = async () =>
    (await t.http().get('/api/audit/verify').set('authorization', `Bearer ${manager}`).expect(200)).body as {
      ok: boolean;
      checked: number;
      unchained: number;
      firstBrokenId?: string;
    };
  const rowsFor = async (entityIds: string[]) => ({
    audit: (await t.dataSource.query(
      `select entity_id, action, id::text, chain_seq::text, hash from audit_entry
        where entity_id = any($1) order by audit_entry.id`,
      [entityIds],
    )) as { entity_id: string; action: string; id: string; chain_seq: string | null; hash: string | null }[],
    events: (await t.dataSource.query(
      `select ref->>'id' as entity_id, type, id::text, seq::text, payload from live_event
        where ref->>'id' = any($1) order by live_event.id`,
      [entityIds],
    )) as { entity_id: string; type: string; id: string; seq: string | null; payload: unknown }[],
  });
  const wholeChain = async () => {
    const [row] = (await t.dataSource.query(
      `select count(*)::int as rows, count(chain_seq)::int as chained, count(distinct chain_seq)::int as places,
              coalesce(max(chain_seq), 0)::int as last
         from audit_entry`,
    )) as { rows: number; chained: number; places: number; last: number }[];
    return row;
  };
  const wholeSeq = async () => {
    const [row] = (await t.dataSource.query(
      `select count(*)::int as rows, count(seq)::int as sequenced, count(distinct seq)::int as places,
              coalesce(max(seq), 0)::int as last, coalesce(min(seq), 0)::int as first
         from live_event`,
    )) as { rows: number; sequenced: number; places: number; last: number; first: number }[];
    return row;
  };
  // every row has one place: no gaps, no doubles
  const expectWhole = async (app = t) => {
    await app.sequenced();
    const chain = await wholeChain();
    expect(chain.chained).toBe(chain.rows);
    expect(chain.places).toBe(chain.rows);
    expect(chain.last).toBe(chain.rows);
    const seq = await wholeSeq();
    expect(seq.sequenced).toBe(seq.rows);
    expect(seq.places).toBe(seq.rows);
    if (seq.rows > 0) expect(seq.last - seq.first + 1).toBe(seq.rows);
    const verified = await verify();
    expect(verified).toMatchObject({ ok: true, unchained: 0 });
  };

  it('(c) should leave nothing of a transaction that rolls back after journaling', async () => {
    const id = randomUUID();
    await expect(
      t.dataSource.transaction(async (m) => {
        journal.write(m, actor, { action: 'TEST_WRITTEN', entityType: 'contact', entityId: id }, [
          { type: 'test.written', entity: 'contact', id },
        ]);
        throw new Error('the use case failed after journaling');
      }),
    ).rejects.toThrow('the use case failed after journaling');
    await t.sequenced();
    expect(await rowsFor([id])).toEqual({ audit: [], events: [] });
    await expectWhole();
  });

  it("should write a transaction's entries once, in the order written, and chain and sequence them in that order", async () => {
    const id = randomUUID();
    await t.dataSource.transaction(async (m) => {
      journal.write(m, actor, { action: 'TEST_FIRST', entityType: 'contact', entityId: id }, [
        { type: 'test.first', entity: 'contact', id },
      ]);
      // nothing is written before the commit
      const [{ n }] = (await m.query(`select count(*)::int as n from audit_entry where entity_id = $1`, [
        id,
      ])) as {
        n: number;
      }[];
      expect(n).toBe(0);
      journal.write(m, actor, { action: 'TEST_SECOND', entityType: 'contact', entityId: id }, [
        { type: 'test.second', entity: 'contact', id },
      ]);
    });
    await t.sequenced();
    const { audit, events } = await rowsFor([id]);
    expect(audit.map((a) => a.action)).toEqual(['TEST_FIRST', 'TEST_SECOND']);
    expect(BigInt(audit[1].chain_seq!) - BigInt(audit[0].chain_seq!)).toBe(1n);
    expect(events.map((e) => e.type)).toEqual(['test.first', 'test.second']);
    expect(BigInt(events[1].seq!) - BigInt(events[0].seq!)).toBe(1n);
  });

  it('should refuse a journal entry outside a transaction, and one with no audit event', async () => {
    expect(() =>
      journal.write(t.dataSource.manager, actor, {
        action: 'TEST_LOOSE',
        entityType: 'contact',
        entityId: randomUUID(),
      }),
    ).toThrow(/inside the use case transaction/);
    await t.dataSource.transaction(async (m) => {
      expect(() => journal.write(m, actor, [])).toThrow(/needs an audit event/);
    });
  });

  it('(a) should chain every committed row within a second, with no call to wait for it', async () => {
    const ids = Array.from({ length: 5 }, () => randomUUID());
    const committed = Date.now();
    for (const id of ids) await writeOne(id);
    const deadline = committed + 1000;
    let rows = await rowsFor(ids);
    while (rows.audit.some((a) => !a.hash) || rows.events.some((e) => !e.seq)) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 20));
      rows = await rowsFor(ids);
    }
  });

  it('(a) should report rows not yet chained apart from breaks, and verify them once chained', async () => {
    const hold = await client();
    try {
      // the chain lock held elsewhere: no sequencer can chain until it is let go
      await hold.query('begin');
      await hold.query('select pg_advisory_xact_lock($1)', [LockKey.AUDIT_CHAIN]);
      const ids = Array.from({ length: 3 }, () => randomUUID());
      for (const id of ids) await writeOne(id);
      const waiting = await verify();
      expect(waiting.ok).toBe(true);
      // the three, and the audit row of that verify
      expect(waiting.unchained).toBeGreaterThanOrEqual(3);
      await hold.query('commit');
      await t.sequenced();
      const after = await verify();
      expect(after).toMatchObject({ ok: true, unchained: 0 });
      expect(after.checked).toBeGreaterThanOrEqual(waiting.checked + 3);
    } finally {
      await hold.end();
    }
  });

  it('(b) should let 30 writers commit at once, and keep one chain and one strictly increasing seq', async () => {
    const ids = Array.from({ length: 30 }, () => randomUUID());
    await Promise.all(
      ids.map((id) =>
        t.dataSource.transaction(async (m) => {
          // some use-case work of varying length before the journal
          await m.query('select pg_sleep($1)', [Math.random() / 100]);
          journal.write(m, actor, { action: 'TEST_RACED', entityType: 'contact', entityId: id }, [
            { type: 'test.raced', entity: 'contact', id },
          ]);
        }),
      ),
    );
    await t.sequenced();
    const { audit, events } = await rowsFor(ids);
    expect(audit).toHaveLength(30);
    expect(events).toHaveLength(30);
    await expectWhole();
  });

  it('(b) should never let a resyncing client miss an event whose transaction began first and committed last', async () => {
    const watcher = await live(manager);
    const start = (await subscribe(watcher, 'screening')) as { seq: number };
    const seen = record(watcher);

    // a transaction journals a change and holds it, uncommitted, while others commit
    const late = t.dataSource.createQueryRunner();
    await late.connect();
    const lateContact = await createContact(t, screener);
    await late.startTransaction();
    journal.write(
      late.manager,
      actor,
      { action: 'TEST_LATE', entityType: 'contact', entityId: lateContact.id },
      [{ type: 'test.late', entity: 'contact', id: lateContact.id }],
    );
    await journal.flush(late.manager);

    // three contacts begun after it commit first, without waiting on it (no global lock)
    const early: string[] = [];
    for (let i = 0; i < 3; i += 1) early.push((await createContact(t, screener)).id);
    await t.sequenced();
    // its own event, as it sees it (no one else does yet)
    const [{ lateId }] = (await late.manager.query(
      `select max(id)::text as "lateId" from live_event where seq is null and ref->>'id' = $1`,
      [lateContact.id],
    )) as { lateId: string | null }[];
    expect(lateId).not.toBeNull();
    // it was written before they were, and is not sequenced while it has not committed
    const { events: earlyEvents } = await rowsFor(early);
    expect(earlyEvents.every((e) => BigInt(e.id) > BigInt(lateId!) && e.seq !== null)).toBe(true);
    const mid = await wholeSeq();

    await late.commitTransaction();
    await late.release();
    await t.sequenced();

    const { events: lateEvents } = await rowsFor([lateContact.id]);
    const lateEvent = lateEvents.find((e) => e.type === 'test.late')!;
    // sequenced after every event that committed before it
    expect(Number(lateEvent.seq)).toBeGreaterThan(mid.last);

    // the live subscriber got it, in seq order after the others
    await waitFor(seen, (m) => m.seq === Number(lateEvent.seq), 2000);
    const seqs = seen.map((m) => m.seq);
    seqs.slice(1).forEach((s, i) => expect(s).toBeGreaterThan(seqs[i]));

    // a client that left before any of it and resyncs is replayed every one, the late one too
    const again = await live(manager);
    const replay = (await subscribe(again, 'screening', start.seq)) as {
      events: { seq: number; item: { id: string } }[];
    };
    const replayed = replay.events.map((e) => e.item.id);
    for (const id of [...early, lateContact.id]) expect(replayed).toContain(id);
    expect(replay.events.some((e) => e.seq === Number(lateEvent.seq))).toBe(true);
    await expectWhole();
  });

  describe('(e) the database keeps chained rows as they are', () => {
    const tamper = async (sql: string, params: unknown[] = []) => {
      const c = await client();
      try {
        await c.query(sql, params);
      } finally {
        await c.end();
      }
    };

    it('should refuse to update or delete a chained row, even for the chainer', async () => {
      await writeOne(randomUUID());
      await t.sequenced();
      const [{ id }] = (await t.dataSource.query(
        `select id::text from audit_entry where chain_seq is not null order by chain_seq desc limit 1`,
      )) as { id: string }[];
      await expect(tamper(`update audit_entry set action = 'EDITED' where id = $1`, [id])).rejects.toThrow(
        /append-only/,
      );
      await expect(
        tamper(`update audit_entry set hash = repeat('a', 64) where id = $1`, [id]),
      ).rejects.toThrow(/append-only/);
      await expect(tamper(`delete from audit_entry where id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(
        tamper(
          `begin; select set_config('frontdoor.audit_chain', 'on', true);
           update audit_entry set chain_seq = null, hash = null, prev_hash = null where id = ${Number(id)}`,
        ),
      ).rejects.toThrow(/append-only/);
      expect((await verify()).ok).toBe(true);
    });

    it('should refuse a row inserted with a chain place of its own, and chaining outside the sequencer', async () => {
      await expect(
        tamper(
          `insert into audit_entry (occurred_at, action, entity_type, chain_seq, prev_hash, hash, chained_at)
           values (now(), 'FORGED', 'x', 999999, repeat('0', 64), repeat('1', 64), now())`,
        ),
      ).rejects.toThrow(/inserted unchained/);
      const hold = await client();
      try {
        // an unchained row, held from the sequencer
        await hold.query('begin');
        await hold.query('select pg_advisory_xact_lock($1)', [LockKey.AUDIT_CHAIN]);
        const id = randomUUID();
        await writeOne(id);
        const [{ rowId }] = (await t.dataSource.query(
          `select id::text as "rowId" from audit_entry where entity_id = $1`,
          [id],
        )) as { rowId: string }[];
        // not through audit_chain_next: refused
        await expect(
          tamper(
            `update audit_entry set chain_seq = 999999, prev_hash = repeat('0', 64), hash = repeat('1', 64),
               chained_at = now() where id = $1`,
            [rowId],
          ),
        ).rejects.toThrow(/append-only/);
        // through it (marked as the chainer) but changing what the row says: refused
        await expect(
          tamper(
            `begin; select set_config('frontdoor.audit_chain', 'on', true);
             update audit_entry set action = 'EDITED', chain_seq = 999999, prev_hash = repeat('0', 64),
               hash = repeat('1', 64), chained_at = now() where id = ${Number(rowId)}`,
          ),
        ).rejects.toThrow(/append-only/);
        await hold.query('commit');
      } finally {
        await hold.end();
      }
      await expectWhole();
    });
  });

  // last: it stops this suite's own sequencer
  it('(d) should lose and double nothing when the sequencing instance dies mid-batch: another continues', async () => {
    // the first instance's sequencer is held mid-batch: it has its locks and the batch read, and
    // waits on row locks this test holds on the pending rows
    // this suite's own instance stops sequencing, so that the first is the one held
    await t.app.get(Sequencer).onApplicationShutdown();
    const first = await createTestApp({ databaseUrl: t.databaseUrl });
    const gate = await client();
    const rows = await client();
    let second: TestApp | undefined;
    try {
      await gate.query('begin');
      await gate.query('select pg_advisory_xact_lock($1), pg_advisory_xact_lock($2)', [
        LockKey.AUDIT_CHAIN,
        LockKey.LIVE_SEQUENCE,
      ]);
      const ids = Array.from({ length: 12 }, () => randomUUID());
      const firstJournal = first.app.get(Journal);
      for (const id of ids)
        await first.dataSource.transaction(async (m) => {
          firstJournal.write(m, actor, { action: 'TEST_BATCHED', entityType: 'contact', entityId: id }, [
            { type: 'test.batched', entity: 'contact', id },
          ]);
        });
      await rows.query('begin');
      await rows.query(`select id from live_event where seq is null for update`);
      await rows.query(`select id from audit_entry where chain_seq is null for update`);
      const lockHolders = async () =>
        (
          await rows.query(
            `select pid from pg_locks where locktype = 'advisory' and granted and objid::bigint = any($1::bigint[])`,
            [[LockKey.AUDIT_CHAIN, LockKey.LIVE_SEQUENCE]],
          )
        ).rows as { pid: number }[];
      await gate.query('commit');
      // the first instance's batches now hold the locks, blocked on the row locks
      const deadline = Date.now() + 3000;
      while ((await lockHolders()).length < 2) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 20));
      }
      const holders = await lockHolders();
      // a second instance comes up; its sequencer waits for the locks
      second = await createTestApp({ databaseUrl: t.databaseUrl });
      // the first dies mid-batch: its connections go, its batches roll back
      for (const { pid } of holders) await rows.query('select pg_terminate_backend($1)', [pid]);
      await first.stop();
      await rows.query('rollback');

      // the second continues the chain and the seq, with the first instance gone
      await second.sequenced();
      const { audit, events } = await rowsFor(ids);
      expect(audit).toHaveLength(12);
      expect(audit.every((a) => a.chain_seq !== null)).toBe(true);
      expect(events).toHaveLength(12);
      expect(events.every((e) => e.seq !== null)).toBe(true);
      await expectWhole(second);
    } finally {
      await rows.end().catch(() => undefined);
      await gate.end().catch(() => undefined);
      await first.stop().catch(() => undefined);
      await second?.stop();
    }
  });
});
