import { randomUUID } from 'node:crypto';
import { mkdtempSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import yauzl from 'yauzl';
import { SettableClock } from '@app/core';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';
import { notificationBody } from '../support/notifications';
import { ALL_THREE, RATIONALE } from '../strategy/support';

const SAMPLE = join(
  __dirname,
  '..',
  '..',
  'libs',
  'returns',
  'src',
  'annex-a',
  'reference',
  'Annex_A_2024_Jan_sample.xlsx',
);
// Monday 3 November 2025 10:00 (GMT), in the six months to 31 March 2026
const MONDAY = '2025-11-03T10:00:00.000Z';
const AS_OF = '2026-03-31';
const FROM = '2025-10-01';
const LISTS = ['List 1', 'List 3', 'List 5'];
const DECIDED = 'Child disclosed being hit with a belt; marks seen by the class teacher this morning.';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

type Row = (string | number | Date | null)[];
type Lists = Record<string, { headings: string[]; rows: Row[] }>;

// supertest: the body as bytes
function binary(res: Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function readXlsx(
  body: Buffer,
): Promise<{ names: string[]; lists: Lists; workbook: ExcelJS.Workbook }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  const lists: Lists = {};
  workbook.eachSheet((sheet) => {
    const values: Row[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: Row = [];
      for (let i = 1; i <= sheet.columnCount; i++) cells.push((row.getCell(i).value as Row[number]) ?? null);
      values.push(cells);
    });
    lists[sheet.name] = { headings: values[0] as string[], rows: values.slice(1) };
  });
  return { names: workbook.worksheets.map((s) => s.name), lists, workbook };
}

function unzip(body: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(body, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

// our values are never quoted (no commas, quotes or line breaks in them)
const csvRows = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
const asCsv = (value: Row[number]) =>
  value === null
    ? ''
    : value instanceof Date
      ? `${String(value.getUTCDate()).padStart(2, '0')}/${String(value.getUTCMonth() + 1).padStart(2, '0')}/${value.getUTCFullYear()}`
      : String(value);

async function sampleHeadings(): Promise<Record<string, string[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(SAMPLE);
  return Object.fromEntries(
    LISTS.map((name) => [name, (workbook.getWorksheet(name)!.getRow(1).values as string[]).slice(1)]),
  );
}

// issue 19 item 1: Ofsted's Annex A lists 1, 3 and 5 from a scripted half-year of the front
// door's own work, in the template's sheets, headings and labels
describe('returns: Ofsted Annex A lists 1, 3 and 5 (issue 19)', () => {
  let t: TestApp;
  let clock: SettableClock;
  let screener: string;
  let manager: string;
  let police: string;
  let screenerName: string;
  const u = randomUUID().slice(0, 6);
  const ids: Record<string, string> = {};

  const as = bearer;
  const contact = async (over: Body = {}, claim = true) => {
    const made = (await t.http().post('/api/contacts').set(as(screener)).send(contactBody(over)).expect(201))
      .body as { id: string };
    if (claim) await t.http().post(`/api/contacts/${made.id}/claim`).set(as(screener)).send({}).expect(200);
    return made.id;
  };
  const laChildIdOf = async (contactId: string) =>
    (
      (await t.dataSource.query(
        `select ch.id, ch.la_child_id from contact c join child ch on ch.id = c.child_id where c.id = $1`,
        [contactId],
      )) as { id: string; la_child_id: string }[]
    )[0];
  const decide = (contactId: string, body: Body) =>
    t.http().post(`/api/contacts/${contactId}/decision`).set(as(screener)).send(body).expect(201);
  // a DA notification from Cleveland Police, triaged `outcome`; the laChildId of its child
  const notification = async (first: string, riskLevel: string, dashScore: number, outcome: string) => {
    const body = notificationBody({
      incidentAt: '2025-11-02T22:00:00Z',
      riskLevel,
      dashScore,
      children: [
        {
          firstName: first,
          lastName: 'Annex',
          dateOfBirth: '2018-03-03',
          present: false,
          witnessed: false,
          injured: false,
        },
      ],
    });
    const made = (await t.http().post('/api/da-notifications').set(as(police)).send(body).expect(201))
      .body as {
      id: string;
      suggestion: { outcome: string };
    };
    expect(made.suggestion.outcome).toBe(outcome);
    await t
      .http()
      .post(`/api/da-notifications/${made.id}/triage`)
      .set(as(screener))
      .send({ outcome })
      .expect(201);
    const [child] = (await t.dataSource.query(
      `select ch.la_child_id from da_notification_child dc join child ch on ch.id = dc.child_id where dc.notification_id = $1`,
      [made.id],
    )) as { la_child_id: string }[];
    return child.la_child_id;
  };
  // a strategy discussion decided on Monday 3 November and held on Tuesday 4 with `outcome`
  const discussion = async (outcome: string, child: Body) => {
    clock.set(MONDAY);
    const c = await contact({ immediateRisk: true, child });
    const d = await decide(c, {
      level: 4,
      outcome: 'STRATEGY_DISCUSSION',
      primaryNeedCode: 'N1',
      rationale: DECIDED,
    });
    const id = d.body.strategyDiscussion.id as string;
    clock.set('2025-11-04T11:00:00Z');
    await t
      .http()
      .post(`/api/strategy-discussions/${id}/record`)
      .set(as(screener))
      .send({
        heldAt: '2025-11-04T10:00:00Z',
        attendance: ALL_THREE.map((a) => ({ agency: a.agency, status: 'ATTENDED' })),
        outcome,
        rationale: RATIONALE,
        actions: [],
      })
      .expect(200);
    return { contactId: c, discussionId: id };
  };
  const download = (query: string, token = manager) =>
    t.http().get(`/api/returns/annex-a?${query}`).set(as(token)).buffer(true).parse(binary);

  beforeAll(async () => {
    clock = new SettableClock('2025-09-15T10:00:00Z');
    t = await createTestApp({ clock });
    [screener, manager, police] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
      t.login('police@cleveland.example'),
    ]);
    [{ name: screenerName }] = (await t.dataSource.query(
      `select name from app_user where email = 'screener@mach.example'`,
    )) as { name: string }[];

    // before the six months: not listed
    ids.early = (
      await laChildIdOf(
        await contact(
          { child: { firstName: `Eve${u}`, lastName: 'Annex', dateOfBirth: '2015-05-05' } },
          false,
        ),
      )
    ).la_child_id;

    clock.set(MONDAY);
    // a school's contact, referred for an assessment; a second contact from the school the same
    // day is the same List 1 row (the template's key: child, date of contact, source)
    const ada = { firstName: `Ada${u}`, lastName: 'Annex', dateOfBirth: '2014-02-03', sex: 'F' };
    const adaContact = await contact({ child: ada });
    await contact({ child: ada }, false);
    await decide(adaContact, {
      level: 3,
      outcome: 'SOCIAL_CARE_ASSESSMENT',
      primaryNeedCode: 'N4',
      rationale: DECIDED,
    });
    const adaChild = await laChildIdOf(adaContact);
    ids.ada = adaChild.la_child_id;
    await t
      .http()
      .patch(`/api/children/${adaChild.id}`)
      .set(as(screener))
      .send({ ethnicity: 'WBRI', disabilities: ['NONE'], reason: 'Confirmed with the school office today.' })
      .expect(200);

    // an unborn child: no date of birth, no age
    ids.unborn = (
      await laChildIdOf(
        await contact(
          { child: { firstName: `Una${u}`, lastName: 'Annex', expectedDateOfBirth: '2026-01-15' } },
          false,
        ),
      )
    ).la_child_id;

    // the police: a notification triaged as a contact, and one for information only
    ids.kai = await notification(`Kai${u}`, 'MEDIUM', 11, 'CONTACT');
    ids.lou = await notification(`Lou${u}`, 'STANDARD', 5, 'INFORMATION_ONLY');

    // a joint s47 enquiry, concerns substantiated, an ICPC on Thursday 20 November with a plan
    const ben = await discussion('S47_JOINT', {
      firstName: `Ben${u}`,
      lastName: 'Annex',
      dateOfBirth: '2016-06-01',
      sex: 'M',
    });
    ids.ben = (await laChildIdOf(ben.contactId)).la_child_id;
    clock.set('2025-11-14T12:00:00Z');
    await t
      .http()
      .post(`/api/strategy-discussions/${ben.discussionId}/s47-outcome`)
      .set(as(screener))
      .send({
        concludedAt: '2025-11-14T11:00:00Z',
        outcome: 'CONCERNS_SUBSTANTIATED_ICPC',
        rationale: RATIONALE,
      })
      .expect(200);
    clock.set('2025-11-20T12:00:00Z');
    await t
      .http()
      .post(`/api/strategy-discussions/${ben.discussionId}/icpc`)
      .set(as(screener))
      .send({ heldAt: '2025-11-20T10:00:00Z', childProtectionPlan: true, category: 'PHY' })
      .expect(200);

    // a strategy discussion that decided no further action
    const cai = await discussion('NFA', {
      firstName: `Cai${u}`,
      lastName: 'Annex',
      dateOfBirth: '2019-12-25',
      sex: 'U',
    });
    ids.cai = (await laChildIdOf(cai.contactId)).la_child_id;

    clock.set('2026-04-01T09:00:00Z');
  });
  afterAll(() => t.close());

  const ours = (rows: Row[]) => rows.filter((r) => Object.values(ids).includes(String(r[0])));
  const rowOf = (rows: Row[], laChildId: string) => rows.filter((r) => r[0] === laChildId);

  it('should stream the template’s workbook: its sheets and headings, a row per contact, referral and s47 enquiry', async () => {
    const res = await download(`asOf=${AS_OF}`).expect(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe(`attachment; filename="annex-a-${AS_OF}.xlsx"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const { names, lists, workbook } = await readXlsx(res.body as Buffer);
    expect(names).toEqual(LISTS);
    const template = await sampleHeadings();
    for (const name of LISTS) expect(lists[name].headings).toEqual(template[name]);

    // List 1: one row per child, date and source; the INFORMATION_ONLY child is not a contact
    const list1 = ours(lists['List 1'].rows);
    expect(list1).toHaveLength(5);
    const nov3 = new Date(Date.UTC(2025, 10, 3));
    expect(rowOf(list1, ids.ada)).toEqual([
      [ids.ada, 'b) Female', 'a) WBRI', new Date(Date.UTC(2014, 1, 3)), 11, nov3, 'e) 2A: Schools'],
    ]);
    expect(rowOf(list1, ids.unborn)).toEqual([
      [ids.unborn, 'c) Not stated/recorded', 's) NOBT', null, null, nov3, 'e) 2A: Schools'],
    ]);
    expect(rowOf(list1, ids.kai)).toEqual([
      [ids.kai, 'c) Not stated/recorded', 's) NOBT', new Date(Date.UTC(2018, 2, 3)), 7, nov3, 'q) 6: Police'],
    ]);
    expect(rowOf(list1, ids.ben)).toEqual([
      [ids.ben, 'a) Male', 's) NOBT', new Date(Date.UTC(2016, 5, 1)), 9, nov3, 'e) 2A: Schools'],
    ]);
    expect(rowOf(list1, ids.lou)).toEqual([]);
    expect(rowOf(list1, ids.early)).toEqual([]);
    // the dates are date cells, shown dd/mm/yyyy
    const sheet1 = workbook.getWorksheet('List 1')!;
    const adaRow = lists['List 1'].rows.findIndex((r) => r[0] === ids.ada) + 2;
    for (const column of [4, 6]) {
      expect(sheet1.getRow(adaRow).getCell(column).type).toBe(ExcelJS.ValueType.Date);
      expect(sheet1.getRow(adaRow).getCell(column).numFmt).toBe('dd/mm/yyyy');
    }

    // List 3: each referral, its child also in List 1
    const list3 = ours(lists['List 3'].rows);
    expect(list3.map((r) => r[0]).sort()).toEqual([ids.ada, ids.ben, ids.cai].sort());
    const listed = new Set(lists['List 1'].rows.map((r) => r[0]));
    for (const row of lists['List 3'].rows) expect(listed.has(row[0])).toBe(true);
    expect(rowOf(list3, ids.ada)).toEqual([
      [
        ids.ada,
        'b) Female',
        'a) WBRI',
        new Date(Date.UTC(2014, 1, 3)),
        11,
        nov3,
        'e) 2A: Schools',
        'b) No',
        1,
        null,
        screenerName,
      ],
    ]);
    expect(rowOf(list3, ids.cai)).toEqual([
      [
        ids.cai,
        'c) Not stated/recorded',
        's) NOBT',
        new Date(Date.UTC(2019, 11, 25)),
        5,
        nov3,
        'e) 2A: Schools',
        'a) Yes',
        1,
        null,
        screenerName,
      ],
    ]);
    expect(rowOf(list3, ids.ben)[0][7]).toBe('b) No');

    // List 5: the s47 enquiry, its conference and plan
    expect(ours(lists['List 5'].rows)).toEqual([
      [
        ids.ben,
        'a) Male',
        's) NOBT',
        new Date(Date.UTC(2016, 5, 1)),
        9,
        'c) Unknown',
        new Date(Date.UTC(2025, 10, 4)),
        'b) No',
        new Date(Date.UTC(2025, 10, 20)),
        'a) Yes',
        1,
        1,
        null,
        screenerName,
      ],
    ]);

    // audited: who, which return, the period, the format and the rows of each list
    const [audit] = (await t.dataSource.query(
      `select details from audit_entry where action = 'RETURN_EXPORTED' order by id desc limit 1`,
    )) as { details: Record<string, unknown> }[];
    expect(audit.details).toEqual({
      return: 'ANNEX_A',
      asOf: AS_OF,
      from: FROM,
      format: 'xlsx',
      list1: lists['List 1'].rows.length,
      list3: lists['List 3'].rows.length,
      list5: lists['List 5'].rows.length,
      complete: true,
    });

    // the counts the console shows before the download agree
    const counts = await t
      .http()
      .get(`/api/returns/annex-a/counts?asOf=${AS_OF}`)
      .set(as(manager))
      .expect(200);
    expect(counts.body).toEqual({
      asOf: AS_OF,
      from: FROM,
      lists: LISTS.map((list) => ({ list, rows: lists[list].rows.length })),
    });
    const [checked] = (await t.dataSource.query(
      `select details from audit_entry where action = 'RETURN_CHECKED' order by id desc limit 1`,
    )) as { details: Record<string, unknown> }[];
    expect(checked.details).toEqual({
      return: 'ANNEX_A',
      asOf: AS_OF,
      from: FROM,
      list1: lists['List 1'].rows.length,
      list3: lists['List 3'].rows.length,
      list5: lists['List 5'].rows.length,
    });
  });

  it('should zip the same rows as three csv files with dd/mm/yyyy dates, Sex for Gender with heading=sex', async () => {
    const { lists } = await readXlsx(
      (await download(`asOf=${AS_OF}&format=xlsx`).expect(200)).body as Buffer,
    );
    const res = await download(`asOf=${AS_OF}&format=csv&heading=sex`).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="annex-a-${AS_OF}.zip"`);
    const files = await unzip(res.body as Buffer);
    expect([...files.keys()]).toEqual(['list1.csv', 'list3.csv', 'list5.csv']);
    LISTS.forEach((name, i) => {
      const [headings, ...rows] = csvRows(files.get(`list${name.slice(-1)}.csv`)!);
      expect(headings).toEqual(lists[name].headings.map((h) => (h === 'Gender' ? 'Sex' : h)));
      expect(rows).toEqual(lists[name].rows.map((r) => r.map(asCsv)));
      expect(i).toBeLessThan(3);
    });
    expect(csvRows(files.get('list1.csv')!).find((r) => r[0] === ids.ada)).toEqual([
      ids.ada,
      'b) Female',
      'a) WBRI',
      '03/02/2014',
      '11',
      '03/11/2025',
      'e) 2A: Schools',
    ]);

    const sex = await readXlsx((await download(`asOf=${AS_OF}&heading=sex`).expect(200)).body as Buffer);
    for (const name of LISTS) expect(sex.lists[name].headings[1]).toBe('Sex');
  });

  it('should refuse a screener with 403, and a date or format that is not one by field with 400', async () => {
    const screenerRes = await download(`asOf=${AS_OF}`, screener).expect(403);
    expect(JSON.parse((screenerRes.body as Buffer).toString('utf8')).error.code).toBe('FORBIDDEN');
    await t.http().get(`/api/returns/annex-a/counts?asOf=${AS_OF}`).set(as(screener)).expect(403);
    for (const [query, field] of [
      ['asOf=2026-02-30', 'asOf'],
      [`asOf=${AS_OF}&format=pdf`, 'format'],
      [`asOf=${AS_OF}&heading=gendre`, 'heading'],
      ['format=csv', 'asOf'],
    ]) {
      const res = await t.http().get(`/api/returns/annex-a?${query}`).set(as(manager)).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect((res.body.error.details as { field: string }[]).map((d) => d.field)).toEqual([field]);
    }
    const counts = await t
      .http()
      .get('/api/returns/annex-a/counts?asOf=2026-13-01')
      .set(as(manager))
      .expect(400);
    expect(counts.body.error.details[0].field).toBe('asOf');
  });
});

// config/returns.yml annexA.informationOnlyNotificationsAsContacts: a council whose inspectors
// count INFORMATION_ONLY notifications lists their children in List 1, from the police
describe('returns: Annex A with INFORMATION_ONLY notifications as contacts (config/returns.yml)', () => {
  it('should list the child of an INFORMATION_ONLY notification as a contact from the police on the day it came', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    cpSync('config', dir, { recursive: true });
    const file = join(dir, 'returns.yml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'informationOnlyNotificationsAsContacts: false',
        'informationOnlyNotificationsAsContacts: true',
      ),
    );
    const clock = new SettableClock(MONDAY);
    const t = await createTestApp({ clock, env: { POLICY_DIR: dir } });
    try {
      const [police, screener, manager] = await Promise.all([
        t.login('police@cleveland.example'),
        t.login('screener@mach.example'),
        t.login('manager@mach.example'),
      ]);
      const made = await t
        .http()
        .post('/api/da-notifications')
        .set(bearer(police))
        .send(notificationBody({ incidentAt: '2025-11-02T22:00:00Z' }))
        .expect(201);
      await t
        .http()
        .post(`/api/da-notifications/${made.body.id}/triage`)
        .set(bearer(screener))
        .send({ outcome: 'INFORMATION_ONLY' })
        .expect(201);
      const [{ la_child_id: lou }] = (await t.dataSource.query(
        `select ch.la_child_id from da_notification_child dc join child ch on ch.id = dc.child_id where dc.notification_id = $1`,
        [made.body.id],
      )) as { la_child_id: string }[];
      clock.set('2026-04-01T09:00:00Z');
      const res = await t
        .http()
        .get(`/api/returns/annex-a?asOf=${AS_OF}`)
        .set(bearer(manager))
        .buffer(true)
        .parse(binary)
        .expect(200);
      const { lists } = await readXlsx(res.body as Buffer);
      expect(lists['List 1'].rows.filter((r) => r[0] === lou)).toEqual([
        [
          lou,
          'c) Not stated/recorded',
          's) NOBT',
          new Date(Date.UTC(2018, 2, 3)),
          7,
          new Date(Date.UTC(2025, 10, 3)),
          'q) 6: Police',
        ],
      ]);
      expect(lists['List 3'].rows.filter((r) => r[0] === lou)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
