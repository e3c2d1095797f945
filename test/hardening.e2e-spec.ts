import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { SettableClock } from '@app/core';
import { contactBody } from './support/contacts';
import { notificationBody as notification } from './support/notifications';
import { strategyDiscussionFor } from './strategy/support';
import { connectLive, subscribe } from './support/live-client';
import { createTestApp, type TestApp } from './support/test-app';

// issue 12: what a black-box probe broke, each with the request that broke it
describe('hardening (issue 12)', () => {
  let t: TestApp;
  let screener: string;
  let manager: string;
  let partner: string;
  let durham: string;
  let cleveland: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    [screener, manager, partner, durham, cleveland, admin] = await Promise.all(
      [
        'screener@mach.example',
        'manager@mach.example',
        'school@partner.example',
        'police@durham.example',
        'police@cleveland.example',
        'admin@mach.example',
      ].map((email) => t.login(email)),
    );
  });
  afterAll(() => t.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await t.dataSource.query(sql, params)) as { n: string }[])[0].n);
  const stored = async () => ({
    contacts: await count('select count(*) as n from contact'),
    children: await count('select count(*) as n from child'),
    audit: await count(`select count(*) as n from audit_entry where action <> 'ACCESS_DENIED'`),
    events: await count('select count(*) as n from live_event'),
  });
  // a body as raw JSON text, so escapes (\u0000, \udfff) reach the server as sent
  const raw = (method: 'post', path: string, token: string | undefined, text: string) => {
    let req = t.http()[method](path).set('content-type', 'application/json');
    if (token) req = req.set(as(token));
    return req.send(text);
  };
  // a new strategy discussion, and the answer to scheduling it for `scheduledFor`
  const scheduleNew = async (scheduledFor: string) => {
    const discussion = await strategyDiscussionFor(t, screener);
    const res = await t
      .http()
      .post(`/api/strategy-discussions/${discussion.id}/schedule`)
      .set(as(screener))
      .send({ scheduledFor, invitees: [{ agency: 'POLICE' }] });
    return { discussion, res };
  };
  const fields = (body: { error?: { details?: { field: string }[] } }) =>
    (body.error?.details ?? []).map((d) => d.field);

  describe('1. no 5xx from text PostgreSQL cannot store, deep nesting or bad instants', () => {
    it('should refuse a NUL character in a name with a 400 naming the field, storing nothing', async () => {
      const before = await stored();
      const body = JSON.stringify(contactBody()).replace('"lastName":"Khan"', '"lastName":"\\u0000nul"');
      const res = await raw('post', '/api/contacts', screener, body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(fields(res.body)).toEqual(['child.lastName']);
      expect(await stored()).toEqual(before);
    });

    it('should refuse a lone surrogate with a 400 naming the field', async () => {
      const res = await raw(
        'post',
        '/api/auth/login',
        undefined,
        '{"email":"\\udfff","password":"x"}',
      ).expect(400);
      expect(fields(res.body)).toEqual(['email']);
      const contact = JSON.stringify(contactBody()).replace('"concerns":"', '"concerns":"\\ud800 ');
      expect(fields((await raw('post', '/api/contacts', screener, contact).expect(400)).body)).toEqual([
        'concerns',
      ]);
    });

    it('should refuse a body nested 5,000 arrays or 20,000 objects deep with a 400', async () => {
      const arrays = `{"categories":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const objects = `{"child":${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}}`;
      for (const body of [arrays, objects]) {
        const res = await raw('post', '/api/contacts', screener, body).expect(400);
        expect(res.body.error.details[0].message).toMatch(/nested too deeply/);
      }
    });

    it('should refuse a NUL in a query string or a path with a 400', async () => {
      const res = await t.http().get('/api/audit?entityId=%00').set(as(admin)).expect(400);
      expect(fields(res.body)).toEqual(['entityId']);
      await t.http().get('/api/contacts/%00').set(as(screener)).expect(400);
    });

    it.each(['2026-12-20T24:30:00Z', '2026-12-20T10:61:00Z', '2026-12-20T10:00:00+25:00'])(
      'should refuse scheduledFor %s with a 400 naming it',
      async (scheduledFor) => {
        const { res } = await scheduleNew(scheduledFor);
        expect(res.status).toBe(400);
        expect(fields(res.body)).toEqual(['scheduledFor']);
      },
    );
  });

  describe('2. impossible dates are refused, not moved', () => {
    it.each(['2026-02-30T10:00:00Z', '2026-11-31T10:00:00Z'])(
      'should refuse scheduledFor %s, leaving the discussion unscheduled',
      async (scheduledFor) => {
        const { discussion, res } = await scheduleNew(scheduledFor);
        expect(res.status).toBe(400);
        expect(fields(res.body)).toEqual(['scheduledFor']);
        const read = await t
          .http()
          .get(`/api/strategy-discussions/${discussion.id}`)
          .set(as(screener))
          .expect(200);
        expect(read.body.status).toBe('DUE');
        expect(read.body.scheduledFor).toBeUndefined();
      },
    );

    it('should refuse an impossible date in the audit query, and take a real one', async () => {
      const res = await t.http().get('/api/audit?from=2026-02-30').set(as(admin)).expect(400);
      expect(fields(res.body)).toEqual(['from']);
      await t
        .http()
        .get('/api/audit?from=2026-02-28&to=2026-03-01T00:00:00%2B01:00')
        .set(as(admin))
        .expect(200);
    });

    it('should refuse an impossible receivedAt and incidentAt', async () => {
      const contact = await t
        .http()
        .post('/api/contacts')
        .set(as(screener))
        .send(contactBody({ receivedAt: '2026-02-30T10:00:00Z' }))
        .expect(400);
      expect(fields(contact.body)).toEqual(['receivedAt']);
      const da = await t
        .http()
        .post('/api/da-notifications')
        .set(as(cleveland))
        .send(notification({ incidentAt: '2026-11-31T06:00:00Z' }))
        .expect(400);
      expect(fields(da.body)).toContain('incidentAt');
    });
  });

  describe('3. every body is a plain object of known fields', () => {
    it('should refuse __proto__ at sign-in with a 400, not sign in', async () => {
      const res = await raw(
        'post',
        '/api/auth/login',
        undefined,
        '{"email":"screener@mach.example","password":"demo-password","__proto__":{"role":"ADMIN"}}',
      ).expect(400);
      expect(res.body.error.details).toEqual([{ field: '__proto__', message: 'unknown field' }]);
      expect(res.body.accessToken).toBeUndefined();
    });

    it.each(['constructor', 'prototype', '__proto__'])(
      'should refuse child.%s on a contact, storing nothing',
      async (key) => {
        const before = await stored();
        const body = JSON.stringify(contactBody()).replace(
          '"child":{',
          `"child":{"${key}":{"polluted":true},`,
        );
        const res = await raw('post', '/api/contacts', screener, body).expect(400);
        expect(fields(res.body)).toEqual([`child.${key}`]);
        expect(await stored()).toEqual(before);
      },
    );

    it.each(['[]', '[{"source":"2A"}]', '42', '"text"', 'null', 'true'])(
      'should refuse the body %s with a 400 on every route, those that take no body too',
      async (text) => {
        const contact = await t
          .http()
          .post('/api/contacts')
          .set(as(screener))
          .send(contactBody())
          .expect(201);
        for (const path of [
          '/api/contacts',
          `/api/contacts/${contact.body.id}/claim`,
          `/api/contacts/${contact.body.id}/release`,
          '/api/auth/login',
        ]) {
          const res = await raw('post', path, screener, text);
          expect([path, res.status, res.body.error?.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
        }
        // the claim was never made
        const read = await t.http().get(`/api/contacts/${contact.body.id}`).set(as(screener)).expect(200);
        expect(read.body.claimedBy).toBeUndefined();
      },
    );
  });

  describe('4. failed authorisation is recorded', () => {
    const denials = (actorId: string) =>
      t.dataSource.query(
        `select actor_id, actor_role, entity_type, entity_id, details from audit_entry
          where action = 'ACCESS_DENIED' and actor_id = $1 order by id`,
        [actorId],
      ) as Promise<
        {
          actor_id: string;
          actor_role: string;
          entity_id: string | null;
          details: { route: string; status: number };
        }[]
      >;
    const userId = async (email: string) =>
      ((await t.dataSource.query('select id from app_user where email = $1', [email])) as { id: string }[])[0]
        .id;

    it("should write ACCESS_DENIED once a minute when a partner asks again and again for another agency's contact", async () => {
      const contact = await t.http().post('/api/contacts').set(as(screener)).send(contactBody()).expect(201);
      const missing = await t.http().get(`/api/contacts/${randomUUID()}`).set(as(partner)).expect(404);
      for (let i = 0; i < 20; i += 1) {
        const res = await t.http().get(`/api/contacts/${contact.body.id}`).set(as(partner)).expect(404);
        // "not yours" still reads exactly as "not found"
        expect(res.body.error).toEqual(missing.body.error);
      }
      const rows = await denials(await userId('school@partner.example'));
      expect(rows).toEqual([
        expect.objectContaining({
          actor_role: 'PARTNER',
          entity_id: contact.body.id,
          details: { route: 'GET /api/contacts/:id', status: 404 },
        }),
      ]);
      // no personal data in the row
      expect(JSON.stringify(rows)).not.toMatch(/Amira|Khan/);
    });

    it("should record police asking for another force's notification", async () => {
      const n = await t
        .http()
        .post('/api/da-notifications')
        .set(as(cleveland))
        .send(notification())
        .expect(201);
      await t.http().get(`/api/da-notifications/${n.body.id}`).set(as(durham)).expect(404);
      const rows = await denials(await userId('police@durham.example'));
      expect(rows).toEqual([
        expect.objectContaining({
          entity_id: n.body.id,
          details: { route: 'GET /api/da-notifications/:id', status: 404 },
        }),
      ]);
    });

    it('should record a screener calling a manager route, and still answer 403', async () => {
      const id = randomUUID();
      await t
        .http()
        .post(`/api/contacts/${id}/decision/authorise`)
        .set(as(screener))
        .send({ approve: true })
        .expect(403);
      await t.http().get('/api/metrics').set(as(screener)).expect(403);
      const rows = await denials(await userId('screener@mach.example'));
      expect(rows.map((r) => [r.entity_id, r.details])).toEqual([
        [id, { route: 'POST /api/contacts/:id/decision/authorise', status: 403 }],
        [null, { route: 'GET /api/metrics', status: 403 }],
      ]);
      const verify = await t.http().get('/api/audit/verify').set(as(admin)).expect(200);
      expect(verify.body.ok).toBe(true);
    });

    it('should not record a missing record asked for by staff as a denial', async () => {
      const before = await count(`select count(*) as n from audit_entry where action = 'ACCESS_DENIED'`);
      await t.http().get(`/api/contacts/${randomUUID()}`).set(as(manager)).expect(404);
      expect(await count(`select count(*) as n from audit_entry where action = 'ACCESS_DENIED'`)).toBe(
        before,
      );
    });
  });

  describe('5. no cache keeps personal data', () => {
    it('should send Cache-Control: no-store on every api answer but health and docs', async () => {
      const contact = await t.http().post('/api/contacts').set(as(screener)).send(contactBody()).expect(201);
      for (const res of [
        contact,
        await t.http().get(`/api/contacts/${contact.body.id}`).set(as(screener)).expect(200),
        await t.http().get('/api/queues/screening').set(as(screener)).expect(200),
        await t.http().get('/api/contacts/not-a-uuid').set(as(screener)).expect(404),
        await t.http().get('/api/queues/screening').expect(401),
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: 'screener@mach.example', password: 'demo-password' })
          .expect(200),
      ]) {
        expect(res.headers['cache-control']).toBe('no-store');
      }
      for (const path of ['/api/health', '/api/docs-json']) {
        const res = await t.http().get(path).expect(200);
        expect(res.headers['cache-control']).not.toBe('no-store');
      }
    });
  });

  describe('9. DA triage sees a child known since the incident', () => {
    it('should count a contact received between the incident and the notification, naming the child', async () => {
      const clock = new SettableClock('2026-11-23T09:00:00Z');
      const app = await createTestApp({ clock });
      try {
        const [s, police] = await Promise.all([
          app.login('screener@mach.example'),
          app.login('police@cleveland.example'),
        ]);
        const kid = {
          firstName: `Kai${randomUUID().slice(0, 6)}`,
          lastName: 'Adams',
          dateOfBirth: '2018-03-03',
        };
        await app
          .http()
          .post('/api/contacts')
          .set(as(s))
          .send(contactBody({ child: kid }))
          .expect(201);
        clock.set('2026-11-23T10:00:00Z');
        const res = await app
          .http()
          .post('/api/da-notifications')
          .set(as(police))
          .send(
            notification({
              incidentAt: '2026-11-23T06:00:00Z',
              children: [{ ...kid, present: false, witnessed: false, injured: false }],
            }),
          )
          .expect(201);
        expect(res.body.suggestion.outcome).toBe('CONTACT');
        expect(res.body.suggestion.reasons).toEqual([
          `${kid.firstName} Adams: 1 contact in the last 12 months`,
        ]);
      } finally {
        await app.close();
      }
    });
  });
});

describe('4. a refused live subscription is recorded (issue 12)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ listen: true });
  });
  afterAll(() => t.close());

  it('should write ACCESS_DENIED when a partner subscribes to the screening queue, and still answer FORBIDDEN', async () => {
    const partner = await t.login('school@partner.example');
    const socket = await connectLive(t.url, partner);
    try {
      for (const view of ['screening', 'screening', 'metrics']) {
        expect(await subscribe(socket, view)).toEqual({ error: { code: 'FORBIDDEN' } });
      }
    } finally {
      socket.close();
    }
    const rows = (await t.dataSource.query(
      `select a.details from audit_entry a join app_user u on u.id = a.actor_id
        where a.action = 'ACCESS_DENIED' and u.email = 'school@partner.example' order by a.id`,
    )) as { details: unknown }[];
    expect(rows.map((r) => r.details)).toEqual([
      { route: 'SUBSCRIBE /live screening', status: 403 },
      { route: 'SUBSCRIBE /live metrics', status: 403 },
    ]);
  });
});

describe('7. slow clients are cut off (issue 12)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      listen: true,
      env: { HTTP_HEADERS_TIMEOUT_SECONDS: '1', HTTP_REQUEST_TIMEOUT_SECONDS: '2' },
    });
  });
  afterAll(() => t.close());

  // writes `first`, then a byte a while, and resolves with what came back when the server closed
  const slow = (first: string, drip: string): Promise<{ closedAfterMs: number; answer: string }> =>
    new Promise((resolve, reject) => {
      const { port } = new URL(t.url);
      const started = Date.now();
      const socket: Socket = connect(Number(port), '127.0.0.1', () => socket.write(first));
      let answer = '';
      const timer = setInterval(() => socket.writable && socket.write(drip), 300);
      const give = setTimeout(() => {
        socket.destroy();
        reject(new Error('still open after 10 s'));
      }, 10_000);
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        clearTimeout(give);
        resolve({ closedAfterMs: Date.now() - started, answer });
      });
    });

  it('should close a connection whose headers never finish (slowloris) with 408', async () => {
    const result = await slow('GET /api/health HTTP/1.1\r\nHost: x\r\n', 'X-a: b\r\n');
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(result.closedAfterMs).toBeLessThan(4000);
  });

  it('should close a connection whose body never finishes with 408', async () => {
    const result = await slow(
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{',
      ' ',
    );
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(result.closedAfterMs).toBeLessThan(5000);
  });
});
