import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { runAdmin, type AdminCliRun } from '../support/admin-cli';
import { totpCode } from '../support/mfa';
import { TEST_ENV } from '../support/test-env';
import { createTestApp, withAdmin, type TestApp } from '../support/test-app';

// issue 14 item 2: the first administrator without SQL, in production mode on a blank database:
// `npm run admin -- create-admin ... --password-stdin`, then that administrator signs in
const ROOT = join(__dirname, '..', '..');
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-enough-length-123',
  LOG_LEVEL: 'silent',
  PASSWORD_HASH_COST: '10',
};
const PASSWORD = 'the council front door first admin';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('npm run admin (issue 14 item 2)', () => {
  let name: string;
  let databaseUrl: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    name = `t_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`create database "${name}" template template0`));
    databaseUrl = process.env[TEST_ENV.adminUrl]!.replace(/\/postgres$/, `/${name}`);
    env = { ...PRODUCTION, DATABASE_URL: databaseUrl };
  });
  afterAll(() => withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`)));

  const cli = (argv: string[], stdin?: string) => runAdmin(env, argv, stdin);

  // whether anything has migrated the database (a refused command must not have booted)
  async function tables(): Promise<boolean> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ migrated: boolean }>(
        `select to_regclass('public.app_user') is not null as migrated`,
      );
      return rows[0].migrated;
    } finally {
      await client.end();
    }
  }

  const create = (email: string, extra: string[] = []) => [
    'create-admin',
    '--email',
    email,
    '--name',
    'Ada Admin',
    '--agency',
    'Front door',
    ...extra,
  ];

  it('should print its usage when asked for help', async () => {
    const run = await cli(['help']);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('create-admin --email') });
  });

  it.each([
    [['make-admin']],
    [['create-admin', '--email', 'ada@council.example']],
    [create('not-an-email')],
    [create('ada@council.example', ['--password', PASSWORD])],
  ])('should exit 2 with its usage and touch no database when the arguments are %j', async (argv) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^admin: .+\n\nUsage: npm run admin/);
    expect(run.stdout).toBe('');
    expect(await tables()).toBe(false);
  });

  it.each(['short', 'password1234', 'ada@council.example', ''])(
    'should exit 2 and touch no database when --password-stdin reads %j',
    async (weak) => {
      const run = await cli(create('ada@council.example', ['--password-stdin']), `${weak}\n`);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/password/i);
      expect(await tables()).toBe(false);
    },
  );

  describe('on the production database', () => {
    let t: TestApp;
    let adminId: string;
    let token: string;

    beforeAll(async () => {
      const run = await cli(create('Ada@Council.example', ['--password-stdin']), `${PASSWORD}\n`);
      expect(run).toEqual({ code: 0, stdout: expect.stringContaining('ada@council.example'), stderr: '' });
      expect(run.stdout).toContain('Front door (LA_SOCIAL_CARE, made now)');
      expect(run.stdout).not.toContain(PASSWORD);
      t = await createTestApp({ databaseUrl, env });
    });
    afterAll(() => t?.stop());

    it('should make the administrator and the LA_SOCIAL_CARE agency, audited with no actor and no personal data', async () => {
      const users: { id: string; role: string; kind: string; agency: string; password_hash: string }[] =
        await t.dataSource.query(
          `select u.id, u.role, a.kind, a.name as agency, u.password_hash
             from app_user u join agency a on a.id = u.agency_id`,
        );
      expect(users).toEqual([
        {
          id: expect.any(String),
          role: 'ADMIN',
          kind: 'LA_SOCIAL_CARE',
          agency: 'Front door',
          password_hash: expect.stringMatching(/^scrypt\$/),
        },
      ]);
      adminId = users[0].id;
      const rows: { actor_id: string | null; action: string; details: Record<string, unknown> }[] =
        await t.dataSource.query(`select actor_id, action, details from audit_entry order by id`);
      expect(rows).toEqual([
        {
          actor_id: null,
          action: 'AGENCY_CREATED',
          details: { name: 'Front door', kind: 'LA_SOCIAL_CARE', via: 'CLI' },
        },
        {
          actor_id: null,
          action: 'USER_CREATED',
          details: { role: 'ADMIN', agencyId: expect.any(String), via: 'CLI', passwordSet: true },
        },
      ]);
    });

    it('should let the administrator sign in, set up MFA (required in production) and administer', async () => {
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'ada@council.example', password: PASSWORD })
        .expect(200);
      expect(login.body).toMatchObject({
        user: { id: adminId, role: 'ADMIN', agency: { name: 'Front door' } },
        mfaEnrolmentRequired: true,
      });
      const enrolling = login.body.accessToken as string;
      // an enrolment session may only enrol
      await t.http().get('/api/admin/agencies').set(bearer(enrolling)).expect(403);
      const enrol = await t.http().post('/api/auth/mfa/enrol').set(bearer(enrolling)).expect(200);
      const confirmed = await t
        .http()
        .post('/api/auth/mfa/confirm')
        .set(bearer(enrolling))
        .send({ code: totpCode(enrol.body.secret as string) })
        .expect(200);
      token = confirmed.body.accessToken as string;
      expect(confirmed.body.mfaEnrolmentRequired).toBe(false);

      const agency = await t
        .http()
        .post('/api/admin/agencies')
        .set(bearer(token))
        .send({ name: 'Cleveland Police', kind: 'POLICE' })
        .expect(201);
      const officer = await t
        .http()
        .post('/api/admin/users')
        .set(bearer(token))
        .send({ email: 'pc.one@cleveland.example', name: 'PC One', role: 'POLICE', agencyId: agency.body.id })
        .expect(201);
      await t
        .http()
        .post('/api/auth/setup')
        .send({ email: 'pc.one@cleveland.example', setupCode: officer.body.setupCode, password: PASSWORD })
        .expect(204);
      // police are not staff: no second factor required of them
      const police = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'pc.one@cleveland.example', password: PASSWORD })
        .expect(200);
      expect(police.body).toMatchObject({ user: { role: 'POLICE' }, mfaEnrolmentRequired: false });
    });

    it('should refuse an email that exists, whatever its case, with exit 1', async () => {
      const run = await cli(create('ADA@council.example', ['--password-stdin']), `${PASSWORD} two\n`);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('There is already an account with that email');
      const [{ n }] = await t.dataSource.query(
        `select count(*)::int as n from app_user where role = 'ADMIN'`,
      );
      expect(n).toBe(1);
    });

    it('should refuse, with exit 2, an agency of that name that is not children’s social care', async () => {
      const run = await cli([
        'create-admin',
        '--email',
        'bo@council.example',
        '--name',
        'Bo Admin',
        '--agency',
        'cleveland police',
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('is a POLICE agency');
    });

    it('should print a setup code, shown once, when no password is given, and the code should work', async () => {
      const run = await cli([...create('bo@council.example'), '--json']);
      expect(run.code).toBe(0);
      const printed = JSON.parse(run.stdout) as {
        setupCode: string;
        agencyCreated: boolean;
        passwordSet: boolean;
      };
      expect(printed).toMatchObject({
        user: { email: 'bo@council.example', role: 'ADMIN', agency: { name: 'Front door' } },
        agencyCreated: false,
        passwordSet: false,
        setupCode: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
        setupCodeExpiresAt: expect.any(String),
      });
      await t
        .http()
        .post('/api/auth/setup')
        .send({ email: 'bo@council.example', setupCode: printed.setupCode, password: PASSWORD })
        .expect(204);
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'bo@council.example', password: PASSWORD })
        .expect(200);
    });

    it('should give a locked-out administrator a way back in: reset ends sessions and clears MFA', async () => {
      await t.http().get('/api/admin/agencies').set(bearer(token)).expect(200);
      const run = await cli([
        'reset',
        '--email',
        'ada@council.example',
        '--reset-mfa',
        '--reason',
        'Lost her phone',
      ]);
      expect(run.code).toBe(0);
      const code = /Setup code \(shown once, valid until [^)]+\): (\S+)/.exec(run.stdout)?.[1];
      expect(code).toBeDefined();
      expect(run.stdout).toContain('1 session(s) ended');
      await t.http().get('/api/admin/agencies').set(bearer(token)).expect(401);
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'ada@council.example', password: PASSWORD })
        .expect(401);
      const fresh = `${PASSWORD} renewed`;
      await t
        .http()
        .post('/api/auth/setup')
        .send({ email: 'ada@council.example', setupCode: code, password: fresh })
        .expect(204);
      const login = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'ada@council.example', password: fresh })
        .expect(200);
      expect(login.body.mfaEnrolmentRequired).toBe(true);
      const [row] = await t.dataSource.query(
        `select actor_id, details from audit_entry where action = 'USER_RESET' and entity_id = $1`,
        [adminId],
      );
      expect(row).toEqual({
        actor_id: null,
        details: { reason: 'Lost her phone', resetMfa: true, endedSessions: 1, via: 'CLI' },
      });
      const missing = await cli(['reset', '--email', 'nobody@council.example']);
      expect(missing.code).toBe(1);
    });

    // the built JavaScript as the image runs it (no swc there): node dist/apps/api/src/admin.js
    it('should run as a child process from the built code, exiting with its status', async () => {
      const out = await mkdtemp(join(tmpdir(), 'frontdoor-admin-cli-'));
      try {
        await promisify(execFile)(
          join(ROOT, 'node_modules', '.bin', 'swc'),
          ['apps', 'libs', '--out-dir', out, '--copy-files', '--config-file', '.swcrc', '--quiet'],
          { cwd: ROOT },
        );
        // the built files find their packages as in the image
        await symlink(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
        const node = (argv: string[], stdin: string) =>
          new Promise<AdminCliRun>((resolve, reject) => {
            const child = spawn(process.execPath, [join(out, 'apps/api/src/admin.js'), ...argv], {
              cwd: ROOT,
              env: { ...process.env, ...env },
            });
            let stdout = '';
            let stderr = '';
            child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
            child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
            child.on('error', reject);
            child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
            child.stdin.end(stdin);
          });
        const made = await node(
          [
            'create-admin',
            '--email',
            'cy@council.example',
            '--name',
            'Cy Admin',
            '--agency',
            'Front door',
            '--password-stdin',
            '--json',
          ],
          `${PASSWORD}\n`,
        );
        expect({ code: made.code, stderr: made.stderr }).toEqual({ code: 0, stderr: '' });
        expect(JSON.parse(made.stdout)).toMatchObject({
          user: { email: 'cy@council.example' },
          passwordSet: true,
        });
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: 'cy@council.example', password: PASSWORD })
          .expect(200);
        const again = await node(
          [
            'create-admin',
            '--email',
            'cy@council.example',
            '--name',
            'Cy Admin',
            '--agency',
            'Front door',
            '--password-stdin',
          ],
          `${PASSWORD}\n`,
        );
        expect(again.code).toBe(1);
        const weak = await node(create('dee@council.example', ['--password-stdin']), 'short\n');
        expect(weak.code).toBe(2);
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    }, 60_000);
  });
});
