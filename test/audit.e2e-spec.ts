import { Client } from 'pg';
import { createTestApp, type TestApp } from './support/test-app';

interface AuditItem {
  id: string;
  action: string;
  entityId: string | null;
  correlationId: string | null;
  occurredAt: string;
  actor: { id: string | null; role: string | null };
}

describe('audit trail (append-only, hash-chained)', () => {
  let t: TestApp;
  let manager: string;
  let managerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'manager@mach.example', password: 'demo-password' });
    manager = res.body.accessToken;
    managerId = res.body.user.id;
  });
  afterAll(() => t.close());

  const auth = () => ({ authorization: `Bearer ${manager}` });

  async function sql(text: string): Promise<void> {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  it('should record a sign-in with its actor and the request correlation id', async () => {
    const login = await t
      .http()
      .post('/api/auth/login')
      .set('x-correlation-id', 'audit-test-1')
      .send({ email: 'screener@mach.example', password: 'demo-password' })
      .expect(200);
    const res = await t.http().get(`/api/audit?entityId=${login.body.user.id}`).set(auth()).expect(200);
    expect(res.body.items[0]).toMatchObject({
      action: 'LOGIN_SUCCEEDED',
      entityType: 'user',
      entityId: login.body.user.id,
      correlationId: 'audit-test-1',
      actor: { id: login.body.user.id, role: 'SCREENER' },
    });
  });

  it('should filter by actor and by time window', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const res = await t.http().get(`/api/audit?actorId=${managerId}&from=${before}`).set(auth()).expect(200);
    const items = res.body.items as AuditItem[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.actor.id === managerId)).toBe(true);
    const future = new Date(Date.now() + 3600_000).toISOString();
    const none = await t.http().get(`/api/audit?from=${future}`).set(auth()).expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('should page backwards through the trail when given nextBefore', async () => {
    const first = await t.http().get('/api/audit?limit=2').set(auth()).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextBefore).toBe(first.body.items[1].id);
    const second = await t
      .http()
      .get(`/api/audit?limit=2&before=${first.body.nextBefore}`)
      .set(auth())
      .expect(200);
    expect(BigInt(second.body.items[0].id)).toBeLessThan(BigInt(first.body.items[1].id));
  });

  it('should record who searched the trail', async () => {
    await t.http().get(`/api/audit?entityId=some-child-id`).set(auth()).expect(200);
    const res = await t.http().get(`/api/audit?actorId=${managerId}&limit=5`).set(auth()).expect(200);
    expect(
      (res.body.items as AuditItem[]).some(
        (i) => i.action === 'AUDIT_SEARCHED' && i.entityId === 'some-child-id',
      ),
    ).toBe(true);
  });

  it.each(['screener@mach.example', 'police@cleveland.example', 'school@partner.example'])(
    'should refuse the trail to %s (MANAGER and ADMIN only)',
    async (email) => {
      const token = await t.login(email);
      await t.http().get('/api/audit').set('authorization', `Bearer ${token}`).expect(403);
      await t.http().get('/api/audit/verify').set('authorization', `Bearer ${token}`).expect(403);
    },
  );

  it('should verify ok, having checked every row, when nothing was tampered with', async () => {
    await t.sequenced();
    const [{ count }] = await t.dataSource.query('select count(*)::int as count from audit_entry');
    const res = await t.http().get('/api/audit/verify').set(auth()).expect(200);
    expect(res.body).toEqual({ ok: true, checked: count, unchained: 0 });
  });

  it.each([
    ['UPDATE', `update audit_entry set action = 'NOTHING_HAPPENED'`],
    ['DELETE', `delete from audit_entry`],
    ['TRUNCATE', `truncate audit_entry`],
  ])('should reject %s through SQL', async (_op, statement) => {
    await expect(sql(statement)).rejects.toThrow(/append-only/);
  });

  it('should keep one unbroken chain when many requests write at once', async () => {
    const emails = [
      'screener@mach.example',
      'manager@mach.example',
      'admin@mach.example',
      'school@partner.example',
    ];
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t
          .http()
          .post('/api/auth/login')
          .send({ email: emails[i % emails.length], password: 'demo-password' })
          .expect(200),
      ),
    );
    await t.sequenced();
    const res = await t.http().get('/api/audit/verify').set(auth()).expect(200);
    expect(res.body).toMatchObject({ ok: true, unchained: 0 });
    // in chain order, each row names the one before it
    const rows: { id: string; prev_hash: string; hash: string }[] = await t.dataSource.query(
      'select id, prev_hash, hash from audit_entry where chain_seq is not null order by chain_seq',
    );
    rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i].hash));
  });

  it('should report the first broken row when a row is altered behind the triggers', async () => {
    await t.sequenced();
    const [victim] = await t.dataSource.query(
      `select id from audit_entry order by chain_seq offset 2 limit 1`,
    );
    // a superuser can switch triggers off; the chain still gives it away
    await sql(`
      alter table audit_entry disable trigger tg_audit_entry_guard;
      update audit_entry set details = '{"forged": true}' where id = ${victim.id};
      alter table audit_entry enable trigger tg_audit_entry_guard;`);
    const res = await t.http().get('/api/audit/verify').set(auth()).expect(200);
    expect(res.body).toMatchObject({ ok: false, checked: 2, firstBrokenId: victim.id });
  });
});
