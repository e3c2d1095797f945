import { createTestApp, type TestApp } from './support/test-app';

describe('health and API docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should answer ok with the database up when postgres is reachable', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('should serve the OpenAPI document when asked for /api/docs-json', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/audit', '/api/audit/verify', '/api/health']),
    );
    expect(res.body.components.schemas.LoginDto.required).toEqual(['email', 'password']);
  });

  it('should serve the docs page when asked for /api/docs', async () => {
    const res = await t.http().get('/api/docs').expect(200);
    expect(res.text).toContain('swagger');
  });
});
