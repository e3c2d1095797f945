import { contactBody } from './support/contacts';
import { strategyDiscussionFor } from './strategy/support';
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
// issue 12: raw JSON text, so what a JS object cannot hold reaches the server as sent: NUL and
// lone surrogates (PostgreSQL refuses both), prototype keys, nesting deep enough to overflow a
// recursive walk, instants that do not exist, and bodies that are not objects. Otherwise
// valid, so the one bad value is what is refused.
const sched = (at: string) => `{"scheduledFor":"${at}","invitees":[{"agency":"POLICE"}]}`;
const HOSTILE: string[] = [
  '{"email":"screener@mach.example\\u0000","password":"\\u0000","rationale":"\\u0000' +
    'x'.repeat(60) +
    '","recipient":"\\u0000","method":"EMAIL"}',
  '{"email":"\\udfff","password":"\\ud800","comment":"\\udfff","reason":"\\udfff","rag":"RED","recipient":"\\udfff","method":"EMAIL"}',
  JSON.stringify(contactBody()).replace('"lastName":"Khan"', '"lastName":"\\u0000nul"'),
  JSON.stringify(contactBody()).replace('"concerns":"', '"concerns":"\\udfff'),
  `{"children":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  `{"child":${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}}`,
  '{"email":"screener@mach.example","password":"demo-password","__proto__":{"role":"ADMIN"}}',
  JSON.stringify(contactBody()).replace(
    '"child":{',
    '"child":{"constructor":{"prototype":{"polluted":true}},',
  ),
  '{"prototype":{"approve":true},"approve":true}',
  sched('2026-02-30T10:00:00Z'),
  sched('2026-11-31T10:00:00Z'),
  sched('2026-12-20T24:30:00Z'),
  sched('2026-12-20T10:61:00Z'),
  sched('2026-12-20T10:00:00+25:00'),
  JSON.stringify(contactBody({ receivedAt: '2026-02-30T10:00:00Z' })),
  '[]',
  '[{"approve":true}]',
  '42',
  '"a string"',
  'null',
  'true',
];
// RFC 6749 5.2: the token endpoint refuses in the OAuth error shape, not the api's one
const OAUTH_TOKEN = '/api/oauth/token';
const OAUTH_ERRORS = ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope'];
const IDS = [
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '%00',
  "1' or '1'='1",
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
const QUERIES = [
  '',
  '?limit=-1',
  '?limit=abc&from=yesterday&to=&actorId=x',
  '?status=%27',
  '?before=99999999999999999999',
  '?entityId=%00&status=%00',
  '?from=2026-02-30&to=2026-12-20T24:30:00Z',
  '?entityId=%ED%A0%80',
];
// reads write audit rows of their own (and refusals ACCESS_DENIED); anything else is a change
const READ_ACTIONS = [
  'ACCESS_DENIED',
  'ADMIN_USERS_LISTED',
  'AUDIT_SEARCHED',
  'AUDIT_VERIFIED',
  'CHILD_HISTORY_VIEWED',
  'CHILD_RECORD_VIEWED',
  'CHILD_SEARCHED',
  'CONTACTS_LISTED',
  'CONTACT_VIEWED',
  'CONSISTENCY_VIEWED',
  'HOUSEHOLD_MEMBER_VIEWED',
  'DA_NOTIFICATIONS_LISTED',
  'DA_NOTIFICATION_VIEWED',
  'QUEUE_VIEWED',
  'QUALITY_AUDIT_VIEWED',
  'QUALITY_AUDIT_DRAW_VIEWED',
  'QUALITY_FEEDBACK_VIEWED',
  'STRATEGY_DISCUSSION_VIEWED',
  'LOGIN_FAILED',
  'LOGIN_SUCCEEDED',
];
const TABLES = [
  'child',
  'contact',
  'contact_rag_change',
  'threshold_decision',
  'referral',
  'da_notification',
  'encompass_notification',
  'strategy_discussion',
  'strategy_record',
  'strategy_action',
  'strategy_action_completion',
  'strategy_enquiry_outcome',
  'quality_audit_draw',
  'quality_audit',
  'strategy_icpc',
  'idempotency_record',
  'live_event',
];

describe('robustness: no client input produces a 5xx', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, unknown>>;
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    paths = (await t.http().get('/api/docs-json').expect(200)).body.paths;
    for (const email of [
      'screener@mach.example',
      'manager@mach.example',
      'police@durham.example',
      'school@partner.example',
      'admin@mach.example',
    ]) {
      tokens.push(await t.login(email));
    }
  });
  afterAll(() => t.close());

  // every row of the tables a change writes, and the audit rows that are not reads
  const fingerprint = async () => {
    // live events are sequenced (and given their payload) just after their commit
    await t.sequenced();
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      const [row] = (await t.dataSource.query(
        `select count(*)::text || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '') as f from ${table} x`,
      )) as { f: string }[];
      out[table] = row.f;
    }
    const [audit] = (await t.dataSource.query(
      `select count(*)::text as n from audit_entry where action <> all($1)`,
      [READ_ACTIONS],
    )) as { n: string }[];
    out.audit_changes = audit.n;
    return out;
  };

  // each request of the matrix; a failure is one line naming it
  async function run(ids: string[], bodies: (string | undefined)[], failures: string[]): Promise<number> {
    let requests = 0;
    for (const [template, methods] of Object.entries(paths)) {
      // signing out would end the sessions the matrix runs on (auth.e2e-spec covers it)
      if (template === '/api/auth/logout') continue;
      for (const method of Object.keys(methods)) {
        for (const id of ids) {
          const path = template.replace(/\{[^}]+\}/g, encodeURIComponent(id));
          for (const token of [undefined, ...tokens]) {
            for (const body of method === 'get' ? [undefined] : bodies) {
              for (const query of method === 'get' ? QUERIES : ['']) {
                let req = method === 'get' ? t.http().get(path + query) : t.http().post(path);
                if (token) req = req.set('authorization', `Bearer ${token}`);
                if (body !== undefined) req = req.set('content-type', 'application/json').send(body);
                const res = await req;
                requests += 1;
                const shaped =
                  res.status < 400 ||
                  (typeof res.body?.error?.code === 'string' &&
                    typeof res.body?.correlationId === 'string') ||
                  (template === OAUTH_TOKEN && OAUTH_ERRORS.includes(res.body?.error));
                if (res.status >= 500 || !shaped) {
                  failures.push(
                    `${method.toUpperCase()} ${path}${query} ${String(body).slice(0, 60)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
                  );
                }
              }
            }
          }
        }
      }
    }
    return requests;
  }

  it('should answer every route, for every role, with a non-5xx in the error shape whatever is sent', async () => {
    const failures: string[] = [];
    const requests = await run(
      IDS,
      BODIES.map((b) => JSON.stringify(b)),
      failures,
    );
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 240_000);

  it('should refuse hostile text, nesting, prototype keys, impossible dates and non-objects on every route, storing nothing', async () => {
    // real records, so a refused change would have had something to change
    const screener = tokens[0];
    const contact = await t
      .http()
      .post('/api/contacts')
      .set('authorization', `Bearer ${screener}`)
      .send(contactBody())
      .expect(201);
    const discussion = await strategyDiscussionFor(t, screener);
    const before = await fingerprint();
    const failures: string[] = [];
    const requests = await run(
      [contact.body.id as string, discussion.id, discussion.contactId, IDS[0], '%00'],
      HOSTILE,
      failures,
    );
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  }, 240_000);
});
