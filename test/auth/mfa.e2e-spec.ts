import { TOTP, URI } from 'otpauth';
import type { Response } from 'supertest';
import { SettableClock } from '@app/core';
import { totpCode } from '../support/mfa';
import { createTestApp, type TestApp } from '../support/test-app';
import { DEMO_PASSWORD } from '../support/test-env';

const PERIOD_MS = 30_000;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// a few seconds into a 30-second step: moving on 30 s lands in the next step, never two
const stepStart = () => new Date(Math.floor(Date.now() / PERIOD_MS) * PERIOD_MS + 5_000);

// what an authenticator app shows (RFC 6238: SHA-1, 6 digits, 30 s)
const codeAt = (secret: string, at: Date) => totpCode(secret, at);

// six digits no step near `at` accepts (the server allows one step either side)
function wrongCodeAt(secret: string, at: Date): string {
  const near = new Set([-1, 0, 1].map((d) => codeAt(secret, new Date(at.getTime() + d * PERIOD_MS))));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

const sessionCookie = (res: Response): string | undefined => {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  return header?.find((c) => c.startsWith('fd_session='))?.split(';')[0];
};

interface Enrolled {
  userId: string;
  secret: string;
  token: string;
  recoveryCodes: string[];
}

// issue 14 item 6: TOTP for staff, ten single-use recovery codes, enrolment before anything else
describe('multi-factor authentication (issue 14 item 6)', () => {
  let t: TestApp;
  const clock = new SettableClock(stepStart());

  beforeAll(async () => {
    t = await createTestApp({ env: { MFA_REQUIRED: 'true' }, authClock: clock });
  });
  afterAll(() => t.close());

  const login = (email: string, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post('/api/auth/login')
      .send({ email, password: DEMO_PASSWORD, ...extra });
  const me = (token: string) => t.http().get('/api/auth/me').set(bearer(token));
  const nextStep = () => clock.advance(PERIOD_MS);

  // a user signed in, enrolled and confirmed, on a token of the full session confirm gave
  async function enrolled(email: string, required = true): Promise<Enrolled> {
    const signedIn = await login(email).expect(200);
    expect(signedIn.body.mfaEnrolmentRequired).toBe(required);
    const enrol = await t
      .http()
      .post('/api/auth/mfa/enrol')
      .set(bearer(signedIn.body.accessToken as string))
      .expect(200);
    const secret = enrol.body.secret as string;
    const confirmed = await t
      .http()
      .post('/api/auth/mfa/confirm')
      .set(bearer(signedIn.body.accessToken as string))
      .send({ code: codeAt(secret, clock.now()) })
      .expect(200);
    // the step just used cannot sign in: the next one can
    nextStep();
    return {
      userId: signedIn.body.user.id as string,
      secret,
      token: confirmed.body.accessToken as string,
      recoveryCodes: confirmed.body.recoveryCodes as string[],
    };
  }

  it('should take a screener through enrolment, sign-in with a code, replay refusal and recovery codes when MFA_REQUIRED=true', async () => {
    const email = 'screener@mach.example';
    const first = await login(email).expect(200);
    expect(first.body).toMatchObject({ mfaEnrolmentRequired: true, user: { email, role: 'SCREENER' } });
    const enrolmentToken = first.body.accessToken as string;
    expect(enrolmentToken).toEqual(expect.any(String));

    // the enrolment session may set up MFA and little else
    const refused = await t.http().get('/api/queues/screening').set(bearer(enrolmentToken)).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const before = await me(enrolmentToken).expect(200);
    expect(before.body).toMatchObject({ mfaEnabled: false, mfaEnrolmentRequired: true });
    await t
      .http()
      .post('/api/auth/mfa/recovery-codes')
      .set(bearer(enrolmentToken))
      .send({ code: '123456' })
      .expect(403);

    // nothing to confirm yet
    const early = await t
      .http()
      .post('/api/auth/mfa/confirm')
      .set(bearer(enrolmentToken))
      .send({ code: '123456' })
      .expect(409);
    expect(early.body.error.code).toBe('CONFLICT');

    const enrol = await t.http().post('/api/auth/mfa/enrol').set(bearer(enrolmentToken)).expect(200);
    const secret = enrol.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const parsed = URI.parse(enrol.body.otpauthUri as string) as TOTP;
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed).toMatchObject({
      issuer: 'Front door',
      label: email,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(parsed.secret.base32).toBe(secret);

    const wrong = await t
      .http()
      .post('/api/auth/mfa/confirm')
      .set(bearer(enrolmentToken))
      .send({ code: wrongCodeAt(secret, clock.now()) })
      .expect(400);
    expect(wrong.body.error.code).toBe('VALIDATION_FAILED');
    expect(wrong.body.error.details).toEqual([{ field: 'code', message: expect.any(String) }]);
    const malformed = await t
      .http()
      .post('/api/auth/mfa/confirm')
      .set(bearer(enrolmentToken))
      .send({ code: '12345' })
      .expect(400);
    expect(malformed.body.error.details.map((d: { field: string }) => d.field)).toEqual(['code']);

    const usedCode = codeAt(secret, clock.now());
    const confirmed = await t
      .http()
      .post('/api/auth/mfa/confirm')
      .set(bearer(enrolmentToken))
      // pasted with spaces around it
      .send({ code: ` ${usedCode} ` })
      .expect(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(confirmed.body).toMatchObject({
      accessToken: expect.any(String),
      sessionExpiresAt: expect.any(String),
      mfaEnrolmentRequired: false,
      user: { email },
    });
    expect(confirmed.body.csrfToken).toBeUndefined();
    const fullToken = confirmed.body.accessToken as string;

    // the full session works; the enrolment one has ended
    await t.http().get('/api/queues/screening').set(bearer(fullToken)).expect(200);
    await me(enrolmentToken).expect(401);
    expect((await me(fullToken).expect(200)).body).toMatchObject({
      mfaEnabled: true,
      mfaEnrolmentRequired: false,
      session: { kind: 'BEARER', mfa: true },
    });
    const ended = (await t.dataSource.query(
      `select ended_reason from auth_session where user_id = $1 and purpose = 'MFA_ENROLMENT'`,
      [first.body.user.id],
    )) as { ended_reason: string }[];
    expect(ended).toEqual([{ ended_reason: 'ENROLMENT_COMPLETE' }]);

    // enrolling again is not how a factor in force is replaced
    const again = await t.http().post('/api/auth/mfa/enrol').set(bearer(fullToken)).expect(409);
    expect(again.body.error.code).toBe('CONFLICT');

    // signing in now needs the code
    const bare = await login(email).expect(401);
    expect(bare.body.error.code).toBe('MFA_REQUIRED');
    // the code confirm spent cannot be used again (RFC 6238 5.2)
    const replay = await login(email, { code: usedCode }).expect(401);
    expect(replay.body.error.code).toBe('MFA_REQUIRED');

    nextStep();
    const withCode = await login(email, { code: codeAt(secret, clock.now()) }).expect(200);
    expect(withCode.body.mfaEnrolmentRequired).toBe(false);
    expect((await me(withCode.body.accessToken as string).expect(200)).body.session.mfa).toBe(true);

    // a recovery code in place of the app's code, once
    const recovered = await login(email, { code: recoveryCodes[0] }).expect(200);
    expect((await me(recovered.body.accessToken as string).expect(200)).body.session.mfa).toBe(true);
    const spent = await login(email, { code: recoveryCodes[0] }).expect(401);
    expect(spent.body.error.code).toBe('MFA_REQUIRED');
    // typed in lower case without the dashes, it is the same code
    await login(email, { code: recoveryCodes[1].toLowerCase().replace(/-/g, '') }).expect(200);

    const methods = (await t.dataSource.query(
      `select details->>'method' as method from audit_entry
        where action = 'LOGIN_SUCCEEDED' and entity_id = $1 order by id`,
      [first.body.user.id],
    )) as { method: string }[];
    expect(methods.map((m) => m.method)).toEqual([
      'PASSWORD',
      'PASSWORD_TOTP',
      'PASSWORD_RECOVERY_CODE',
      'PASSWORD_RECOVERY_CODE',
    ]);
  });

  it('should not ask police or partners to enrol when MFA_REQUIRED=true', async () => {
    for (const email of ['police@cleveland.example', 'school@partner.example']) {
      const res = await login(email).expect(200);
      expect(res.body.mfaEnrolmentRequired).toBe(false);
      const who = await me(res.body.accessToken as string).expect(200);
      expect(who.body).toMatchObject({ mfaEnabled: false, mfaEnrolmentRequired: false });
    }
  });

  it('should record each MFA change without the secret or any code when a user sets up MFA', async () => {
    const user = await enrolled('screener2@mach.example');
    const rows = (await t.dataSource.query(
      `select action, details::text as details from audit_entry where entity_id = $1::text or actor_id = $1::uuid order by id`,
      [user.userId],
    )) as { action: string; details: string }[];
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['MFA_ENROLMENT_STARTED', 'MFA_ENABLED', 'SESSION_ENDED']),
    );
    const enabled = rows.find((r) => r.action === 'MFA_ENABLED');
    expect(JSON.parse(enabled?.details ?? '{}')).toMatchObject({ recoveryCodes: 10 });
    const all = (await t.dataSource.query(`select details::text as details from audit_entry`)) as {
      details: string;
    }[];
    const trail = all.map((r) => r.details).join('\n');
    expect(trail).not.toContain(user.secret);
    for (const code of user.recoveryCodes) {
      expect(trail).not.toContain(code);
      expect(trail).not.toContain(code.replace(/-/g, ''));
    }
    // the secret is sealed at rest, and the recovery codes are kept only as hashes
    const [stored] = (await t.dataSource.query(
      `select mfa_secret, mfa_pending_secret from app_user where id = $1`,
      [user.userId],
    )) as { mfa_secret: string; mfa_pending_secret: string | null }[];
    expect(stored.mfa_pending_secret).toBeNull();
    expect(stored.mfa_secret).toMatch(/^v1\./);
    expect(stored.mfa_secret).not.toContain(user.secret);
    const hashes = (await t.dataSource.query(`select code_hash from mfa_recovery_code where user_id = $1`, [
      user.userId,
    ])) as { code_hash: string }[];
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) expect(user.recoveryCodes).not.toContain(code_hash);
  });

  it('should replace a waiting secret when enrolment starts again, and refuse a body on enrol', async () => {
    const signedIn = await login('manager@mach.example').expect(200);
    const token = signedIn.body.accessToken as string;
    const firstSecret = (await t.http().post('/api/auth/mfa/enrol').set(bearer(token)).expect(200)).body
      .secret as string;
    const secondSecret = (await t.http().post('/api/auth/mfa/enrol').set(bearer(token)).send({}).expect(200))
      .body.secret as string;
    expect(secondSecret).not.toBe(firstSecret);
    const unknown = await t
      .http()
      .post('/api/auth/mfa/enrol')
      .set(bearer(token))
      .send({ secret: 'JBSWY3DPEHPK3PXP' })
      .expect(400);
    expect(unknown.body.error.details).toEqual([{ field: 'secret', message: 'unknown field' }]);
    // the first secret no longer confirms (unless its code happens to be the second's too)
    const firstCode = codeAt(firstSecret, clock.now());
    if (firstCode !== codeAt(secondSecret, clock.now())) {
      await t.http().post('/api/auth/mfa/confirm').set(bearer(token)).send({ code: firstCode }).expect(400);
    }
    const audit = (await t.dataSource.query(
      `select details->>'replacedPending' as replaced from audit_entry
        where action = 'MFA_ENROLMENT_STARTED' and entity_id = $1 order by id`,
      [signedIn.body.user.id],
    )) as { replaced: string }[];
    expect(audit.map((a) => a.replaced)).toEqual(['false', 'true']);
    // sign out, so the next test starts this user afresh
    await t.http().post('/api/auth/logout').set(bearer(token)).expect(204);
  });

  it('should enrol a cookie session with its CSRF header and set the new session cookie when confirmed', async () => {
    const signedIn = await login('manager@mach.example', { session: 'cookie' }).expect(200);
    expect(signedIn.body).toMatchObject({ mfaEnrolmentRequired: true, csrfHeader: 'X-CSRF-Token' });
    expect(signedIn.body.accessToken).toBeUndefined();
    const oldCookie = sessionCookie(signedIn) as string;
    expect(oldCookie).toEqual(expect.stringMatching(/^fd_session=/));
    const csrf = { 'x-csrf-token': signedIn.body.csrfToken as string };

    await t.http().post('/api/auth/mfa/enrol').set('cookie', oldCookie).expect(403);
    const enrol = await t.http().post('/api/auth/mfa/enrol').set('cookie', oldCookie).set(csrf).expect(200);
    const code = codeAt(enrol.body.secret as string, clock.now());
    const noHeader = await t
      .http()
      .post('/api/auth/mfa/confirm')
      .set('cookie', oldCookie)
      .send({ code })
      .expect(403);
    expect(noHeader.body.error.code).toBe('FORBIDDEN');

    const confirmed = await t
      .http()
      .post('/api/auth/mfa/confirm')
      .set('cookie', oldCookie)
      .set(csrf)
      .send({ code })
      .expect(200);
    expect(confirmed.body.accessToken).toBeUndefined();
    expect(confirmed.body).toMatchObject({ csrfHeader: 'X-CSRF-Token', csrfToken: expect.any(String) });
    expect(confirmed.body.csrfToken).not.toBe(csrf['x-csrf-token']);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    const newCookie = sessionCookie(confirmed) as string;
    expect(newCookie).toEqual(expect.stringMatching(/^fd_session=/));
    expect(newCookie).not.toBe(oldCookie);
    expect(confirmed.headers['set-cookie']?.[0]).toMatch(/HttpOnly/i);

    await t.http().get('/api/queues/screening').set('cookie', newCookie).expect(200);
    await t.http().get('/api/auth/me').set('cookie', oldCookie).expect(401);
    const after = await t.http().get('/api/auth/me').set('cookie', newCookie).expect(200);
    expect(after.body).toMatchObject({ session: { kind: 'COOKIE', mfa: true }, mfaEnabled: true });
    nextStep();
  });

  it('should answer 429 with Retry-After when three wrong codes in a row were sent at sign-in', async () => {
    const user = await enrolled('admin@mach.example');
    const email = 'admin@mach.example';
    for (let i = 0; i < 3; i += 1) {
      const res = await login(email, { code: wrongCodeAt(user.secret, clock.now()) }).expect(401);
      expect(res.body.error.code).toBe('MFA_REQUIRED');
    }
    // the growing wait starts at the third failure (sign-in-policy.ts): even the right code waits
    const waiting = await login(email, { code: codeAt(user.secret, clock.now()) }).expect(429);
    expect(waiting.body.error.code).toBe('RATE_LIMITED');
    expect(waiting.headers['retry-after']).toBe('1');
    clock.advance(1_000);
    await login(email, { code: codeAt(user.secret, clock.now()) }).expect(200);
    const [row] = (await t.dataSource.query(`select failed_sign_ins from app_user where id = $1`, [
      user.userId,
    ])) as { failed_sign_ins: number }[];
    expect(row.failed_sign_ins).toBe(0);
  });

  it('should end the sessions that showed no second factor when a fully signed-in user opts in', async () => {
    const email = 'police@durham.example';
    const a = await login(email).expect(200);
    const b = await login(email).expect(200);
    expect(a.body.mfaEnrolmentRequired).toBe(false);
    const tokenA = a.body.accessToken as string;
    const enrol = await t.http().post('/api/auth/mfa/enrol').set(bearer(tokenA)).expect(200);
    const confirmed = await t
      .http()
      .post('/api/auth/mfa/confirm')
      .set(bearer(tokenA))
      .send({ code: codeAt(enrol.body.secret as string, clock.now()) })
      .expect(200);
    await me(tokenA).expect(401);
    await me(b.body.accessToken as string).expect(401);
    const fresh = await me(confirmed.body.accessToken as string).expect(200);
    expect(fresh.body).toMatchObject({ mfaEnabled: true, session: { mfa: true } });
    const reasons = (await t.dataSource.query(
      `select ended_reason from auth_session where user_id = $1 and ended_at is not null order by created_at`,
      [a.body.user.id],
    )) as { ended_reason: string }[];
    expect(reasons.map((r) => r.ended_reason)).toEqual(['ENROLMENT_COMPLETE', 'MFA_CHANGED']);
    nextStep();
  });

  it('should replace the recovery codes when the current code is given, and count a wrong one towards the lock', async () => {
    const email = 'school@partner.example';
    const user = await enrolled(email, false);
    const wrong = await t
      .http()
      .post('/api/auth/mfa/recovery-codes')
      .set(bearer(user.token))
      .send({ code: wrongCodeAt(user.secret, clock.now()) })
      .expect(400);
    expect(wrong.body.error.details).toEqual([{ field: 'code', message: expect.any(String) }]);
    const [row] = (await t.dataSource.query(`select failed_sign_ins from app_user where id = $1`, [
      user.userId,
    ])) as { failed_sign_ins: number }[];
    expect(row.failed_sign_ins).toBe(1);

    const code = codeAt(user.secret, clock.now());
    const replaced = await t
      .http()
      .post('/api/auth/mfa/recovery-codes')
      .set(bearer(user.token))
      .send({ code })
      .expect(200);
    const fresh = replaced.body.recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(new Set(fresh).size).toBe(10);
    expect(fresh.filter((c) => user.recoveryCodes.includes(c))).toEqual([]);
    // that step is spent: the same code neither replaces them again nor signs in
    await t.http().post('/api/auth/mfa/recovery-codes').set(bearer(user.token)).send({ code }).expect(400);
    await login(email, { code }).expect(401);

    await login(email, { code: user.recoveryCodes[0] }).expect(401);
    // three wrong codes in a row (the spent step twice, the old recovery code): the wait begins
    await login(email, { code: fresh[0] }).expect(429);
    clock.advance(1_000);
    await login(email, { code: fresh[0] }).expect(200);
    const actions = (await t.dataSource.query(
      `select action, details::text as details from audit_entry where entity_id = $1 order by id`,
      [user.userId],
    )) as { action: string; details: string }[];
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['MFA_CODE_REJECTED', 'MFA_RECOVERY_CODES_REPLACED']),
    );
    const trail = actions.map((a) => a.details).join('\n');
    for (const c of fresh) expect(trail).not.toContain(c);
    nextStep();
  });

  it('should answer 409 on recovery-codes when the user has no MFA', async () => {
    const res = await login('police@cleveland.example').expect(200);
    const refused = await t
      .http()
      .post('/api/auth/mfa/recovery-codes')
      .set(bearer(res.body.accessToken as string))
      .send({ code: '123456' })
      .expect(409);
    expect(refused.body.error.code).toBe('CONFLICT');
  });
});

describe('multi-factor authentication when MFA_REQUIRED is not set (development and test)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each(['screener@mach.example', 'manager@mach.example', 'admin@mach.example'])(
    'should sign %s in as today, with no enrolment asked, when MFA_REQUIRED is unset',
    async (email) => {
      const res = await t.http().post('/api/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200);
      expect(res.body.mfaEnrolmentRequired).toBe(false);
      const who = await t
        .http()
        .get('/api/auth/me')
        .set(bearer(res.body.accessToken as string))
        .expect(200);
      expect(who.body).toMatchObject({ mfaEnrolmentRequired: false, session: { mfa: false } });
    },
  );
});
