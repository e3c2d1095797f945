import { Controller, Get } from '@nestjs/common';
import { Public } from '@app/access';
import { createTestApp, type TestApp } from './support/test-app';

// routes that exist only in this test: one that fails like a database error would,
// one that forgot to say who may call it
@Controller('test-only')
class FaultyController {
  @Get('boom')
  @Public()
  boom(): never {
    throw new Error(
      'relation "child" violates constraint: select * from child where nhs_number = 9434765919',
    );
  }

  @Get('no-roles')
  noRoles(): string {
    return 'reached a route with no @Roles()';
  }
}

const errorShape = {
  error: { code: expect.any(String), message: expect.any(String) },
  correlationId: expect.any(String),
};

describe('errors: one shape for every failure (API.md "Errors")', () => {
  let t: TestApp;
  let managerToken: string;

  beforeAll(async () => {
    t = await createTestApp({ controllers: [FaultyController] });
    managerToken = await t.login('manager@mach.example');
  });
  afterAll(() => t.close());

  it('should refuse an unknown field with 400 naming the field when a body has one', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'manager@mach.example', password: 'demo-password', role: 'ADMIN' })
      .expect(400);
    expect(res.body).toMatchObject(errorShape);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toContainEqual({ field: 'role', message: 'unknown field' });
  });

  it('should name each invalid field when several are wrong', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'not-an-email', password: 7 })
      .expect(400);
    const fields = (res.body.error.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('should answer 400 VALIDATION_FAILED when the JSON is malformed', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": "manager@mach.example", ')
      .expect(400);
    expect(res.body).toMatchObject(errorShape);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The request body is not valid JSON.',
    });
  });

  it('should answer 413 PAYLOAD_TOO_LARGE when the body is over 256 kB', async () => {
    const big = JSON.stringify({ email: 'manager@mach.example', password: 'x'.repeat(300 * 1024) });
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(big)
      .expect(413);
    expect(res.body).toMatchObject(errorShape);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('should accept a body just under the limit when it is otherwise valid JSON', async () => {
    // 250 kB of password: read, then refused by validation (max 200 chars), not by size
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'manager@mach.example', password: 'x'.repeat(250 * 1000) })
      .expect(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'password' }));
  });

  it('should answer 404 NOT_FOUND in the error shape when the route does not exist', async () => {
    const res = await t
      .http()
      .get('/api/no-such-thing')
      .set('authorization', `Bearer ${managerToken}`)
      .expect(404);
    expect(res.body).toMatchObject(errorShape);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('should return a safe 500 with no stack or SQL when a handler fails unexpectedly', async () => {
    const res = await t.http().get('/api/test-only/boom').expect(500);
    expect(res.body).toEqual({
      error: { code: 'INTERNAL_ERROR', message: expect.stringContaining('correlation id') },
      correlationId: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/select|nhs_number|9434765919|at .*\.ts/);
  });

  it('should echo a caller-supplied correlation id in the header and the error body', async () => {
    const res = await t.http().get('/api/no-such-thing').set('x-correlation-id', 'police-sys-42').expect(404);
    expect(res.headers['x-correlation-id']).toBe('police-sys-42');
    expect(res.body.correlationId).toBe('police-sys-42');
  });

  it('should replace a correlation id that is not safe to log', async () => {
    const res = await t.http().get('/api/audit').set('x-correlation-id', 'Jane Smith <script>').expect(401);
    expect(res.body.correlationId).not.toContain('Jane');
    expect(res.headers['x-correlation-id']).toBe(res.body.correlationId);
  });

  it('should answer 401 UNAUTHENTICATED when no token is sent', async () => {
    const res = await t.http().get('/api/audit').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('should answer 401 UNAUTHENTICATED when the token is forged', async () => {
    const [head, , sig] = managerToken.split('.');
    const claims = Buffer.from(JSON.stringify({ sub: 'x', role: 'ADMIN', agency: 'y' })).toString(
      'base64url',
    );
    const res = await t
      .http()
      .get('/api/audit')
      .set('authorization', `Bearer ${head}.${claims}.${sig}`)
      .expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('should answer 403 FORBIDDEN when the role may not use the route', async () => {
    const police = await t.login('police@cleveland.example');
    const res = await t.http().get('/api/audit').set('authorization', `Bearer ${police}`).expect(403);
    expect(res.body).toMatchObject(errorShape);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('should refuse every role when a route declares no @Roles() (fail closed)', async () => {
    for (const email of ['admin@mach.example', 'manager@mach.example']) {
      const token = await t.login(email);
      const res = await t
        .http()
        .get('/api/test-only/no-roles')
        .set('authorization', `Bearer ${token}`)
        .expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('should answer 400 with details when a query parameter is invalid', async () => {
    const res = await t
      .http()
      .get('/api/audit?limit=9999&from=yesterday')
      .set('authorization', `Bearer ${managerToken}`)
      .expect(400);
    const fields = (res.body.error.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['limit', 'from']));
  });
});

describe('rate limits (API.md: 429 RATE_LIMITED)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { THROTTLE_LIMIT: '3', LOGIN_THROTTLE_LIMIT: '2' } });
  });
  afterAll(() => t.close());

  it('should answer 429 in the error shape when a user goes over the limit', async () => {
    const token = await t.login('manager@mach.example');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await t.http().get('/api/audit/verify').set('authorization', `Bearer ${token}`);
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('should limit sign-in attempts more tightly than other routes', async () => {
    // the first login above counted once; one more is allowed, then refused even when right
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'admin@mach.example', password: 'wrong-password' })
      .expect(401);
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'admin@mach.example', password: 'demo-password' })
      .expect(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
  });

  it('should not rate-limit the health check when monitors poll it', async () => {
    for (let i = 0; i < 6; i += 1) await t.http().get('/api/health').expect(200);
  });
});
