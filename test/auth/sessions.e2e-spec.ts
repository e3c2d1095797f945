import { io, type Socket } from 'socket.io-client';
import { SessionRegistry } from '@app/auth';
import { SettableClock } from '@app/core';
import { createTestApp, type TestApp } from '../support/test-app';
import { connectLive, subscribe } from '../support/live-client';

interface Ended {
  reason: string;
  at: number;
}

// a socket's session.ended message and its disconnect, as they arrive
function watchEnd(socket: Socket): { ended: Ended[]; disconnected: () => boolean } {
  const ended: Ended[] = [];
  let gone = false;
  socket.on('session.ended', (body: { reason: string }) =>
    ended.push({ reason: body.reason, at: Date.now() }),
  );
  socket.on('disconnect', () => (gone = true));
  return { ended, disconnected: () => gone };
}

async function until(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// issue 14 item 3: every sign-in is a server-side session; every request and socket is checked
// against it, and ending it takes effect at once, on every instance
describe('sessions (issue 14 item 3)', () => {
  let a: TestApp;
  let b: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = await createTestApp({ listen: true });
    b = await createTestApp({ listen: true, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await b.close();
    await a.close();
  });

  it('should store a session row for every sign-in, with its user, times and how it was made', async () => {
    const token = await a.login('screener@mach.example');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string };
    const [row] = (await a.dataSource.query(
      `select s.kind, s.purpose, s.method, s.mfa, s.ended_at, u.email,
              extract(epoch from s.expires_at - s.created_at) as lifetime
         from auth_session s join app_user u on u.id = s.user_id where s.id = $1`,
      [claims.sid],
    )) as {
      kind: string;
      purpose: string;
      method: string;
      mfa: boolean;
      ended_at: Date | null;
      email: string;
      lifetime: string;
    }[];
    expect(row).toMatchObject({
      kind: 'BEARER',
      purpose: 'FULL',
      method: 'PASSWORD',
      mfa: false,
      ended_at: null,
      email: 'screener@mach.example',
    });
    expect(Number(row.lifetime)).toBe(10 * 3600);
  });

  it('should answer /api/auth/me with the user, agency, role and session expiry', async () => {
    const token = await a.login('manager@mach.example');
    const res = await a.http().get('/api/auth/me').set(bearer(token)).expect(200);
    expect(res.body).toEqual({
      user: {
        id: expect.any(String),
        name: 'Morgan Manager',
        email: 'manager@mach.example',
        role: 'MANAGER',
        agency: { id: expect.any(String), name: 'MACH' },
      },
      session: { expiresAt: expect.any(String), kind: 'BEARER', mfa: false },
      mfaEnabled: false,
      mfaEnrolmentRequired: false,
      // config/calendar.yml's: the console shows every date and time in it (issue 16)
      timeZone: 'Europe/London',
    });
    expect(res.headers['cache-control']).toContain('no-store');
  });

  it('should make the next request 401 on both instances, and disconnect the sockets of both within 2 s, when the user signs out', async () => {
    const token = await a.login('screener@mach.example');
    // both instances have the session in their cache
    await a.http().get('/api/auth/me').set(bearer(token)).expect(200);
    await b.http().get('/api/auth/me').set(bearer(token)).expect(200);
    const onA = await connectLive(a.url, token);
    const onB = await connectLive(b.url, token);
    sockets.push(onA, onB);
    await subscribe(onB, 'screening');
    const watchA = watchEnd(onA);
    const watchB = watchEnd(onB);

    await b.http().post('/api/auth/logout').set(bearer(token)).expect(204);
    await a.http().get('/api/auth/me').set(bearer(token)).expect(401);
    await b.http().get('/api/queues/screening').set(bearer(token)).expect(401);

    const elapsed = await until(() => watchA.disconnected() && watchB.disconnected(), 2000);
    expect(elapsed).toBeLessThan(2000);
    expect(watchA.ended.map((e) => e.reason)).toEqual(['LOGOUT']);
    expect(watchB.ended.map((e) => e.reason)).toEqual(['LOGOUT']);
    // a new handshake with the ended session is refused
    await expect(connectLive(a.url, token)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('should end only the session signed out of, and audit it', async () => {
    const first = await a.login('screener2@mach.example');
    const second = await a.login('screener2@mach.example');
    await a.http().post('/api/auth/logout').set(bearer(first)).expect(204);
    await a.http().get('/api/auth/me').set(bearer(first)).expect(401);
    await a.http().get('/api/auth/me').set(bearer(second)).expect(200);
    const rows = (await a.dataSource.query(
      `select details from audit_entry where action = 'SESSION_ENDED' order by id desc limit 1`,
    )) as { details: { reason: string; sessionIds: string[] } }[];
    expect(rows[0].details.reason).toBe('LOGOUT');
    expect(rows[0].details.sessionIds).toHaveLength(1);
  });

  it('should end a session whose user is made inactive, on the next request of either instance', async () => {
    const token = await a.login('police@durham.example');
    await b.http().get('/api/auth/me').set(bearer(token)).expect(200);
    const socket = await connectLive(b.url, token);
    sockets.push(socket);
    const watch = watchEnd(socket);
    // the other instance hears of the end by NOTIFY, delivered as the ending transaction commits;
    // a request racing that delivery (a few ms) could be answered from its cache first
    const heardOnB = new Promise<void>((resolve) => b.app.get(SessionRegistry).onEnded(() => resolve()));
    try {
      // what deactivation does, minus the admin route (test/accounts covers that): the user is
      // inactive and their sessions are ended in one transaction
      await a.dataSource.transaction(async (manager) => {
        await manager.query(`update app_user set active = false where email = 'police@durham.example'`);
        await manager.query(
          `update auth_session set ended_at = now(), ended_reason = 'USER_DEACTIVATED'
            where user_id = (select id from app_user where email = 'police@durham.example') and ended_at is null`,
        );
      });
      await heardOnB;
      await b.http().get('/api/auth/me').set(bearer(token)).expect(401);
      await until(() => watch.disconnected(), 2000);
      expect(watch.ended.map((e) => e.reason)).toEqual(['USER_DEACTIVATED']);
    } finally {
      await a.dataSource.query(`update app_user set active = true where email = 'police@durham.example'`);
    }
  });

  it('should refuse a well-signed token whose session was ended in the database', async () => {
    const token = await a.login('manager@mach.example');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string };
    await a.dataSource.query(
      `update auth_session set ended_at = now(), ended_reason = 'LOGOUT' where id = $1`,
      [claims.sid],
    );
    const res = await a.http().get('/api/auth/me').set(bearer(token));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('idle timeout and lifetime (issue 14 item 3)', () => {
  let t: TestApp;
  const clock = new SettableClock('2026-12-02T09:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ authClock: clock, listen: true });
  });
  afterAll(() => t.close());

  it('should end a session after 30 minutes without a request, and keep one that is used', async () => {
    const idle = await t.login('screener@mach.example');
    const busy = await t.login('screener2@mach.example');
    for (let i = 0; i < 4; i += 1) {
      clock.advance(10 * 60 * 1000);
      await t.http().get('/api/auth/me').set(bearer(busy)).expect(200);
    }
    const res = await t.http().get('/api/auth/me').set(bearer(idle));
    expect(res.status).toBe(401);
    const [row] = (await t.dataSource.query(
      `select ended_reason from auth_session s join app_user u on u.id = s.user_id
        where u.email = 'screener@mach.example' order by s.created_at desc limit 1`,
    )) as { ended_reason: string }[];
    expect(row.ended_reason).toBe('IDLE');
  });

  it('should end a session at its 10-hour lifetime however busy', async () => {
    const token = await t.login('manager@mach.example');
    for (let i = 0; i < 20; i += 1) {
      clock.advance(29 * 60 * 1000);
      await t.http().get('/api/auth/me').set(bearer(token)).expect(200);
    }
    clock.advance(21 * 60 * 1000); // 10 h 1 min after sign-in
    await t.http().get('/api/auth/me').set(bearer(token)).expect(401);
  });

  it('should disconnect a socket whose session goes idle (a socket does not keep a session alive)', async () => {
    const token = await t.login('screener@mach.example');
    const socket = await connectLive(t.url, token);
    const watch = watchEnd(socket);
    try {
      clock.advance(31 * 60 * 1000);
      // the sweep runs every SESSION_RECHECK_SECONDS; run it now rather than wait
      const { SessionRegistry } = await import('@app/auth');
      await t.app.get(SessionRegistry).sweep();
      await until(() => watch.disconnected(), 2000);
      expect(watch.ended.map((e) => e.reason)).toEqual(['IDLE']);
    } finally {
      socket.close();
    }
  });
});

// issue 14 item 4: browsers hold the session in a cookie; a state-changing request needs the
// CSRF token and our own origin
describe('cookie sessions (issue 14 item 4)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
  });
  afterAll(() => t.close());

  async function cookieLogin(email = 'screener@mach.example') {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email, password: 'demo-password', session: 'cookie' })
      .expect(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const sessionCookie = setCookie.find((c) => c.startsWith('fd_session='));
    if (!sessionCookie) throw new Error('no session cookie');
    return {
      body: res.body as { accessToken?: string; csrfToken: string; csrfHeader: string },
      setCookie: sessionCookie,
      cookie: sessionCookie.split(';')[0],
    };
  }

  it('should set an HttpOnly, Secure, SameSite=Strict cookie and answer the CSRF token instead of a token', async () => {
    const { body, setCookie } = await cookieLogin();
    expect(body.accessToken).toBeUndefined();
    expect(body.csrfHeader).toBe('X-CSRF-Token');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//i);
  });

  it('should let a cookie read without a CSRF token, and give it back in /api/auth/me', async () => {
    const { body, cookie } = await cookieLogin();
    await t.http().get('/api/queues/screening').set('cookie', cookie).expect(200);
    const me = await t.http().get('/api/auth/me').set('cookie', cookie).expect(200);
    expect(me.body.csrfToken).toBe(body.csrfToken);
    expect(me.body.session.kind).toBe('COOKIE');
  });

  it.each`
    headers                                                        | rule
    ${{}}                                                          | ${'no CSRF token'}
    ${{ 'x-csrf-token': 'forged' }}                                | ${'a wrong CSRF token'}
    ${{ 'x-csrf-token': 'TOKEN', 'sec-fetch-site': 'cross-site' }} | ${'the right token from another site (fetch metadata)'}
    ${{ 'x-csrf-token': 'TOKEN', origin: 'https://evil.example' }} | ${'the right token from another origin'}
    ${{ 'x-csrf-token': 'TOKEN', 'sec-fetch-site': 'same-site' }}  | ${'the right token from a sibling subdomain'}
  `(
    'should refuse a cookie POST with 403 when it has $rule, storing nothing',
    async ({ headers }: { headers: Record<string, string> }) => {
      const { body, cookie } = await cookieLogin();
      const before = (await t.dataSource.query(`select count(*)::int as n from contact`)) as { n: number }[];
      let req = t.http().post('/api/contacts').set('cookie', cookie);
      for (const [name, value] of Object.entries(headers))
        req = req.set(name, value === 'TOKEN' ? body.csrfToken : value);
      const res = await req.send({});
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      const after = (await t.dataSource.query(`select count(*)::int as n from contact`)) as { n: number }[];
      expect(after[0].n).toBe(before[0].n);
    },
  );

  it('should accept a cookie POST with the CSRF token from our own origin', async () => {
    const { body, cookie } = await cookieLogin();
    const host = new URL(t.url).host;
    // an empty body: past the CSRF check, refused by validation (400), not by the defence (403)
    const res = await t
      .http()
      .post('/api/contacts')
      .set('cookie', cookie)
      .set('x-csrf-token', body.csrfToken)
      .set('origin', `http://${host}`)
      .set('host', host)
      .set('sec-fetch-site', 'same-origin')
      .send({});
    expect(res.status).toBe(400);
  });

  it("should refuse the cookie's token as a bearer token, and a bearer token as a cookie", async () => {
    const { setCookie } = await cookieLogin();
    const cookieToken = setCookie.split(';')[0].slice('fd_session='.length);
    await t.http().get('/api/auth/me').set(bearer(cookieToken)).expect(401);
    const bearerToken = await t.login('screener@mach.example');
    await t.http().get('/api/auth/me').set('cookie', `fd_session=${bearerToken}`).expect(401);
  });

  it('should sign out a cookie session, clearing the cookie', async () => {
    const { body, cookie } = await cookieLogin();
    const res = await t
      .http()
      .post('/api/auth/logout')
      .set('cookie', cookie)
      .set('x-csrf-token', body.csrfToken)
      .expect(204);
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).join()).toMatch(/fd_session=;/);
    await t.http().get('/api/auth/me').set('cookie', cookie).expect(401);
  });

  it('should accept the cookie at the socket handshake from our own origin, and refuse it from another', async () => {
    const { cookie } = await cookieLogin();
    const connect = (origin?: string) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = io(`${t.url}/live`, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: { cookie, ...(origin ? { origin } : {}) },
        });
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (error) => {
          socket.close();
          reject(error);
        });
      });
    const own = await connect(t.url);
    try {
      const ack = await subscribe(own, 'screening');
      expect(ack).toHaveProperty('items');
    } finally {
      own.close();
    }
    await expect(connect('https://evil.example')).rejects.toThrow('UNAUTHENTICATED');
  });
});

// issue 14 item 8: failures throttled per account (a growing wait, a lock after 10), the
// per-address limit for abuse only
describe('sign-in failures (issue 14 item 8)', () => {
  let t: TestApp;
  const clock = new SettableClock('2026-12-02T09:00:00Z');

  beforeAll(async () => {
    // the default per-address limit (300 a minute), not the test app's unlimited one
    t = await createTestApp({ authClock: clock, env: { LOGIN_THROTTLE_LIMIT: '300' } });
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string) =>
    t.http().post('/api/auth/login').send({ email, password });

  it('should let a whole office behind one address sign in at nine o’clock', async () => {
    for (let i = 0; i < 40; i += 1) {
      const email = [
        'screener@mach.example',
        'screener2@mach.example',
        'manager@mach.example',
        'admin@mach.example',
      ][i % 4];
      const res = await attempt(email, 'demo-password');
      expect(res.status).toBe(200);
    }
  });

  it('should make the account wait longer after each failure from the third, with Retry-After', async () => {
    const email = 'school@partner.example';
    await attempt(email, 'wrong-password-1').expect(401);
    await attempt(email, 'wrong-password-2').expect(401);
    await attempt(email, 'wrong-password-3').expect(401);
    const waited = await attempt(email, 'demo-password');
    expect(waited.status).toBe(429);
    expect(waited.body.error.code).toBe('RATE_LIMITED');
    expect(waited.headers['retry-after']).toBe('1');
    clock.advance(1000);
    // the wait is over: the right password works and the count starts again
    await attempt(email, 'demo-password').expect(200);
    await attempt(email, 'wrong-password-4').expect(401);
    await attempt(email, 'wrong-password-5').expect(401);
    await attempt(email, 'demo-password').expect(200);
  });

  it('should lock an account after 10 failures in a row, refuse even the right password, and unlock after 30 minutes', async () => {
    const email = 'police@cleveland.example';
    for (let i = 1; i <= 10; i += 1) {
      clock.advance(61_000);
      await attempt(email, `wrong-password-${i}`).expect(401);
    }
    clock.advance(61_000);
    const locked = await attempt(email, 'demo-password');
    expect(locked.status).toBe(401);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    const [events] = (await t.dataSource.query(
      `select count(*) filter (where action = 'LOGIN_FAILED')::int as failed,
              count(*) filter (where action = 'ACCOUNT_LOCKED')::int as locks,
              string_agg(details::text, ' ') as details
         from audit_entry where entity_id = (select id::text from app_user where email = $1)`,
      [email],
    )) as { failed: number; locks: number; details: string }[];
    expect(events.failed).toBe(11); // ten wrong passwords, one attempt while locked
    expect(events.locks).toBe(1);
    // no password is ever written to the trail
    expect(events.details).not.toContain('wrong-password');
    expect(events.details).not.toContain('demo-password');

    clock.advance(30 * 60 * 1000);
    await attempt(email, 'demo-password').expect(200);
  });

  it('should keep the per-address limit for abuse: 429 once an address passes 300 sign-ins in a minute', async () => {
    let sent = 0;
    let last = 0;
    // an empty body is counted by the throttle (a guard) before validation refuses it: cheap
    while (sent < 400 && last !== 429) {
      last = (await t.http().post('/api/auth/login').send({})).status;
      sent += 1;
    }
    expect(last).toBe(429);
    expect(sent).toBeGreaterThan(200); // earlier tests of this app spent part of the minute
  });
});

// issue 14 item 8: a user changes their own password; their other sessions end
describe('password change (issue 14 item 8)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should refuse a weak or common new password, or a wrong current one, with field details', async () => {
    const token = await t.login('manager@mach.example');
    const cases = [
      { body: { currentPassword: 'demo-password', newPassword: 'short' }, field: 'newPassword' },
      { body: { currentPassword: 'demo-password', newPassword: 'password1234' }, field: 'newPassword' },
      {
        body: { currentPassword: 'demo-password', newPassword: 'manager@mach.example' },
        field: 'newPassword',
      },
      {
        body: { currentPassword: 'not-my-password', newPassword: 'a sound new passphrase' },
        field: 'currentPassword',
      },
    ];
    for (const { body, field } of cases) {
      const res = await t.http().post('/api/auth/password').set(bearer(token)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('should change the password, keep this session and end the others', async () => {
    const mine = await t.login('manager@mach.example');
    const other = await t.login('manager@mach.example');
    await t
      .http()
      .post('/api/auth/password')
      .set(bearer(mine))
      .send({ currentPassword: 'demo-password', newPassword: 'a sound new passphrase' })
      .expect(204);
    await t.http().get('/api/auth/me').set(bearer(mine)).expect(200);
    await t.http().get('/api/auth/me').set(bearer(other)).expect(401);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'manager@mach.example', password: 'demo-password' })
      .expect(401);
    await t.login('manager@mach.example', 'a sound new passphrase');
  });
});
