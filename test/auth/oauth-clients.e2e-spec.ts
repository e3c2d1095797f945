import { createHash, randomUUID } from 'node:crypto';
import { SettableClock } from '@app/core';
import { contactBody } from '../support/contacts';
import { notificationBody } from '../support/notifications';
import { createTestApp, type TestApp } from '../support/test-app';

interface Created {
  id: string;
  clientId: string;
  clientSecret: string;
}

const TOKEN = '/api/oauth/token';
const GRANT = { grant_type: 'client_credentials' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
// RFC 6749 2.3.1: each part form-urlencoded, then Basic
const basic = (clientId: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

// issue 14 item 5: partner systems' API clients, which an admin issues, rotates and revokes, and
// their tokens by the OAuth 2.0 client-credentials grant (RFC 6749 4.4)
describe('partner systems: API clients and client-credentials tokens (issue 14 item 5)', () => {
  let t: TestApp;
  let admin: string;
  const agencies: Record<string, string> = {};

  const agencyId = async (name: string): Promise<string> => {
    const [row] = (await t.dataSource.query(`select id from agency where name = $1`, [name])) as {
      id: string;
    }[];
    return row.id;
  };

  const createClient = async (
    body: { agencyId: string; name?: string; role: string },
    token = admin,
  ): Promise<Created> => {
    const res = await t
      .http()
      .post('/api/admin/clients')
      .set(bearer(token))
      .send({ name: `System ${randomUUID().slice(0, 6)}`, ...body })
      .expect(201);
    return res.body as Created;
  };

  const policeClient = () => createClient({ agencyId: agencies.cleveland, role: 'POLICE' });

  const tokenRequest = () => t.http().post(TOKEN).type('form');

  const tokenFor = async (client: { clientId: string; clientSecret: string }): Promise<string> => {
    const res = await tokenRequest()
      .set('authorization', basic(client.clientId, client.clientSecret))
      .send(GRANT)
      .expect(200);
    return (res.body as { access_token: string }).access_token;
  };

  const userOf = async (client: Created): Promise<string> => {
    const [row] = (await t.dataSource.query(`select user_id from api_client where id = $1`, [client.id])) as {
      user_id: string;
    }[];
    return row.user_id;
  };

  const auditOf = (entityId: string, action: string) =>
    t.dataSource.query(
      `select actor_id, actor_role, actor_agency_id, details from audit_entry
        where entity_id = $1 and action = $2 order by id`,
      [entityId, action],
    ) as Promise<
      { actor_id: string; actor_role: string; actor_agency_id: string; details: Record<string, unknown> }[]
    >;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin@mach.example');
    agencies.cleveland = await agencyId('Cleveland Police');
    agencies.school = await agencyId('Acklam Primary School');
    agencies.mach = await agencyId('MACH');
  });
  afterAll(() => t.close());

  describe('issuing a client', () => {
    it('should answer 201 with the id, client id and secret once, and list the client without it', async () => {
      const created = await policeClient();
      expect(Object.keys(created).sort()).toEqual(['clientId', 'clientSecret', 'id']);
      expect(created.clientId).toMatch(/^fdc_[A-Za-z0-9_-]{16}$/);
      // 32 random bytes, base64url
      expect(created.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const list = await t
        .http()
        .get(`/api/admin/clients?agencyId=${agencies.cleveland}`)
        .set(bearer(admin))
        .expect(200);
      const listed = (list.body as { id: string }[]).find((c) => c.id === created.id);
      expect(listed).toMatchObject({
        id: created.id,
        clientId: created.clientId,
        role: 'POLICE',
        agency: { id: agencies.cleveland, name: 'Cleveland Police' },
        active: true,
      });
      expect(listed).not.toHaveProperty('clientSecret');
      expect(JSON.stringify(list.body)).not.toContain(created.clientSecret);
    });

    it('should store only the secret’s hash, and a SYSTEM user of the agency with the client’s role', async () => {
      const created = await policeClient();
      const [row] = (await t.dataSource.query(
        `select c.secret_hash, c.created_by, u.kind, u.email, u.password_hash, u.role, u.agency_id, u.active
           from api_client c join app_user u on u.id = c.user_id where c.id = $1`,
        [created.id],
      )) as Record<string, unknown>[];
      const [adminRow] = (await t.dataSource.query(`select id from app_user where email = $1`, [
        'admin@mach.example',
      ])) as { id: string }[];
      expect(row).toEqual({
        secret_hash: createHash('sha256').update(created.clientSecret).digest('base64url'),
        created_by: adminRow.id,
        kind: 'SYSTEM',
        email: null,
        password_hash: null,
        role: 'POLICE',
        agency_id: agencies.cleveland,
        active: true,
      });
      const [audit] = await auditOf(created.id, 'CLIENT_CREATED');
      expect(audit.actor_id).toBe(adminRow.id);
      expect(JSON.stringify(audit.details)).not.toContain(created.clientSecret);
    });

    it.each`
      agency         | role          | field         | why
      ${'school'}    | ${'POLICE'}   | ${'role'}     | ${'a POLICE client for an EDUCATION agency'}
      ${'cleveland'} | ${'PARTNER'}  | ${'role'}     | ${'a PARTNER client for a police agency'}
      ${'cleveland'} | ${'SCREENER'} | ${'role'}     | ${'a staff role'}
      ${'cleveland'} | ${'ADMIN'}    | ${'role'}     | ${'a staff role (ADMIN)'}
      ${'mach'}      | ${'PARTNER'}  | ${'agencyId'} | ${'the council’s own social care (LA_SOCIAL_CARE)'}
      ${'none'}      | ${'POLICE'}   | ${'agencyId'} | ${'no such agency'}
    `('should refuse 400 naming $field when asked for $why', async ({ agency, role, field }) => {
      const res = await t
        .http()
        .post('/api/admin/clients')
        .set(bearer(admin))
        .send({ agencyId: agencies[agency as string] ?? randomUUID(), name: 'A system', role })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([expect.objectContaining({ field })]);
    });

    it('should refuse 403 when someone other than an admin asks', async () => {
      for (const email of ['manager@mach.example', 'police@cleveland.example']) {
        const token = await t.login(email);
        await t
          .http()
          .post('/api/admin/clients')
          .set(bearer(token))
          .send({ agencyId: agencies.cleveland, name: 'A system', role: 'POLICE' })
          .expect(403);
        await t
          .http()
          .get(`/api/admin/clients?agencyId=${agencies.cleveland}`)
          .set(bearer(token))
          .expect(403);
      }
    });
  });

  describe('the token endpoint', () => {
    let client: Created;
    beforeAll(async () => {
      client = await policeClient();
    });

    it('should give a Bearer token that is not cached when the client authenticates with HTTP Basic', async () => {
      const res = await tokenRequest()
        .set('authorization', basic(client.clientId, client.clientSecret))
        .send(GRANT)
        .expect(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.pragma).toBe('no-cache');
      const [issued] = await auditOf(client.id, 'CLIENT_TOKEN_ISSUED');
      expect(issued).toMatchObject({
        actor_id: await userOf(client),
        actor_role: 'POLICE',
        actor_agency_id: agencies.cleveland,
        details: { clientId: client.clientId, via: 'BASIC' },
      });
    });

    it('should give a token when the client sends its credentials in the body, and ignore a scope', async () => {
      const res = await tokenRequest()
        .send({ ...GRANT, client_id: client.clientId, client_secret: client.clientSecret, scope: 'anything' })
        .expect(200);
      expect(res.body.token_type).toBe('Bearer');
      await t.http().get('/api/da-notifications').set(bearer(res.body.access_token)).expect(200);
    });

    it('should refuse 401 invalid_client with a Basic challenge and audit it when the secret is wrong', async () => {
      const res = await tokenRequest()
        .set('authorization', basic(client.clientId, `${client.clientSecret}x`))
        .send(GRANT)
        .expect(401);
      expect(res.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
      expect(res.headers['www-authenticate']).toBe('Basic realm="front-door"');
      expect(res.headers['cache-control']).toBe('no-store');
      const failed = await auditOf(client.id, 'CLIENT_AUTH_FAILED');
      expect(failed.at(-1)).toMatchObject({
        actor_id: await userOf(client),
        details: { reason: 'SECRET', via: 'BASIC' },
      });
    });

    it('should refuse 401 invalid_client when the secret is wrong in the body', async () => {
      const res = await tokenRequest()
        .send({ ...GRANT, client_id: client.clientId, client_secret: 'not-the-secret' })
        .expect(401);
      expect(res.body.error).toBe('invalid_client');
    });

    it.each`
      why                         | clientId
      ${'an unknown client id'}   | ${'fdc_AAAAAAAAAAAAAAAA'}
      ${'a client id of no form'} | ${'someone else'}
      ${'a client id with a NUL'} | ${'fdc_\u0000'}
      ${'a very long client id'}  | ${'x'.repeat(3000)}
    `('should refuse 401 invalid_client when given $why', async ({ clientId }) => {
      const res = await tokenRequest()
        .set('authorization', basic(clientId as string, 'secret'))
        .send(GRANT)
        .expect(401);
      expect(res.body.error).toBe('invalid_client');
      expect(res.headers['www-authenticate']).toBe('Basic realm="front-door"');
    });

    it.each`
      why                                  | authorization                                         | body                                                                   | status | error
      ${'no grant_type'}                   | ${'basic'}                                            | ${{}}                                                                  | ${400} | ${'invalid_request'}
      ${'the password grant'}              | ${'basic'}                                            | ${{ grant_type: 'password', username: 'u', password: 'p' }}            | ${400} | ${'unsupported_grant_type'}
      ${'Basic and body credentials both'} | ${'basic'}                                            | ${{ ...GRANT, client_id: 'fdc_AAAAAAAAAAAAAAAA', client_secret: 'x' }} | ${400} | ${'invalid_request'}
      ${'a malformed Basic header'}        | ${'Basic ###'}                                        | ${GRANT}                                                               | ${401} | ${'invalid_client'}
      ${'Basic without a colon'}           | ${`Basic ${Buffer.from('fdc_x').toString('base64')}`} | ${GRANT}                                                               | ${401} | ${'invalid_client'}
      ${'a bearer token instead'}          | ${'Bearer abc'}                                       | ${GRANT}                                                               | ${401} | ${'invalid_client'}
      ${'no client authentication'}        | ${undefined}                                          | ${GRANT}                                                               | ${401} | ${'invalid_client'}
      ${'a client id without its secret'}  | ${undefined}                                          | ${{ ...GRANT, client_id: 'fdc_AAAAAAAAAAAAAAAA' }}                     | ${401} | ${'invalid_client'}
      ${'a bad scope'}                     | ${'basic'}                                            | ${{ ...GRANT, scope: 'a\\b' }}                                         | ${400} | ${'invalid_scope'}
    `(
      'should refuse $status $error in the RFC 6749 5.2 shape when sent $why',
      async ({ authorization, body, status, error }) => {
        let req = tokenRequest();
        if (authorization !== undefined)
          req = req.set(
            'authorization',
            authorization === 'basic'
              ? basic(client.clientId, client.clientSecret)
              : (authorization as string),
          );
        const res = await req.send(body as object).expect(status as number);
        expect(res.body).toEqual({ error, error_description: expect.any(String) });
        expect(res.headers['cache-control']).toBe('no-store');
        if (status === 401) expect(res.headers['www-authenticate']).toBe('Basic realm="front-door"');
      },
    );

    it('should refuse 400 invalid_request when a parameter is sent twice', async () => {
      const res = await tokenRequest()
        .set('authorization', basic(client.clientId, client.clientSecret))
        .send('grant_type=client_credentials&grant_type=client_credentials')
        .expect(400);
      expect(res.body.error).toBe('invalid_request');
    });

    it('should refuse 400 invalid_request when the body is JSON, not a form (RFC 6749 4.4.2)', async () => {
      const res = await t
        .http()
        .post(TOKEN)
        .set('authorization', basic(client.clientId, client.clientSecret))
        .send(GRANT)
        .expect(400);
      expect(res.body).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
    });

    it.each`
      why                             | body
      ${'a NUL in a value'}           | ${'grant_type=client_credentials&client_id=fdc_x&client_secret=%00'}
      ${'a prototype key'}            | ${'grant_type=client_credentials&constructor=x'}
      ${'a body over the form limit'} | ${`grant_type=client_credentials&pad=${'x'.repeat(10_000)}`}
      ${'too many parameters'}        | ${Array.from({ length: 40 }, (_, i) => `p${i}=1`).join('&')}
    `(
      'should refuse 400 invalid_request in the RFC shape, storing nothing, when the form carries $why',
      async ({ body }) => {
        const before = (await t.dataSource.query(`select count(*)::int as n from auth_session`)) as {
          n: number;
        }[];
        const res = await tokenRequest()
          .send(body as string)
          .expect(400);
        expect(res.body).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
        const after = (await t.dataSource.query(`select count(*)::int as n from auth_session`)) as {
          n: number;
        }[];
        expect(after[0].n).toBe(before[0].n);
      },
    );

    it('should not read a form on any other route', async () => {
      const res = await t
        .http()
        .post('/api/auth/login')
        .type('form')
        .send({ email: 'admin@mach.example', password: 'demo-password' })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('acting as its agency', () => {
    it('should attribute a police system’s DA notification to its SYSTEM user, in the row and the audit trail', async () => {
      const client = await policeClient();
      const token = await tokenFor(client);
      const userId = await userOf(client);
      const res = await t
        .http()
        .post('/api/da-notifications')
        .set(bearer(token))
        .set('Idempotency-Key', randomUUID())
        .send(notificationBody())
        .expect(201);
      const [row] = (await t.dataSource.query(
        `select created_by, force_agency_id from da_notification where id = $1`,
        [res.body.id],
      )) as { created_by: string; force_agency_id: string }[];
      expect(row).toEqual({ created_by: userId, force_agency_id: agencies.cleveland });
      const [audit] = await auditOf(res.body.id as string, 'DA_NOTIFICATION_RECEIVED');
      expect(audit).toMatchObject({
        actor_id: userId,
        actor_role: 'POLICE',
        actor_agency_id: agencies.cleveland,
      });
      // its own force's notification it may read
      await t.http().get(`/api/da-notifications/${res.body.id}`).set(bearer(token)).expect(200);
    });

    it('should keep a police system to its own force: another force’s notification 404, the queues 403', async () => {
      const durham = await t.login('police@durham.example');
      const theirs = await t
        .http()
        .post('/api/da-notifications')
        .set(bearer(durham))
        .send(notificationBody({ policeReference: `DUR/26/${randomUUID().slice(0, 8)}` }))
        .expect(201);
      const token = await tokenFor(await policeClient());
      await t.http().get(`/api/da-notifications/${theirs.body.id}`).set(bearer(token)).expect(404);
      await t.http().get('/api/queues/screening').set(bearer(token)).expect(403);
      await t.http().post('/api/admin/clients').set(bearer(token)).send({}).expect(403);
    });

    it('should let a partner agency’s system make a contact as PARTNER, attributed to it', async () => {
      const client = await createClient({ agencyId: agencies.school, role: 'PARTNER' });
      const token = await tokenFor(client);
      const res = await t.http().post('/api/contacts').set(bearer(token)).send(contactBody()).expect(201);
      const [row] = (await t.dataSource.query(`select created_by from contact where id = $1`, [
        res.body.id,
      ])) as {
        created_by: string;
      }[];
      expect(row.created_by).toBe(await userOf(client));
      await t.http().post('/api/da-notifications').set(bearer(token)).send(notificationBody()).expect(403);
    });

    it('should answer who the system is (a SYSTEM user has no email)', async () => {
      const client = await policeClient();
      const res = await t
        .http()
        .get('/api/auth/me')
        .set(bearer(await tokenFor(client)))
        .expect(200);
      expect(res.body.user).toMatchObject({ id: await userOf(client), role: 'POLICE', email: null });
      expect(res.body.session.kind).toBe('CLIENT');
    });
  });

  describe('rotation and revocation', () => {
    it('should stop the old secret and end its tokens at once when the secret is rotated', async () => {
      const client = await policeClient();
      const old = await tokenFor(client);
      await t.http().get('/api/da-notifications').set(bearer(old)).expect(200);

      const res = await t
        .http()
        .post(`/api/admin/clients/${client.id}/rotate`)
        .set(bearer(admin))
        .expect(200);
      expect(res.body).toEqual({
        id: client.id,
        clientId: client.clientId,
        clientSecret: expect.any(String),
      });
      expect(res.body.clientSecret).not.toBe(client.clientSecret);

      await t.http().get('/api/da-notifications').set(bearer(old)).expect(401);
      const refused = await tokenRequest()
        .set('authorization', basic(client.clientId, client.clientSecret))
        .send(GRANT)
        .expect(401);
      expect(refused.body.error).toBe('invalid_client');
      const fresh = await tokenFor({
        clientId: client.clientId,
        clientSecret: res.body.clientSecret as string,
      });
      await t.http().get('/api/da-notifications').set(bearer(fresh)).expect(200);

      const [audit] = await auditOf(client.id, 'CLIENT_SECRET_ROTATED');
      expect(audit.details).toMatchObject({ clientId: client.clientId, endedSessions: 1 });
      expect(JSON.stringify(audit.details)).not.toContain(res.body.clientSecret);
      const [session] = (await t.dataSource.query(
        `select ended_reason from auth_session where user_id = $1 and ended_at is not null`,
        [await userOf(client)],
      )) as { ended_reason: string }[];
      expect(session.ended_reason).toBe('CLIENT_ROTATED');
    });

    it('should end its tokens at once and give no new one when the client is revoked', async () => {
      const client = await policeClient();
      const token = await tokenFor(client);
      const res = await t
        .http()
        .post(`/api/admin/clients/${client.id}/revoke`)
        .set(bearer(admin))
        .send({ reason: 'the force replaced its records system' })
        .expect(200);
      expect(res.body).toEqual({ id: client.id, clientId: client.clientId, revokedAt: expect.any(String) });

      await t.http().get('/api/da-notifications').set(bearer(token)).expect(401);
      const refused = await tokenRequest()
        .set('authorization', basic(client.clientId, client.clientSecret))
        .send(GRANT)
        .expect(401);
      expect(refused.body.error).toBe('invalid_client');
      const failed = await auditOf(client.id, 'CLIENT_AUTH_FAILED');
      expect(failed.at(-1)?.details).toMatchObject({ reason: 'REVOKED' });

      const [audit] = await auditOf(client.id, 'CLIENT_REVOKED');
      expect(audit.details).toMatchObject({
        reason: 'the force replaced its records system',
        endedSessions: 1,
      });
      const list = await t
        .http()
        .get(`/api/admin/clients?agencyId=${agencies.cleveland}`)
        .set(bearer(admin))
        .expect(200);
      expect((list.body as { id: string }[]).find((c) => c.id === client.id)).toMatchObject({
        active: false,
        revokedAt: res.body.revokedAt,
      });

      // revoked for good
      await t.http().post(`/api/admin/clients/${client.id}/rotate`).set(bearer(admin)).expect(409);
      await t
        .http()
        .post(`/api/admin/clients/${client.id}/revoke`)
        .set(bearer(admin))
        .send({ reason: 'again' })
        .expect(409);
    });

    it('should answer 404 for a client that does not exist, and 400 for a revocation without a reason', async () => {
      await t.http().post(`/api/admin/clients/${randomUUID()}/rotate`).set(bearer(admin)).expect(404);
      await t
        .http()
        .post('/api/admin/clients/not-a-uuid/revoke')
        .set(bearer(admin))
        .send({ reason: 'x' })
        .expect(404);
      const client = await policeClient();
      const res = await t
        .http()
        .post(`/api/admin/clients/${client.id}/revoke`)
        .set(bearer(admin))
        .send({})
        .expect(400);
      expect(new Set((res.body.error.details as { field: string }[]).map((d) => d.field))).toEqual(
        new Set(['reason']),
      );
    });
  });

  describe('token lifetime', () => {
    let timed: TestApp;
    const clock = new SettableClock();
    afterAll(() => timed?.close());

    it('should refuse the token 401 once CLIENT_TOKEN_TTL_SECONDS have passed, and give a new one when asked again', async () => {
      timed = await createTestApp({ authClock: clock });
      const timedAdmin = await timed.login('admin@mach.example');
      const [force] = (await timed.dataSource.query(
        `select id from agency where name = 'Cleveland Police'`,
      )) as {
        id: string;
      }[];
      const created = (
        await timed
          .http()
          .post('/api/admin/clients')
          .set(bearer(timedAdmin))
          .send({ agencyId: force.id, name: 'Timed system', role: 'POLICE' })
          .expect(201)
      ).body as Created;
      const ask = async () =>
        (
          await timed
            .http()
            .post(TOKEN)
            .type('form')
            .set('authorization', basic(created.clientId, created.clientSecret))
            .send(GRANT)
            .expect(200)
        ).body as { access_token: string; expires_in: number };
      const first = await ask();
      expect(first.expires_in).toBe(900);
      clock.advance(899_000);
      await timed.http().get('/api/da-notifications').set(bearer(first.access_token)).expect(200);
      clock.advance(2_000);
      await timed.http().get('/api/da-notifications').set(bearer(first.access_token)).expect(401);
      const second = await ask();
      await timed.http().get('/api/da-notifications').set(bearer(second.access_token)).expect(200);
    });
  });
});
