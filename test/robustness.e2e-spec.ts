import { createTestApp, type TestApp } from './support/test-app';

// API.md + brief: bad input gets a 4xx in the one error shape, and nothing a client sends can
// produce a 500. Every route in the OpenAPI document, every role, hostile bodies and ids.
const BODIES: unknown[] = [
  null,
  [],
  'a string',
  42,
  true,
  {},
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: true } } },
  { level: 1e308, outcome: { $ne: null }, rationale: ['x'], rag: 'RED; drop table contact' },
  { child: null, referrer: [], consent: 'GIVEN', categories: 'NEGLECT', immediateRisk: 'yes' },
  { children: [null, 1, 'x'], victim: { firstName: '' }, incidentAt: '9999-99-99T99:99:99Z' },
  { heldAt: '2026-02-30T10:00:00Z', attendance: [{ agency: 'POLICE' }], actions: [{}], invitees: {} },
  { receivedAt: '1970-01-01T00:00:00Z', dashScore: -1, sinceSeq: '1e999', assigneeId: '../../etc/passwd' },
  { email: 'a@b.c', password: 'x'.repeat(199) },
  { method: 'EMAIL', recipient: 'dsl@school.example' },
  { deep: JSON.parse('{"a":'.repeat(60) + '1' + '}'.repeat(60)) as unknown },
];
const IDS = ['00000000-0000-0000-0000-000000000000', 'not-a-uuid', '%00', "1' or '1'='1", 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
const QUERIES = ['', '?limit=-1', '?limit=abc&from=yesterday&to=&actorId=x', '?status=%27', '?before=99999999999999999999'];

describe('robustness: no client input produces a 5xx', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, unknown>>;
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    paths = (await t.http().get('/api/docs-json').expect(200)).body.paths;
    for (const email of ['screener@mach.example', 'manager@mach.example', 'police@durham.example', 'school@partner.example', 'admin@mach.example']) {
      tokens.push(await t.login(email));
    }
  });
  afterAll(() => t.close());

  it('should answer every route, for every role, with a non-5xx in the error shape whatever is sent', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const [template, methods] of Object.entries(paths)) {
      for (const method of Object.keys(methods)) {
        for (const id of IDS) {
          const path = template.replace(/\{[^}]+\}/g, encodeURIComponent(id));
          for (const token of [undefined, ...tokens]) {
            const bodies = method === 'get' ? [undefined] : BODIES;
            for (const body of bodies) {
              for (const query of method === 'get' ? QUERIES : ['']) {
                let req = method === 'get' ? t.http().get(path + query) : t.http().post(path);
                if (token) req = req.set('authorization', `Bearer ${token}`);
                if (body !== undefined) req = req.set('content-type', 'application/json').send(JSON.stringify(body));
                const res = await req;
                requests += 1;
                const shaped = res.status < 400 || (typeof res.body?.error?.code === 'string' && typeof res.body?.correlationId === 'string');
                if (res.status >= 500 || !shaped) {
                  failures.push(`${method.toUpperCase()} ${path}${query} -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
                }
              }
            }
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 240_000);
});
