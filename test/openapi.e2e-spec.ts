import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, type TestApp } from './support/test-app';

const run = promisify(execFile);

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
}
interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: { 'application/json'?: { schema?: Schema } } }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface LintReport {
  totals: { errors: number; warnings: number };
  problems: {
    ruleId: string;
    severity: 'error' | 'warn';
    message: string;
    location: { pointer: string }[];
  }[];
}

const PUBLIC = [
  'POST /api/auth/login',
  'POST /api/auth/setup',
  'GET /api/auth/oidc',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
  'POST /api/oauth/token',
  'GET /api/health',
];
// open to every role, even a session that may only enrol for MFA: nothing to forbid
const EVERY_SESSION = ['GET /api/auth/me'];
// RFC 6749 5.2: the token endpoint's 400 and 401 are the OAuth error body, not the api's one
const OAUTH_ERRORS: Record<string, string[]> = { 'POST /api/oauth/token': ['400', '401'] };
const ref = (name: string) => `#/components/schemas/${name}`;
// a property's schema names its DTO directly, or through allOf (when it has a description)
const refOf = (schema: Schema | undefined) => schema?.$ref ?? schema?.allOf?.[0]?.$ref ?? schema?.items?.$ref;

describe('the OpenAPI document (/api/docs-json)', () => {
  let t: TestApp;
  let doc: Document;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body as Document;
    dir = await mkdtemp(join(tmpdir(), 'frontdoor-openapi-'));
    file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc, null, 2));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );

  it('should pass the linter (redocly, recommended rules) with no error when the served document is linted', async () => {
    const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
    const args = [cli, 'lint', file, '--config', join(__dirname, '..', 'redocly.yaml'), '--format', 'json'];
    // offline: no usage data, no update check
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    // it exits 1 when it finds an error: the report on stdout says which
    const { stdout } = await run(process.execPath, args, { env, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        if (!error.stdout) throw new Error(`redocly did not run: ${error.stderr ?? String(error)}`);
        return { stdout: error.stdout };
      },
    );
    const report = JSON.parse(stdout) as LintReport;
    const listed = report.problems.map(
      (p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`,
    );
    if (report.totals.warnings > 0)
      console.log(`OpenAPI lint warnings:\n${listed.filter((l) => l.startsWith('warn')).join('\n')}`);
    expect(listed.filter((line) => line.startsWith('error'))).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('should give every operation a summary, its security and 4xx responses in the one error body', () => {
    for (const { name, op } of operations()) {
      expect({ name, summary: typeof op.summary === 'string' && op.summary.length > 0 }).toEqual({
        name,
        summary: true,
      });
      expect({ name, security: op.security }).toEqual({
        name,
        security: PUBLIC.includes(name) ? [] : [{ bearer: [] }],
      });
      const errors = Object.entries(op.responses).filter(([status]) => /^4\d\d$/.test(status));
      expect({ name, errors: errors.length > 0 }).toEqual({ name, errors: true });
      for (const [status, response] of errors) {
        expect({ name, status, schema: response.content?.['application/json']?.schema }).toEqual({
          name,
          status,
          schema: { $ref: ref(OAUTH_ERRORS[name]?.includes(status) ? 'OAuthErrorDto' : 'ErrorBody') },
        });
      }
      if (!PUBLIC.includes(name))
        expect({ name, statuses: errors.map(([s]) => s) }).toMatchObject({
          name,
          statuses: expect.arrayContaining(EVERY_SESSION.includes(name) ? ['401'] : ['401', '403']),
        });
    }
  });

  it('should describe the error body as the api sends it when a request fails', async () => {
    const { ErrorBody, ErrorBodyError } = doc.components.schemas;
    expect(ErrorBody.required).toEqual(['error', 'correlationId']);
    expect(refOf(ErrorBody.properties?.error)).toBe(ref('ErrorBodyError'));
    expect(ErrorBodyError.required).toEqual(['code', 'message']);
    expect(ErrorBodyError.properties?.code.enum).toEqual(
      expect.arrayContaining(['VALIDATION_FAILED', 'NOT_FOUND']),
    );

    const token = await t.login('screener@mach.example');
    const missing = await t
      .http()
      .get(`/api/contacts/${randomUUID()}`)
      .set('authorization', `Bearer ${token}`)
      .expect(404);
    expect(Object.keys(missing.body).sort()).toEqual(Object.keys(ErrorBody.properties ?? {}).sort());
    const invalid = await t.http().post('/api/auth/login').send({ email: 'nobody' }).expect(400);
    for (const key of Object.keys(invalid.body.error))
      expect(Object.keys(ErrorBodyError.properties ?? {})).toContain(key);
    expect(ErrorBodyError.properties?.code.enum).toContain(invalid.body.error.code);
  });

  it('should show the decision, referral and strategy discussion on the staff contact view', () => {
    const { ContactDto } = doc.components.schemas;
    const view = doc.paths['/api/contacts/{id}'].get.responses['200'].content?.['application/json']?.schema;
    expect(view?.oneOf).toEqual([{ $ref: ref('ContactDto') }, { $ref: ref('PartnerContactDto') }]);
    expect(refOf(ContactDto.properties?.decision)).toBe(ref('DecisionOutDto'));
    expect(ContactDto.properties?.earlierDecisions).toMatchObject({
      type: 'array',
      items: { $ref: ref('DecisionOutDto') },
    });
    expect(refOf(ContactDto.properties?.referral)).toBe(ref('ReferralOutDto'));
    expect(refOf(ContactDto.properties?.strategyDiscussion)).toBe(ref('StrategyDiscussionRefDto'));
    // a section adds its keys only when it has something
    for (const key of ['decision', 'earlierDecisions', 'referral', 'strategyDiscussion']) {
      expect(ContactDto.required).not.toContain(key);
    }
    expect(refOf(doc.components.schemas.DecisionOutDto.properties?.acknowledgement)).toBe(
      ref('AcknowledgementDto'),
    );
  });

  it('should show the outcome and acknowledgement on the partner view, and tell the two views apart', () => {
    const { ContactDto, PartnerContactDto, AcknowledgementDto } = doc.components.schemas;
    expect(refOf(PartnerContactDto.properties?.acknowledgement)).toBe(ref('AcknowledgementDto'));
    expect(PartnerContactDto.properties?.outcome.enum).toEqual([
      'NO_FURTHER_ACTION',
      'INFORMATION_AND_ADVICE',
      'EARLY_HELP',
      'SOCIAL_CARE',
    ]);
    expect(AcknowledgementDto.required).toEqual(['recipient', 'outcome', 'recordedAt']);
    expect(refOf(AcknowledgementDto.properties?.recipient)).toBe(ref('RecipientDto'));
    // no key both bodies carry has values that differ, so no `discriminator` can name one: the
    // partner view is closed and the staff view requires keys it lacks, so a body is one or the other
    expect(PartnerContactDto.additionalProperties).toBe(false);
    const staffOnly = (ContactDto.required ?? []).filter(
      (key) => !(key in (PartnerContactDto.properties ?? {})),
    );
    expect(staffOnly).toEqual(expect.arrayContaining(['child', 'history', 'source']));
  });
});
