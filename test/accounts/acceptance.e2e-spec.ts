import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { runAdmin } from '../support/admin-cli';
import { connectLive, subscribe } from '../support/live-client';
import { signInEnrollingMfa } from '../support/mfa';
import { notificationBody } from '../support/notifications';
import { TEST_ENV } from '../support/test-env';
import { createTestApp, withAdmin, type TestApp } from '../support/test-app';

// issue 14, acceptance: a production-mode start on an empty database; `npm run admin --
// create-admin`; sign-in as that admin; an agency, a screener and a police client made through
// HTTP; the police client's token submits a DA notification; deactivating the screener makes
// their next request 401 and disconnects their socket within 2 s on a second instance
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'an-acceptance-secret-of-enough-length-0123456789',
  LOG_LEVEL: 'silent',
  PASSWORD_HASH_COST: '10',
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
describe('issue 14 acceptance: a real deployment from nothing', () => {
  let name: string;
  let env: Record<string, string>;
  let a: TestApp;
  let b: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    name = `t_acc_${process.pid}_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`create database "${name}" template template0`));
    const databaseUrl = process.env[TEST_ENV.adminUrl]!.replace(/\/postgres$/, `/${name}`);
    env = { ...PRODUCTION, DATABASE_URL: databaseUrl };
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await b?.stop();
    await a?.stop();
    await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
  });

  it('should take a council from an empty database to a working front door through the CLI and HTTP', async () => {
    // the first administrator, without SQL, before any api has started
    const adminPassword = 'the first administrator of the front door';
    const made = await runAdmin(
      env,
      [
        'create-admin',
        '--email',
        'ada@council.example',
        '--name',
        'Ada Admin',
        '--agency',
        'Front door',
        '--password-stdin',
      ],
      `${adminPassword}\n`,
    );
    expect(made.code).toBe(0);

    // two instances in production mode on that database: nothing seeded
    a = await createTestApp({ databaseUrl: env.DATABASE_URL, env, listen: true });
    b = await createTestApp({ databaseUrl: env.DATABASE_URL, env, listen: true });
    const [{ users }] = (await a.dataSource.query(`select count(*)::int as users from app_user`)) as {
      users: number;
    }[];
    expect(users).toBe(1);
    await a
      .http()
      .post('/api/auth/login')
      .send({ email: 'screener@mach.example', password: 'demo-password' })
      .expect(401);

    const admin = await signInEnrollingMfa(a, 'ada@council.example', adminPassword);
    const me = await a.http().get('/api/auth/me').set(bearer(admin)).expect(200);
    expect(me.body.user).toMatchObject({ role: 'ADMIN', agency: { name: 'Front door' } });
    expect(me.body.session.mfa).toBe(true);

    // an agency, a screener and a police client, through HTTP
    const force = await a
      .http()
      .post('/api/admin/agencies')
      .set(bearer(admin))
      .send({ name: 'Northumbria Police', kind: 'POLICE' })
      .expect(201);
    const frontDoor = (
      await a.http().get('/api/admin/agencies').set(bearer(admin)).expect(200)
    ).body.items.find((x: { name: string }) => x.name === 'Front door') as { id: string };
    const screener = await a
      .http()
      .post('/api/admin/users')
      .set(bearer(admin))
      .send({
        email: 'sam.screener@council.example',
        name: 'Sam Screener',
        role: 'SCREENER',
        agencyId: frontDoor.id,
      })
      .expect(201);
    const screenerPassword = 'a screener chooses a long passphrase';
    await a
      .http()
      .post('/api/auth/setup')
      .send({
        email: 'sam.screener@council.example',
        setupCode: screener.body.setupCode,
        password: screenerPassword,
      })
      .expect(204);
    const client = await a
      .http()
      .post('/api/admin/clients')
      .set(bearer(admin))
      .send({ agencyId: force.body.id, name: 'Northumbria RMS', role: 'POLICE' })
      .expect(201);

    // the police system's token (OAuth 2.0 client credentials) submits a DA notification
    const basic = Buffer.from(
      `${encodeURIComponent(client.body.clientId as string)}:${encodeURIComponent(client.body.clientSecret as string)}`,
    ).toString('base64');
    const token = await a
      .http()
      .post('/api/oauth/token')
      .set('authorization', `Basic ${basic}`)
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(200);
    const notification = await b
      .http()
      .post('/api/da-notifications')
      .set(bearer(token.body.access_token as string))
      .send(notificationBody({ policeReference: 'NOR/26/000001' }))
      .expect(201);
    const [row] = (await a.dataSource.query(
      `select n.created_by = c.user_id as by_client from da_notification n, api_client c
        where n.id = $1 and c.client_id = $2`,
      [notification.body.id, client.body.clientId],
    )) as { by_client: boolean }[];
    expect(row.by_client).toBe(true);

    // the screener works on instance B, live
    const screenerToken = await signInEnrollingMfa(b, 'sam.screener@council.example', screenerPassword);
    await b.http().get('/api/queues/triage').set(bearer(screenerToken)).expect(200);
    const socket = await connectLive(b.url, screenerToken);
    sockets.push(socket);
    await subscribe(socket, 'screening');
    const ended: string[] = [];
    let disconnected = false;
    socket.on('session.ended', (body: { reason: string }) => ended.push(body.reason));
    socket.on('disconnect', () => (disconnected = true));

    // deactivated on instance A: the next request on B is 401, B's socket goes within 2 s
    const started = Date.now();
    await a
      .http()
      .patch(`/api/admin/users/${screener.body.user.id as string}`)
      .set(bearer(admin))
      .send({ active: false, reason: 'Left the council' })
      .expect(200);
    await b.http().get('/api/queues/screening').set(bearer(screenerToken)).expect(401);
    while (!disconnected && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(disconnected).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(ended).toEqual(['USER_DEACTIVATED']);
  });
});
