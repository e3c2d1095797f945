import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';
import { notificationBody } from '../support/notifications';
import { connectLive, record, subscribe, waitFor, type QueueChanged } from '../support/live-client';

// issue 18 items 1-3 (decision 0029): the front door asks police and health what they know about
// a contact's child; each asked agency reads only its own request, with the child's and
// household's names but never the concerns, and answers it (versions), or declines; who asked
// chases; the contact page shows every request and answer
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const QUESTIONS = 'Is the family known to you? Any incidents at the address in the last 12 months?';

describe('information sharing: requests and answers (issue 18)', () => {
  let t: TestApp;
  let screener: string;
  let screener2: string;
  let manager: string;
  let police: string;
  let durham: string;
  let health: string;
  let school: string;
  let agencies: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    [screener, screener2, manager, police, durham, health, school] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('screener2@mach.example'),
      t.login('manager@mach.example'),
      t.login('police@cleveland.example'),
      t.login('police@durham.example'),
      t.login('health@partner.example'),
      t.login('school@partner.example'),
    ]);
    const rows = (await t.dataSource.query(`select id, name from agency`)) as { id: string; name: string }[];
    agencies = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  });
  afterAll(() => t.close());

  // a claimed contact, RED unless said otherwise, with a sibling in its household
  const claimed = async (over: Body = {}) => {
    const u = randomUUID().slice(0, 6);
    const contact = (
      await t
        .http()
        .post('/api/contacts')
        .set(bearer(screener))
        .send(
          contactBody({
            immediateRisk: true,
            concerns: `Secret concern ${u}: bruising seen on the arm at school.`,
            child: {
              firstName: `Nia${u}`,
              lastName: 'Evans',
              dateOfBirth: '2015-02-03',
              address: '4 Mill Lane',
            },
            ...over,
          }),
        )
        .expect(201)
    ).body as { id: string; householdId: string; rag: string; reference: string };
    await t
      .http()
      .post('/api/contacts')
      .set(bearer(screener))
      .send(
        contactBody({
          householdId: contact.householdId,
          child: { firstName: `Owen${u}`, lastName: 'Evans', dateOfBirth: '2018-07-08' },
        }),
      )
      .expect(201);
    await t.http().post(`/api/contacts/${contact.id}/claim`).set(bearer(screener)).send({}).expect(200);
    return { ...contact, u };
  };
  const ask = (contactId: string, body: Body, token = screener) =>
    t.http().post(`/api/contacts/${contactId}/information-requests`).set(bearer(token)).send(body);
  const askBoth = (contactId: string) =>
    ask(contactId, {
      agencies: [agencies['Cleveland Police'], agencies['South Tees Health']],
      questions: QUESTIONS,
      lawfulBasis: 'CONSENT',
    });

  it('should make one request per agency, due 4 hours after a RED contact’s request, and show each agency only its own', async () => {
    const c = await claimed();
    const before = Date.now();
    const res = await askBoth(c.id).expect(201);
    const requests = res.body.requests as {
      id: string;
      agencyId: string;
      agencyName: string;
      status: string;
      dueAt: string;
    }[];
    expect(requests.map((r) => [r.agencyName, r.status])).toEqual([
      ['Cleveland Police', 'OPEN'],
      ['South Tees Health', 'OPEN'],
    ]);
    for (const r of requests) {
      const hours = (new Date(r.dueAt).getTime() - before) / 3_600_000;
      expect(hours).toBeGreaterThan(3.99);
      expect(hours).toBeLessThan(4.01);
    }
    const [policeRequest, healthRequest] = requests;

    // the asked agency: the child, the household, the questions; never the concerns
    const seen = await t
      .http()
      .get(`/api/information-requests/${healthRequest.id}`)
      .set(bearer(health))
      .expect(200);
    expect(seen.body).toMatchObject({
      id: healthRequest.id,
      reference: c.reference,
      status: 'OPEN',
      rag: 'RED',
      timeliness: 'ON_TRACK',
      questions: QUESTIONS,
      lawfulBasis: 'CONSENT',
      child: {
        firstName: `Nia${c.u}`,
        lastName: 'Evans',
        dateOfBirth: '2015-02-03',
        address: '4 Mill Lane',
        household: [{ firstName: `Owen${c.u}`, lastName: 'Evans', dateOfBirth: '2018-07-08' }],
      },
      responses: [],
    });
    const text = JSON.stringify(seen.body);
    expect(text).not.toContain('Secret concern');
    expect(text).not.toContain('Cleveland');
    expect(seen.body.requestedBy).toBeUndefined();

    // another agency's request, or another agency altogether: 404, and the denial recorded
    await t.http().get(`/api/information-requests/${policeRequest.id}`).set(bearer(health)).expect(404);
    await t.http().get(`/api/information-requests/${healthRequest.id}`).set(bearer(durham)).expect(404);
    await t.http().get(`/api/information-requests/${healthRequest.id}`).set(bearer(school)).expect(404);
    await t
      .http()
      .post(`/api/information-requests/${policeRequest.id}/response`)
      .set(bearer(health))
      .send({ summary: 'Not ours', knownToAgency: false })
      .expect(404);
    const denials = (await t.dataSource.query(
      `select count(*)::int as n from audit_entry where entity_id = $1 and action like '%DENIED%'`,
      [policeRequest.id],
    )) as { n: number }[];
    expect(denials[0].n).toBeGreaterThan(0);

    // the front door sees the whole request, and the contact shows them
    const staff = await t
      .http()
      .get(`/api/information-requests/${policeRequest.id}`)
      .set(bearer(screener2))
      .expect(200);
    expect(staff.body).toMatchObject({
      contactId: c.id,
      agencyName: 'Cleveland Police',
      requestedBy: { name: 'Sam Screener' },
      chases: [],
    });
  });

  it('should list the agencies the front door may ask, to its staff only', async () => {
    const res = await t.http().get('/api/information-requests/agencies').set(bearer(screener)).expect(200);
    const names = (res.body.items as { name: string }[]).map((a) => a.name);
    expect(names).toEqual(
      expect.arrayContaining(['Cleveland Police', 'South Tees Health', 'Acklam Primary School']),
    );
    expect(names).not.toContain('MACH');
    await t.http().get('/api/information-requests/agencies').set(bearer(police)).expect(403);
  });

  it('should flag the screening item live: AWAITING_INFORMATION when asked, INFORMATION_RECEIVED when an answer comes', async () => {
    const c = await claimed();
    const socket = await connectLive(t.url, screener2);
    try {
      const seen = record(socket);
      await subscribe(socket, 'screening');
      const flagged = (flags: (f: string[]) => boolean) => (m: QueueChanged) =>
        m.view === 'screening' && m.op === 'upsert' && m.item.id === c.id && flags(m.item.flags as string[]);
      const [policeRequest, healthRequest] = (await askBoth(c.id).expect(201)).body.requests as {
        id: string;
      }[];
      await waitFor(
        seen,
        flagged((f) => f.includes('AWAITING_INFORMATION') && !f.includes('INFORMATION_RECEIVED')),
        5000,
      );
      await t
        .http()
        .post(`/api/information-requests/${policeRequest.id}/response`)
        .set(bearer(police))
        .send({ summary: 'Known: one call-out.', knownToAgency: true })
        .expect(201);
      // one answered, one still open: both flags
      await waitFor(
        seen,
        flagged((f) => f.includes('AWAITING_INFORMATION') && f.includes('INFORMATION_RECEIVED')),
        5000,
      );
      await t
        .http()
        .post(`/api/information-requests/${healthRequest.id}/response`)
        .set(bearer(health))
        .send({ summary: 'Not known to us.', knownToAgency: false })
        .expect(201);
      await waitFor(
        seen,
        flagged((f) => !f.includes('AWAITING_INFORMATION') && f.includes('INFORMATION_RECEIVED')),
        5000,
      );
    } finally {
      socket.close();
    }
  });

  it('should need openRequestsReason for a decision while requests are open, and keep it on the decision', async () => {
    const rationale = 'Bruising explained by the school; the family engaged at once and accept early help.';
    const decide = (contactId: string, body: Body = {}) =>
      t
        .http()
        .post(`/api/contacts/${contactId}/decision`)
        .set(bearer(screener))
        .send({ level: 2, outcome: 'EARLY_HELP', rationale, ...body });
    const c = await claimed();
    const [policeRequest] = (
      await ask(c.id, {
        agencies: [agencies['Cleveland Police']],
        questions: QUESTIONS,
        lawfulBasis: 'CONSENT',
      }).expect(201)
    ).body.requests as { id: string }[];
    const refused = await decide(c.id).expect(400);
    expect(refused.body.error.details).toEqual([
      {
        field: 'openRequestsReason',
        message: expect.stringContaining('1 information request is not answered'),
      },
    ]);
    await decide(c.id, { openRequestsReason: 'short' }).expect(400);
    const status = async () =>
      (
        (await t.dataSource.query(`select status from contact where id = $1`, [c.id])) as { status: string }[]
      )[0].status;
    expect(await status()).toBe('IN_SCREENING');
    const decided = await decide(c.id, {
      openRequestsReason: 'Police said on the phone they hold nothing recent.',
    }).expect(201);
    expect(decided.body.decision.openRequestsReason).toBe(
      'Police said on the phone they hold nothing recent.',
    );
    // once answered, no reason is asked (and none kept)
    const d = await claimed();
    const [answered] = (
      await ask(d.id, {
        agencies: [agencies['Cleveland Police']],
        questions: QUESTIONS,
        lawfulBasis: 'CONSENT',
      }).expect(201)
    ).body.requests as { id: string }[];
    await t
      .http()
      .post(`/api/information-requests/${answered.id}/response`)
      .set(bearer(police))
      .send({ summary: 'Nothing held.', knownToAgency: false })
      .expect(201);
    const plain = await decide(d.id, { openRequestsReason: 'Not needed any more but sent anyway.' }).expect(
      201,
    );
    expect(plain.body.decision.openRequestsReason).toBeUndefined();
    expect(policeRequest.id).toBeDefined();
  });

  it('should take answers as versions, a refusal with its reason, and show both on the contact', async () => {
    const c = await claimed();
    const [policeRequest, healthRequest] = (await askBoth(c.id).expect(201)).body.requests as {
      id: string;
    }[];
    const answer = (id: string, token: string, body: Body) =>
      t.http().post(`/api/information-requests/${id}/response`).set(bearer(token)).send(body);

    const first = await answer(policeRequest.id, police, {
      summary: 'Two call-outs to the address this year (verbal disputes).',
      knownToAgency: true,
      details: 'Both in March; no arrests.',
    }).expect(201);
    expect(first.body).toMatchObject({ version: 1, status: 'ANSWERED' });
    const amended = await answer(policeRequest.id, police, {
      summary: 'Three call-outs this year: one more in June.',
      knownToAgency: true,
    }).expect(201);
    expect(amended.body).toMatchObject({ version: 2, status: 'ANSWERED' });

    await t
      .http()
      .post(`/api/information-requests/${healthRequest.id}/decline`)
      .set(bearer(health))
      .send({ reason: 'Not registered with a practice in our area.' })
      .expect(201);
    await t
      .http()
      .post(`/api/information-requests/${healthRequest.id}/decline`)
      .set(bearer(health))
      .send({ reason: 'Declined twice is no new state.' })
      .expect(409);

    const contact = await t.http().get(`/api/contacts/${c.id}`).set(bearer(screener)).expect(200);
    const shown = contact.body.informationRequests as {
      agencyName: string;
      status: string;
      responses: { version: number; kind: string; summary?: string; declineReason?: string }[];
    }[];
    expect(shown.map((r) => [r.agencyName, r.status, r.responses.map((v) => [v.version, v.kind])])).toEqual([
      [
        'Cleveland Police',
        'ANSWERED',
        [
          [1, 'ANSWER'],
          [2, 'ANSWER'],
        ],
      ],
      ['South Tees Health', 'DECLINED', [[1, 'DECLINE']]],
    ]);
    // the asked agency sees only its own answers
    const policeView = await t
      .http()
      .get(`/api/information-requests/${policeRequest.id}`)
      .set(bearer(police))
      .expect(200);
    expect(JSON.stringify(policeView.body)).not.toContain('Not registered');
    const audit = (await t.dataSource.query(
      `select action from audit_entry where entity_id = any($1::text[]) order by id`,
      [[policeRequest.id, healthRequest.id]],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'INFORMATION_REQUESTED',
        'INFORMATION_ANSWERED',
        'INFORMATION_DECLINED',
        'INFORMATION_REQUEST_VIEWED',
      ]),
    );
    expect(
      JSON.stringify(
        await t.dataSource.query(`select details from audit_entry where entity_id = $1`, [policeRequest.id]),
      ),
    ).not.toContain('call-outs');
  });

  it('should take a partner system’s retried answer once (Idempotency-Key), and refuse the key with another body', async () => {
    const c = await claimed();
    const [policeRequest] = (await askBoth(c.id).expect(201)).body.requests as { id: string }[];
    const send = (body: Body, key: string) =>
      t
        .http()
        .post(`/api/information-requests/${policeRequest.id}/response`)
        .set(bearer(police))
        .set('Idempotency-Key', key)
        .send(body);
    const key = `answer-${randomUUID()}`;
    const body = { summary: 'One call-out in March.', knownToAgency: true };
    const first = await send(body, key).expect(201);
    const retry = await send(body, key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    await send({ ...body, summary: 'Something else.' }, key).expect(422);
    await send(body, 'not a key!').expect(400);
    const versions = (await t.dataSource.query(
      `select count(*)::int as n from information_response where request_id = $1`,
      [policeRequest.id],
    )) as { n: number }[];
    expect(versions[0].n).toBe(1);
  });

  it('should let who asked, or a manager, chase an open request, and nobody else', async () => {
    const c = await claimed();
    const [policeRequest] = (await askBoth(c.id).expect(201)).body.requests as { id: string }[];
    const chase = (token: string, body: Body = {}) =>
      t.http().post(`/api/information-requests/${policeRequest.id}/chase`).set(bearer(token)).send(body);
    expect((await chase(screener, { note: 'Phoned the PPU desk.' }).expect(201)).body.chases).toBe(1);
    expect((await chase(manager).expect(201)).body.chases).toBe(2);
    await chase(screener2).expect(403);
    await chase(police).expect(403);
    const view = await t
      .http()
      .get(`/api/information-requests/${policeRequest.id}`)
      .set(bearer(screener))
      .expect(200);
    expect(view.body.chases).toEqual([
      expect.objectContaining({
        note: 'Phoned the PPU desk.',
        chasedBy: expect.objectContaining({ name: 'Sam Screener' }),
      }),
      expect.objectContaining({ chasedBy: expect.objectContaining({ name: 'Morgan Manager' }) }),
    ]);
    await t
      .http()
      .post(`/api/information-requests/${policeRequest.id}/response`)
      .set(bearer(police))
      .send({ summary: 'Not known to us.', knownToAgency: false })
      .expect(201);
    await chase(screener).expect(409);
  });

  it('should refuse what is not allowed, with field details, and store nothing', async () => {
    const refused = await claimed({ consent: { status: 'REFUSED', reason: 'Mother refused on the phone.' } });
    const count = async () =>
      (
        (await t.dataSource.query(
          `select count(*)::int as n from information_request where contact_id = $1`,
          [refused.id],
        )) as { n: number }[]
      )[0].n;
    const police1 = agencies['Cleveland Police'];
    const cases: [Body, string][] = [
      [{ agencies: [police1], questions: QUESTIONS, lawfulBasis: 'CONSENT' }, 'lawfulBasis'],
      [
        { agencies: [police1], questions: QUESTIONS, lawfulBasis: 'PUBLIC_TASK_S47' },
        'consentOverrideReason',
      ],
      [
        {
          agencies: [],
          questions: QUESTIONS,
          lawfulBasis: 'PUBLIC_TASK_S47',
          consentOverrideReason: 'Risk of significant harm.',
        },
        'agencies',
      ],
      [
        {
          agencies: [police1, police1],
          questions: QUESTIONS,
          lawfulBasis: 'VITAL_INTERESTS',
          consentOverrideReason: 'Risk of significant harm.',
        },
        'agencies',
      ],
      [
        {
          agencies: [randomUUID()],
          questions: QUESTIONS,
          lawfulBasis: 'VITAL_INTERESTS',
          consentOverrideReason: 'Risk of significant harm.',
        },
        'agencies.0',
      ],
      [
        {
          agencies: [agencies.MACH],
          questions: QUESTIONS,
          lawfulBasis: 'VITAL_INTERESTS',
          consentOverrideReason: 'Risk of significant harm.',
        },
        'agencies.0',
      ],
      [
        {
          agencies: [police1],
          questions: 'short',
          lawfulBasis: 'VITAL_INTERESTS',
          consentOverrideReason: 'Risk of significant harm.',
        },
        'questions',
      ],
      [{ agencies: [police1], questions: QUESTIONS, lawfulBasis: 'BECAUSE' }, 'lawfulBasis'],
    ];
    for (const [body, field] of cases) {
      const res = await ask(refused.id, body).expect(400);
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect(await count()).toBe(0);

    // without consent, with the basis and the reason: asked, and the reason kept
    const ok = await ask(refused.id, {
      agencies: [police1],
      questions: QUESTIONS,
      lawfulBasis: 'PUBLIC_TASK_S47',
      consentOverrideReason: 'Risk of significant harm: an s47 enquiry is likely.',
    }).expect(201);
    const view = await t
      .http()
      .get(`/api/information-requests/${ok.body.requests[0].id}`)
      .set(bearer(police))
      .expect(200);
    expect(view.body.consentOverrideReason).toContain('s47');
    // the same agency again while its request is open
    const again = await ask(refused.id, {
      agencies: [police1],
      questions: QUESTIONS,
      lawfulBasis: 'PUBLIC_TASK_S47',
      consentOverrideReason: 'Risk of significant harm: an s47 enquiry is likely.',
    }).expect(400);
    expect(again.body.error.details[0]).toMatchObject({ field: 'agencies.0' });
    expect(await count()).toBe(1);

    // not the claim holder; not MACH staff; an unknown contact
    await ask(
      refused.id,
      {
        agencies: [agencies['South Tees Health']],
        questions: QUESTIONS,
        lawfulBasis: 'PUBLIC_TASK_S47',
        consentOverrideReason: 'Risk of significant harm.',
      },
      screener2,
    ).expect(403);
    await ask(
      refused.id,
      { agencies: [agencies['South Tees Health']], questions: QUESTIONS, lawfulBasis: 'CONSENT' },
      police,
    ).expect(403);
    await ask(randomUUID(), { agencies: [police1], questions: QUESTIONS, lawfulBasis: 'CONSENT' }).expect(
      404,
    );
    // answers need a summary and a yes or no
    await t
      .http()
      .post(`/api/information-requests/${ok.body.requests[0].id}/response`)
      .set(bearer(police))
      .send({ knownToAgency: 'maybe' })
      .expect(400);
  });

  it('should ask about every child of a DA notification triaged to a contact, by who triaged it or a manager', async () => {
    const u = randomUUID().slice(0, 6);
    const child = (name: string) => ({
      firstName: `${name}${u}`,
      lastName: 'Hale',
      dateOfBirth: '2016-06-06',
      present: true,
      witnessed: true,
      injured: false,
    });
    const submit = async () =>
      (
        await t
          .http()
          .post('/api/da-notifications')
          .set(bearer(police))
          .send(notificationBody({ children: [child('Ada'), child('Ben')] }))
          .expect(201)
      ).body as { id: string };
    const triage = (id: string, outcome: string) =>
      t
        .http()
        .post(`/api/da-notifications/${id}/triage`)
        .set(bearer(screener))
        .send({ outcome, rationale: 'Children present and witnessed; a contact for each child.' })
        .expect(201);
    const body = {
      agencies: [agencies['South Tees Health']],
      questions: QUESTIONS,
      lawfulBasis: 'PUBLIC_TASK_S17',
      consentOverrideReason: 'Consent not sought after a police notification; child in need checks.',
    };
    const notification = await submit();
    await triage(notification.id, 'CONTACT');
    await t
      .http()
      .post(`/api/da-notifications/${notification.id}/information-requests`)
      .set(bearer(screener2))
      .send(body)
      .expect(403);
    const res = await t
      .http()
      .post(`/api/da-notifications/${notification.id}/information-requests`)
      .set(bearer(screener))
      .send(body)
      .expect(201);
    const requests = res.body.requests as { contactId: string; agencyName: string }[];
    expect(requests).toHaveLength(2);
    expect(new Set(requests.map((r) => r.contactId)).size).toBe(2);
    expect(requests.every((r) => r.agencyName === 'South Tees Health')).toBe(true);
    // asked again: each contact has its open request already
    const again = await t
      .http()
      .post(`/api/da-notifications/${notification.id}/information-requests`)
      .set(bearer(manager))
      .send(body)
      .expect(400);
    expect(again.body.error.details[0].field).toBe('agencies.0');
    // information only: no contact to ask about
    const quiet = await submit();
    await triage(quiet.id, 'INFORMATION_ONLY');
    await t
      .http()
      .post(`/api/da-notifications/${quiet.id}/information-requests`)
      .set(bearer(manager))
      .send(body)
      .expect(409);
    await t
      .http()
      .post(`/api/da-notifications/${randomUUID()}/information-requests`)
      .set(bearer(manager))
      .send(body)
      .expect(404);
  });

  it('should settle two requests to one agency at once: one request, the other refused', async () => {
    const c = await claimed({ immediateRisk: false, categories: ['NEGLECT'] });
    const body = {
      agencies: [agencies['Cleveland Police']],
      questions: QUESTIONS,
      lawfulBasis: 'CONSENT',
    };
    const results = await Promise.all([ask(c.id, body), ask(c.id, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    const rows = (await t.dataSource.query(
      `select count(*)::int as n from information_request where contact_id = $1`,
      [c.id],
    )) as { n: number }[];
    expect(rows[0].n).toBe(1);
  });

  // decision 0029: the decision holds the contact (FOR NO KEY UPDATE) before it counts the open
  // requests, a request holds it (FOR SHARE) while it adds one; so a request and a decision at
  // once are either the decision first (the request refused: the contact is decided) or the
  // request first (the decision refused: a request is open and no reason was given), never both
  it('should settle a request and a decision at once: never a decision that did not count a request', async () => {
    const rationale = 'Bruising explained by the school; the family engaged at once and accept early help.';
    for (let round = 0; round < 8; round++) {
      const c = await claimed({ immediateRisk: false, categories: ['NEGLECT'] });
      const [asked, decided] = await Promise.all([
        ask(c.id, { agencies: [agencies['Cleveland Police']], questions: QUESTIONS, lawfulBasis: 'CONSENT' }),
        t
          .http()
          .post(`/api/contacts/${c.id}/decision`)
          .set(bearer(screener))
          .send({ level: 2, outcome: 'EARLY_HELP', rationale }),
      ]);
      const pair = `${asked.status}/${decided.status}`;
      expect(['409/201', '201/400']).toContain(pair);
      const [row] = (await t.dataSource.query(
        `select (select count(*)::int from information_request r where r.contact_id = c.id) as requests,
                (select count(*)::int from threshold_decision d where d.contact_id = c.id) as decisions
           from contact c where c.id = $1`,
        [c.id],
      )) as { requests: number; decisions: number }[];
      expect(row).toEqual(pair === '409/201' ? { requests: 0, decisions: 1 } : { requests: 1, decisions: 0 });
    }
  });
});
