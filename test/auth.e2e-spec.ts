import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '@app/access';
import { createTestApp, type TestApp } from './support/test-app';

// API.md "Roles and the demo world"
const DEMO = [
  ['screener@mach.example', 'SCREENER', 'MACH'],
  ['screener2@mach.example', 'SCREENER', 'MACH'],
  ['manager@mach.example', 'MANAGER', 'MACH'],
  ['police@cleveland.example', 'POLICE', 'Cleveland Police'],
  ['police@durham.example', 'POLICE', 'Durham Police'],
  ['school@partner.example', 'PARTNER', 'Acklam Primary School'],
  ['admin@mach.example', 'ADMIN', 'MACH'],
] as const;

describe('auth: sign-in and access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each(DEMO)(
    'should sign in %s as %s of %s when the demo password is given',
    async (email, role, agency) => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .send({ email, password: 'demo-password' })
        .expect(200);
      expect(res.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        user: {
          id: expect.any(String),
          name: expect.any(String),
          email,
          role,
          agency: { id: expect.any(String), name: agency },
        },
        // issue 14 item 3: a server-side session of at most SESSION_LIFETIME_SECONDS (10 h)
        sessionExpiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        // issue 14 item 9: the demo has no MFA in development and test
        mfaEnrolmentRequired: false,
      });
      const hours = (Date.parse(res.body.sessionExpiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(9.9);
      expect(hours).toBeLessThanOrEqual(10);
    },
  );

  it('should sign in whatever the case and spacing of the email', async () => {
    for (const email of [' Manager@MACH.example ', 'MANAGER@mach.example']) {
      const res = await t
        .http()
        .post('/api/auth/login')
        .send({ email, password: 'demo-password' })
        .expect(200);
      expect(res.body.user.email).toBe('manager@mach.example');
    }
  });

  it('should answer 401 with the same body when the password is wrong or the email unknown', async () => {
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'manager@mach.example', password: 'nope-nope' });
    const unknown = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@mach.example', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('should refuse a deactivated user when the password is right', async () => {
    await t.dataSource.query(`update app_user set active = false where email = 'screener2@mach.example'`);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'screener2@mach.example', password: 'demo-password' })
      .expect(401);
  });

  it('should store passwords as slow salted hashes, never as given', async () => {
    const rows: { password_hash: string }[] = await t.dataSource.query(
      `select password_hash from app_user where password_hash is not null`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$\d+\$/);
      expect(row.password_hash).not.toContain('demo-password');
    }
  });

  it('should accept a token on a protected route when it was issued by login', async () => {
    const token = await t.login('admin@mach.example');
    await t.http().get('/api/audit/verify').set('authorization', `Bearer ${token}`).expect(200);
  });

  it('should reject a token signed with another secret', async () => {
    const other = await createTestApp({
      env: { JWT_SECRET: 'another-secret-that-is-long-enough-1234567890' },
    });
    try {
      const foreign = await other.login('admin@mach.example');
      await t.http().get('/api/audit/verify').set('authorization', `Bearer ${foreign}`).expect(401);
    } finally {
      await other.close();
    }
  });

  it('should give every route a @Roles() or @Public() declaration', () => {
    const undeclared: string[] = [];
    let routes = 0;
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const cls = wrapper.metatype as (new (...args: never[]) => unknown) | null;
        if (!cls || !Reflect.getMetadata(PATH_METADATA, cls)) continue;
        for (const name of Object.getOwnPropertyNames(cls.prototype)) {
          const handler = (cls.prototype as Record<string, unknown>)[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          routes += 1;
          const declared =
            Reflect.getMetadata(PUBLIC_KEY, handler) === true ||
            Reflect.getMetadata(PUBLIC_KEY, cls) === true ||
            (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, cls) ?? []).length > 0;
          if (!declared) undeclared.push(`${cls.name}.${name}`);
        }
      }
    }
    expect(routes).toBeGreaterThanOrEqual(4);
    expect(undeclared).toEqual([]);
  });
});
