import { randomUUID } from 'node:crypto';
import { Journal } from '@app/live';
import { createTestApp, type TestApp } from '../support/test-app';

// the Journal writes a transaction's audit rows and live events as it commits (decision 0010)
describe('journal (written as the transaction commits)', () => {
  let t: TestApp;
  let journal: Journal;
  const actor = { id: randomUUID(), role: 'SCREENER', agencyId: randomUUID() };

  beforeAll(async () => {
    t = await createTestApp();
    journal = t.app.get(Journal);
  });
  afterAll(() => t.close());

  async function rowsFor(
    entityId: string,
  ): Promise<{ audit: { id: string; action: string }[]; events: string[] }> {
    const audit = (await t.dataSource.query(
      `select id::text, action from audit_entry where entity_id = $1 order by id`,
      [entityId],
    )) as { id: string; action: string }[];
    const events = (
      (await t.dataSource.query(`select seq::text from live_event where payload->>'id' = $1 order by seq`, [
        entityId,
      ])) as {
        seq: string;
      }[]
    ).map((r) => r.seq);
    return { audit, events };
  }

  it('should write nothing when the use case fails after journaling', async () => {
    const id = randomUUID();
    await expect(
      t.dataSource.transaction(async (manager) => {
        journal.write(manager, actor, { action: 'TEST_WRITTEN', entityType: 'contact', entityId: id }, [
          { type: 'test.written', entity: 'contact', id },
        ]);
        throw new Error('the use case failed after journaling');
      }),
    ).rejects.toThrow('the use case failed after journaling');
    expect(await rowsFor(id)).toEqual({ audit: [], events: [] });
  });

  it('should write every entry of a transaction once, in the order written, when it commits', async () => {
    const id = randomUUID();
    await t.dataSource.transaction(async (manager) => {
      journal.write(manager, actor, { action: 'TEST_FIRST', entityType: 'contact', entityId: id }, [
        { type: 'test.first', entity: 'contact', id },
      ]);
      // nothing is written before the commit
      const [{ n }] = (await manager.query(
        `select count(*)::int as n from audit_entry where entity_id = $1`,
        [id],
      )) as {
        n: number;
      }[];
      expect(n).toBe(0);
      journal.write(manager, actor, { action: 'TEST_SECOND', entityType: 'contact', entityId: id }, [
        { type: 'test.second', entity: 'contact', id },
      ]);
    });
    const { audit, events } = await rowsFor(id);
    expect(audit.map((a) => a.action)).toEqual(['TEST_FIRST', 'TEST_SECOND']);
    expect(BigInt(audit[1].id) - BigInt(audit[0].id)).toBe(1n);
    expect(events).toHaveLength(2);
    expect(BigInt(events[1]) - BigInt(events[0])).toBe(1n);
  });

  it('should refuse a journal entry outside a transaction, and one with no audit event', async () => {
    expect(() =>
      journal.write(t.dataSource.manager, actor, {
        action: 'TEST_LOOSE',
        entityType: 'contact',
        entityId: randomUUID(),
      }),
    ).toThrow(/inside the use case transaction/);
    await t.dataSource.transaction(async (manager) => {
      expect(() => journal.write(manager, actor, [])).toThrow(/needs an audit event/);
    });
  });

  it('should keep audit order and event order equal to commit order under concurrent writers', async () => {
    const ids = Array.from({ length: 30 }, () => randomUUID());
    await Promise.all(
      ids.map((id) =>
        t.dataSource.transaction(async (manager) => {
          // some use-case work of varying length before the journal
          await manager.query('select pg_sleep($1)', [Math.random() / 100]);
          journal.write(manager, actor, { action: 'TEST_RACED', entityType: 'contact', entityId: id }, [
            { type: 'test.raced', entity: 'contact', id },
          ]);
        }),
      ),
    );
    const rows = (await t.dataSource.query(
      `select a.entity_id, a.id::text as audit_id, e.seq::text as seq
         from audit_entry a join live_event e on e.payload->>'id' = a.entity_id
        where a.entity_id = any($1) order by a.id`,
      [ids],
    )) as { entity_id: string; audit_id: string; seq: string }[];
    expect(rows).toHaveLength(ids.length);
    const seqs = rows.map((r) => BigInt(r.seq));
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    const verify = await t
      .http()
      .get('/api/audit/verify')
      .set({ authorization: `Bearer ${await t.login('manager@mach.example')}` });
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
  });
});
