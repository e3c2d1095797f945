import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { SettableClock } from '@app/core';
import {
  followAuthorization,
  startOidcProvider,
  type TestOidcAccount,
  type TestOidcProvider,
} from '../support/oidc-provider';
import { createTestApp, type TestApp } from '../support/test-app';

// issue 14 item 7: single sign-on with the council's OpenID provider, end to end against a real
// one (oidc-provider, in a child process), driven with nothing but fetch as a browser would.
//
// The redirect URL is the service's public address as a proxy would give it, not the port a test
// app happens to listen on: the provider only ever sends the browser there (it never calls it), and
// the test plays the browser, taking the provider's final redirect to the app it started. So the
// provider and every app can start in any order, on any free port, with no race for a port.
const REDIRECT_URL = 'https://frontdoor.test/api/auth/oidc/callback';

const account = (
  key: string,
  email: string,
  extra: Partial<TestOidcAccount> = {},
): TestOidcAccount & { key: string } => ({
  key,
  sub: `sub-${key}`,
  email,
  emailVerified: true,
  ...extra,
});

// the people the provider knows; the login_hint (their email) picks who signs in there
const AT_PROVIDER = {
  screener: account('screener', 'screener@mach.example', { amr: ['pwd'] }),
  withMfa: account('with-mfa', 'sso.mfa@mach.example', { amr: ['pwd', 'mfa'] }),
  mixedCase: account('mixed-case', 'Screener2@MACH.Example', { amr: ['pwd'] }),
  stranger: account('stranger', 'stranger@mach.example', { amr: ['pwd', 'mfa'] }),
  unverified: account('unverified', 'sso.unverified@mach.example', { emailVerified: false, amr: ['mfa'] }),
  gone: account('gone', 'sso.gone@mach.example', { amr: ['pwd', 'mfa'] }),
  locked: account('locked', 'sso.locked@mach.example', { amr: ['pwd', 'mfa'] }),
  police: account('police', 'police@cleveland.example', { amr: ['pwd'] }),
};

interface Answer {
  status: number;
  location: string | null;
  setCookies: string[];
  correlationId: string;
}

interface Started {
  authorization: URL;
  // the Cookie header that carries the flow back
  cookie: string;
  setCookie: string;
}

interface AuditRow {
  action: string;
  actor_id: string | null;
  entity_id: string | null;
  details: Record<string, unknown>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function get(url: string, cookie?: string): Promise<Answer> {
  const correlationId = randomUUID();
  const res = await fetch(url, {
    redirect: 'manual',
    headers: { 'x-correlation-id': correlationId, ...(cookie ? { cookie } : {}) },
  });
  await res.arrayBuffer();
  return {
    status: res.status,
    location: res.headers.get('location'),
    setCookies: res.headers.getSetCookie(),
    correlationId: res.headers.get('x-correlation-id') ?? correlationId,
  };
}

const cookieNamed = (answer: Answer, name: string): string | undefined =>
  answer.setCookies.find((c) => c.startsWith(`${name}=`));

async function startSignIn(app: TestApp, returnTo?: string): Promise<Started> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const answer = await get(`${app.url}/api/auth/oidc/login${query}`);
  expect(answer.status).toBe(302);
  const setCookie = cookieNamed(answer, 'fd_oidc');
  if (!setCookie || !answer.location) throw new Error(`no flow started: ${JSON.stringify(answer)}`);
  return { authorization: new URL(answer.location), cookie: setCookie.split(';')[0], setCookie };
}

// the browser arriving back at the service from the provider, at the app under test
function callback(app: TestApp, at: URL | string, cookie?: string): Promise<Answer> {
  const url = typeof at === 'string' ? new URL(at, REDIRECT_URL) : at;
  return get(`${app.url}${url.pathname}${url.search}`, cookie);
}

async function signInAs(app: TestApp, who: TestOidcAccount, returnTo?: string): Promise<Answer> {
  const started = await startSignIn(app, returnTo);
  const back = await followAuthorization(started.authorization, { loginHint: who.email.toLowerCase() });
  return callback(app, back, started.cookie);
}

async function auditOf(app: TestApp, correlationId: string): Promise<AuditRow[]> {
  return (await app.dataSource.query(
    `select action, actor_id, entity_id, details from audit_entry where correlation_id = $1 order by occurred_at`,
    [correlationId],
  )) as AuditRow[];
}

async function sessionCount(app: TestApp): Promise<number> {
  const [row] = (await app.dataSource.query(`select count(*)::int as n from auth_session`)) as {
    n: number;
  }[];
  return row.n;
}

async function userId(app: TestApp, email: string): Promise<string> {
  const [row] = (await app.dataSource.query(`select id from app_user where email = $1`, [email])) as {
    id: string;
  }[];
  return row.id;
}

// the people who are ours: SSO-only screeners (no password), one deactivated, one locked
async function addLocalUsers(app: TestApp): Promise<void> {
  for (const [email, active, locked] of [
    ['sso.mfa@mach.example', true, false],
    ['sso.unverified@mach.example', true, false],
    ['sso.gone@mach.example', false, false],
    ['sso.locked@mach.example', true, true],
  ] as const) {
    await app.dataSource.query(
      `insert into app_user (agency_id, email, name, role, password_hash, active, locked_until)
       select agency_id, $1::text, 'SSO ' || $1::text, 'SCREENER', null, $2,
              case when $3 then now() + interval '1 hour' end
         from app_user where email = 'screener@mach.example'`,
      [email, active, locked],
    );
  }
}

function providerEnv(idp: TestOidcProvider, issuer = idp.issuer): Record<string, string> {
  return {
    OIDC_ISSUER_URL: issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_REDIRECT_URL: REDIRECT_URL,
    OIDC_ALLOW_HTTP: 'true',
  };
}

// one refusal as the browser and the trail see it
async function expectRefused(
  app: TestApp,
  answer: Answer,
  reason: string,
  actorId: string | null = null,
): Promise<AuditRow> {
  expect({ status: answer.status, location: answer.location }).toEqual({
    status: 302,
    location: `/?signInError=${reason}`,
  });
  expect(cookieNamed(answer, 'fd_session')).toBeUndefined();
  const rows = await auditOf(app, answer.correlationId);
  expect(rows).toEqual([
    {
      action: 'LOGIN_FAILED',
      actor_id: actorId,
      entity_id: actorId,
      details: expect.objectContaining({ reason, method: 'OIDC' }) as unknown,
    },
  ]);
  // issue 14: no email in the trail's details
  expect(JSON.stringify(rows[0].details)).not.toContain('@');
  return rows[0];
}

describe('single sign-on with OpenID Connect (issue 14 item 7)', () => {
  let idp: TestOidcProvider;
  let sso: TestApp;
  let strict: TestApp;
  const authClock = new SettableClock();

  beforeAll(async () => {
    idp = await startOidcProvider({ redirectUri: REDIRECT_URL, accounts: Object.values(AT_PROVIDER) });
    // one after the other: createTestApp sets process.env while the app reads its settings
    sso = await createTestApp({ env: providerEnv(idp), listen: true, authClock });
    strict = await createTestApp({ env: { ...providerEnv(idp), MFA_REQUIRED: 'true' }, listen: true });
    await addLocalUsers(sso);
    await addLocalUsers(strict);
  }, 60_000);
  afterAll(async () => {
    await sso?.close();
    await strict?.close();
    await idp?.stop();
  });

  describe('the whole flow', () => {
    it('should say single sign-on is on when it is set up', async () => {
      const res = await fetch(`${sso.url}/api/auth/oidc`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ enabled: true });
    });

    it('should send the browser to the provider with PKCE S256, state and nonce, and the flow in a Lax cookie', async () => {
      const started = await startSignIn(sso);

      const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as {
        authorization_endpoint: string;
      };
      const { authorization } = started;
      expect(`${authorization.origin}${authorization.pathname}`).toBe(discovery.authorization_endpoint);
      const params = Object.fromEntries(authorization.searchParams);
      expect(params).toMatchObject({
        client_id: idp.clientId,
        redirect_uri: REDIRECT_URL,
        response_type: 'code',
        scope: 'openid email profile',
        code_challenge_method: 'S256',
      });
      expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(params.state).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(params.nonce).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(params.state).not.toBe(params.nonce);
      // the PKCE verifier never leaves the server but sealed in the cookie
      expect(started.setCookie).toMatch(/^fd_oidc=v1\.[^;]+; Max-Age=600; Path=\/api\/auth\/oidc; Expires=/);
      expect(started.setCookie).toContain('HttpOnly');
      expect(started.setCookie).toContain('SameSite=Lax');
      for (const value of [params.state, params.nonce]) expect(started.cookie).not.toContain(value);
    });

    it('should sign the screener in with a cookie session when the provider vouches for their email', async () => {
      const before = await sessionCount(sso);
      const answer = await signInAs(sso, AT_PROVIDER.screener);

      expect({ status: answer.status, location: answer.location }).toEqual({ status: 302, location: '/' });
      const session = cookieNamed(answer, 'fd_session');
      expect(session).toBeDefined();
      expect(session).toContain('HttpOnly');
      expect(session).toContain('SameSite=Strict');
      expect(session).toContain('Path=/');
      // the flow cookie is spent
      expect(cookieNamed(answer, 'fd_oidc')).toMatch(
        /^fd_oidc=; Path=\/api\/auth\/oidc; Expires=Thu, 01 Jan 1970/,
      );

      const me = await fetch(`${sso.url}/api/auth/me`, { headers: { cookie: session!.split(';')[0] } });
      expect(me.status).toBe(200);
      const body = (await me.json()) as {
        user: { email: string; role: string };
        session: { kind: string; mfa: boolean };
        mfaEnrolmentRequired: boolean;
        csrfToken?: string;
      };
      expect(body.user).toMatchObject({ email: 'screener@mach.example', role: 'SCREENER' });
      // amr ['pwd']: no second factor
      expect(body.session).toMatchObject({ kind: 'COOKIE', mfa: false });
      expect(body.mfaEnrolmentRequired).toBe(false);
      expect(body.csrfToken).toEqual(expect.any(String));

      const screenerId = await userId(sso, 'screener@mach.example');
      const rows = await auditOf(sso, answer.correlationId);
      expect(rows).toEqual([
        {
          action: 'LOGIN_SUCCEEDED',
          actor_id: screenerId,
          entity_id: screenerId,
          details: {
            sessionId: expect.any(String) as unknown,
            method: 'OIDC',
            kind: 'COOKIE',
            mfa: false,
            mfaEnrolmentRequired: false,
          },
        },
      ]);
      const [row] = (await sso.dataSource.query(
        `select user_id, kind, purpose, method, mfa from auth_session where id = $1`,
        [rows[0].details.sessionId],
      )) as Record<string, unknown>[];
      expect(row).toEqual({
        user_id: screenerId,
        kind: 'COOKIE',
        purpose: 'FULL',
        method: 'OIDC',
        mfa: false,
      });
      expect(await sessionCount(sso)).toBe(before + 1);
    });

    it("should count the provider's second factor as MFA when its amr says mfa", async () => {
      const answer = await signInAs(sso, AT_PROVIDER.withMfa);

      expect(answer.location).toBe('/');
      const me = await fetch(`${sso.url}/api/auth/me`, {
        headers: { cookie: cookieNamed(answer, 'fd_session')!.split(';')[0] },
      });
      expect(((await me.json()) as { session: { mfa: boolean } }).session.mfa).toBe(true);
    });

    it('should match the account by the lower-cased email when the provider spells it in capitals', async () => {
      const answer = await signInAs(sso, AT_PROVIDER.mixedCase);

      expect(answer.location).toBe('/');
      const me = await fetch(`${sso.url}/api/auth/me`, {
        headers: { cookie: cookieNamed(answer, 'fd_session')!.split(';')[0] },
      });
      expect(((await me.json()) as { user: { email: string } }).user.email).toBe('screener2@mach.example');
    });

    it('should land on the page asked for when returnTo is a path on this site', async () => {
      const answer = await signInAs(sso, AT_PROVIDER.screener, '/queues/screening?view=mine');
      expect({ status: answer.status, location: answer.location }).toEqual({
        status: 302,
        location: '/queues/screening?view=mine',
      });
      expect(cookieNamed(answer, 'fd_session')).toBeDefined();
    });

    it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)'])(
      'should land on / when returnTo is %s (no open redirect)',
      async (returnTo) => {
        const answer = await signInAs(sso, AT_PROVIDER.screener, returnTo);
        expect(answer.location).toBe('/');
      },
    );
  });

  describe('refusals: always a redirect to the console with the reason, an audit row, no session', () => {
    it('should refuse NO_ACCOUNT and create none when the provider knows the person and we do not', async () => {
      const before = await sessionCount(sso);
      const answer = await signInAs(sso, AT_PROVIDER.stranger);

      await expectRefused(sso, answer, 'NO_ACCOUNT');
      expect(await sessionCount(sso)).toBe(before);
      const [{ n }] = (await sso.dataSource.query(
        `select count(*)::int as n from app_user where email = $1`,
        [AT_PROVIDER.stranger.email],
      )) as { n: number }[];
      expect(n).toBe(0);
    });

    it('should refuse EMAIL_NOT_VERIFIED when the provider does not vouch for the email', async () => {
      const before = await sessionCount(sso);
      await expectRefused(sso, await signInAs(sso, AT_PROVIDER.unverified), 'EMAIL_NOT_VERIFIED');
      expect(await sessionCount(sso)).toBe(before);
    });

    it('should refuse INACTIVE, naming the user, when their account is deactivated', async () => {
      const gone = await userId(sso, AT_PROVIDER.gone.email);
      await expectRefused(sso, await signInAs(sso, AT_PROVIDER.gone), 'INACTIVE', gone);
    });

    it('should refuse LOCKED when the account is locked after failed sign-ins', async () => {
      const locked = await userId(sso, AT_PROVIDER.locked.email);
      await expectRefused(sso, await signInAs(sso, AT_PROVIDER.locked), 'LOCKED', locked);
    });

    it('should refuse STATE_MISMATCH when one character of the state in the callback is changed', async () => {
      const started = await startSignIn(sso);
      const back = await followAuthorization(started.authorization, {
        loginHint: AT_PROVIDER.screener.email,
      });
      const state = back.searchParams.get('state')!;
      back.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);

      await expectRefused(sso, await callback(sso, back, started.cookie), 'STATE_MISMATCH');
    });

    it("should refuse STATE_MISMATCH when the callback carries another browser's flow cookie", async () => {
      const mine = await startSignIn(sso);
      const theirs = await startSignIn(sso);
      const back = await followAuthorization(theirs.authorization, { loginHint: AT_PROVIDER.screener.email });

      // login CSRF: a code for someone else's sign-in, planted in my browser, does not sign me in
      await expectRefused(sso, await callback(sso, back, mine.cookie), 'STATE_MISMATCH');
    });

    it('should refuse FLOW_MISSING when the callback comes without the flow cookie', async () => {
      const started = await startSignIn(sso);
      const back = await followAuthorization(started.authorization, {
        loginHint: AT_PROVIDER.screener.email,
      });

      await expectRefused(sso, await callback(sso, back), 'FLOW_MISSING');
    });

    it('should refuse FLOW_INVALID when the flow cookie has been tampered with', async () => {
      const started = await startSignIn(sso);
      const back = await followAuthorization(started.authorization, {
        loginHint: AT_PROVIDER.screener.email,
      });
      const [name, value] = started.cookie.split('=');
      const parts = value.split('.');
      parts[3] = `${parts[3].slice(0, 5)}${parts[3][5] === 'A' ? 'B' : 'A'}${parts[3].slice(6)}`;

      await expectRefused(sso, await callback(sso, back, `${name}=${parts.join('.')}`), 'FLOW_INVALID');
    });

    it('should refuse FLOW_EXPIRED when the browser comes back after ten minutes', async () => {
      const started = await startSignIn(sso);
      const back = await followAuthorization(started.authorization, {
        loginHint: AT_PROVIDER.screener.email,
      });
      authClock.advance(601_000);
      try {
        await expectRefused(sso, await callback(sso, back, started.cookie), 'FLOW_EXPIRED');
      } finally {
        authClock.advance(-601_000);
      }
    });

    it('should refuse PROVIDER_DENIED with the provider error when the provider turns the person away', async () => {
      const started = await startSignIn(sso);
      // the test provider ends an unknown login_hint in access_denied at the redirect URL
      const back = await followAuthorization(started.authorization, { loginHint: 'mallory@evil.example' });
      expect(back.searchParams.get('error')).toBe('access_denied');

      const row = await expectRefused(sso, await callback(sso, back, started.cookie), 'PROVIDER_DENIED');
      expect(row.details).toEqual({
        reason: 'PROVIDER_DENIED',
        method: 'OIDC',
        providerError: 'access_denied',
      });
    });

    it('should refuse TOKEN_REJECTED when a code is used a second time', async () => {
      const started = await startSignIn(sso);
      const back = await followAuthorization(started.authorization, {
        loginHint: AT_PROVIDER.screener.email,
      });
      expect((await callback(sso, back, started.cookie)).location).toBe('/');

      await expectRefused(sso, await callback(sso, back, started.cookie), 'TOKEN_REJECTED');
    });

    it('should answer every hostile callback with a redirect to the console, never an error page', async () => {
      const started = await startSignIn(sso);
      const back = await followAuthorization(started.authorization, {
        loginHint: AT_PROVIDER.screener.email,
      });
      const state = encodeURIComponent(back.searchParams.get('state')!);
      const code = encodeURIComponent(back.searchParams.get('code')!);
      const cases: [string, string | undefined, string][] = [
        ['', started.cookie, 'STATE_MISMATCH'],
        [`?state=${state}`, started.cookie, 'TOKEN_REJECTED'],
        [`?state=${state}&code=forged`, started.cookie, 'TOKEN_REJECTED'],
        [`?state=${state}&state=${state}&code=${code}`, started.cookie, 'STATE_MISMATCH'],
        [
          `?state=${state}&code=${code}&iss=${encodeURIComponent('https://evil.example')}`,
          started.cookie,
          'TOKEN_REJECTED',
        ],
        [`?state=${state}&error=%3Cscript%3E&error_description=%22%3E`, started.cookie, 'PROVIDER_DENIED'],
        [`?state=%E2%80%AE${state}&code=${code}`, started.cookie, 'STATE_MISMATCH'],
        [`?state=%ED%A0%80&code=${code}`, started.cookie, 'STATE_MISMATCH'],
        [`?state=${state}&code=${'x'.repeat(4000)}`, started.cookie, 'TOKEN_REJECTED'],
        [`?state[]=${state}&code[a]=1`, started.cookie, 'STATE_MISMATCH'],
        [`?code=${code}&state=${state}`, 'fd_oidc=', 'FLOW_MISSING'],
        [`?code=${code}&state=${state}`, 'fd_oidc=%E0%A4%A', 'FLOW_INVALID'],
        [`?code=${code}&state=${state}`, `fd_oidc=${'v1.'.repeat(2000)}`, 'FLOW_INVALID'],
        [`?code=${code}&state=${state}`, 'fd_session=x; other=y', 'FLOW_MISSING'],
      ];
      for (const [query, cookie, reason] of cases) {
        const answer = await callback(sso, `/api/auth/oidc/callback${query}`, cookie);
        expect({ query, cookie, status: answer.status, location: answer.location }).toEqual({
          query,
          cookie,
          status: 302,
          location: `/?signInError=${reason}`,
        });
      }
      // a NUL never reaches a route: the request hygiene refuses it everywhere
      for (const query of [`?state=${state}&code=%00`, `?state=${state}&code=${code}&x=%00`]) {
        const res = await fetch(`${sso.url}/api/auth/oidc/callback${query}`, {
          redirect: 'manual',
          headers: { cookie: started.cookie },
        });
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
      }
      // and the real code still works once: none of the above spent it
      expect((await callback(sso, back, started.cookie)).location).toBe('/');
    });
  });

  describe('when MFA_REQUIRED=true', () => {
    it('should refuse MFA_NOT_ASSERTED for a screener whose provider says only pwd', async () => {
      const screener = await userId(strict, 'screener@mach.example');
      const before = await sessionCount(strict);

      await expectRefused(strict, await signInAs(strict, AT_PROVIDER.screener), 'MFA_NOT_ASSERTED', screener);
      expect(await sessionCount(strict)).toBe(before);
    });

    it('should sign the screener in with mfa when the provider says mfa', async () => {
      const answer = await signInAs(strict, AT_PROVIDER.withMfa);

      expect(answer.location).toBe('/');
      const me = await fetch(`${strict.url}/api/auth/me`, {
        headers: { cookie: cookieNamed(answer, 'fd_session')!.split(';')[0] },
      });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({
        user: { email: 'sso.mfa@mach.example' },
        session: { kind: 'COOKIE', mfa: true },
        mfaEnrolmentRequired: false,
      });
    });

    it('should sign a police officer in without a second factor when their provider says only pwd', async () => {
      const answer = await signInAs(strict, AT_PROVIDER.police);

      expect(answer.location).toBe('/');
      const me = await fetch(`${strict.url}/api/auth/me`, {
        headers: { cookie: cookieNamed(answer, 'fd_session')!.split(';')[0] },
      });
      expect(await me.json()).toMatchObject({
        user: { email: 'police@cleveland.example', role: 'POLICE' },
        session: { kind: 'COOKIE', mfa: false },
      });
    });
  });

  describe('when the provider cannot be reached', () => {
    it('should send the browser back with PROVIDER_UNAVAILABLE, then try discovery again on the next sign-in', async () => {
      const port = await freePort();
      const issuer = `http://127.0.0.1:${port}`;
      const late = await createTestApp({ env: providerEnv(idp, issuer), listen: true });
      let second: TestOidcProvider | undefined;
      try {
        const first = await get(`${late.url}/api/auth/oidc/login`);
        expect({ status: first.status, location: first.location }).toEqual({
          status: 302,
          location: '/?signInError=PROVIDER_UNAVAILABLE',
        });
        expect(cookieNamed(first, 'fd_oidc')).toBeUndefined();

        second = await startOidcProvider({
          redirectUri: REDIRECT_URL,
          accounts: [AT_PROVIDER.screener],
          port,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
        });
        expect(second.issuer).toBe(issuer);
        const answer = await signInAs(late, AT_PROVIDER.screener);
        expect({ status: answer.status, location: answer.location }).toEqual({ status: 302, location: '/' });
      } finally {
        await late.close();
        await second?.stop();
      }
    });
  });

  describe('when single sign-on is not set up', () => {
    let off: TestApp;
    beforeAll(async () => {
      off = await createTestApp({ listen: true });
    });
    afterAll(() => off?.close());

    it('should say it is off, and answer its routes 404 in the error shape', async () => {
      const status = await fetch(`${off.url}/api/auth/oidc`);
      expect(await status.json()).toEqual({ enabled: false });

      for (const path of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
        const res = await fetch(`${off.url}${path}`, { redirect: 'manual' });
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(await res.json()).toEqual({
          error: { code: 'NOT_FOUND', message: expect.any(String) as unknown },
          correlationId: expect.any(String) as unknown,
        });
      }
    });
  });
});
