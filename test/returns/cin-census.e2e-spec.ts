import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { create } from 'xmlbuilder2';
import { SettableClock } from '@app/core';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';
import { RATIONALE } from '../strategy/support';
import { DECIDED, FRIDAY, scriptedYear, upnOf } from './support';

const XSD = join(__dirname, '..', '..', 'libs', 'returns', 'src', 'cin', 'reference', 'CIN_schema_2026.xsd');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);

// issue 19 item 2 (decision 0030): the DfE children in need census from a scripted year of the
// front door's own work, valid against CIN_schema_2026.xsd by xmllint, one Child per child, and
// each referral, section 47 enquiry, ICPC and plan where the records put them
describe('returns: the CIN census XML (issue 19)', () => {
  let t: TestApp;
  let clock: SettableClock;
  let screener: string;
  let manager: string;

  beforeAll(async () => {
    clock = new SettableClock(FRIDAY);
    t = await createTestApp({ clock });
    [screener, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
    ]);
  });
  afterAll(() => t.close());

  const as = bearer;
  const year = () => scriptedYear(t, clock, screener);
  const childOf = (contactId: string) => year().childOf(contactId);
  const discussion = (outcome: string, first: string) => year().discussion(outcome, first);
  const referred = (child: Body, primaryNeedCode: string) => year().referred(child, primaryNeedCode);

  it('should return the year as valid census XML, each child once with what the front door recorded', async () => {
    const u = randomUUID().slice(0, 6);
    // a referral for an assessment, the child's demographics corrected on the record
    const assessed = await referred(
      { firstName: `Ada${u}`, lastName: 'Census', dateOfBirth: '2014-02-03' },
      'N4',
    );
    const ada = await childOf(assessed.id);
    await t
      .http()
      .patch(`/api/children/${ada.child_id}`)
      .set(as(screener))
      .send({
        sex: 'F',
        ethnicity: 'WBRI',
        disabilities: ['AUT', 'COMM'],
        upn: 'B801204001011',
        reason: 'Confirmed with the school office today.',
      })
      .expect(200);

    // a joint s47 enquiry, concerns substantiated, an ICPC on Wednesday 28 May with a plan
    const s47 = await discussion('S47_JOINT', `Ben${u}`);
    clock.set('2025-05-20T12:00:00Z');
    await t
      .http()
      .post(`/api/strategy-discussions/${s47.discussionId}/s47-outcome`)
      .set(as(screener))
      .send({
        concludedAt: '2025-05-20T11:00:00Z',
        outcome: 'CONCERNS_SUBSTANTIATED_ICPC',
        rationale: RATIONALE,
      })
      .expect(200);
    clock.set('2025-05-28T12:00:00Z');
    await t
      .http()
      .post(`/api/strategy-discussions/${s47.discussionId}/icpc`)
      .set(as(screener))
      .send({ heldAt: '2025-05-28T10:00:00Z', childProtectionPlan: true, category: 'PHY' })
      .expect(200);
    const ben = await childOf(s47.contactId);

    // a strategy discussion that decided no further action
    const nfa = await discussion('NFA', `Cai${u}`);
    const cai = await childOf(nfa.contactId);

    clock.set('2026-04-02T09:00:00Z');
    const res = await t
      .http()
      .get('/api/returns/cin-census?year=2026')
      .set(as(manager))
      .buffer(true)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="cin-census-2026.xml"');
    const xml = res.text;

    // valid against the DfE schema of the year, by xmllint
    const file = join(mkdtempSync(join(tmpdir(), 'cin-')), 'cin-census-2026.xml');
    writeFileSync(file, xml);
    expect(
      execFileSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: 'pipe' }),
    ).toBe('');

    const message = create(xml).end({ format: 'object' }) as { Message: Node };
    const header = message.Message.Header as Node;
    expect(header).toEqual({
      CollectionDetails: { Collection: 'CIN', Year: '2026', ReferenceDate: '2026-03-31' },
      Source: { SourceLevel: 'L', LEA: '806', SoftwareCode: 'Front door', DateTime: '2026-04-02T09:00:00Z' },
    });
    const children = list((message.Message.Children as Node).Child);
    const byId = (id: string) => children.filter((c) => (c.ChildIdentifiers as Node).LAchildID === id);
    for (const c of [ada, ben, cai]) {
      expect(c.la_child_id).toMatch(/^FD\d{10}$/);
      expect(byId(c.la_child_id)).toHaveLength(1);
    }
    expect(byId(ada.la_child_id)[0]).toEqual({
      ChildIdentifiers: {
        LAchildID: ada.la_child_id,
        UPN: 'B801204001011',
        PersonBirthDate: '2014-02-03',
        Sex: 'F',
      },
      ChildCharacteristics: { Ethnicity: 'WBRI', Disabilities: { Disability: ['AUT', 'COMM'] } },
      CINdetails: {
        CINreferralDate: '2025-05-09',
        ReferralSource: '2A',
        PrimaryNeedCode: 'N4',
        ReferralNFA: '0',
      },
    });
    expect(byId(ben.la_child_id)[0].CINdetails).toEqual({
      CINreferralDate: '2025-05-09',
      ReferralSource: '2A',
      PrimaryNeedCode: 'N1',
      Section47: {
        S47ActualStartDate: '2025-05-12',
        // 15 working days from Monday 12 May, the spring bank holiday (26 May) aside
        InitialCPCtarget: '2025-06-03',
        DateOfInitialCPC: '2025-05-28',
        ICPCnotRequired: '0',
      },
      ReferralNFA: '0',
      ChildProtectionPlans: {
        CPPstartDate: '2025-05-28',
        InitialCategoryOfAbuse: 'PHY',
        LatestCategoryOfAbuse: 'PHY',
        NumberOfPreviousCPP: '0',
      },
    });
    // no UPN known and no further action: the census's own reason, UN7
    const caiChild = byId(cai.la_child_id)[0];
    expect((caiChild.ChildIdentifiers as Node).UPNunknown).toBe('UN7');
    expect((caiChild.CINdetails as Node).ReferralNFA).toBe('1');

    // audited: who, which return, the year and its counts
    const audit = (await t.dataSource.query(
      `select actor_id, details from audit_entry where action = 'RETURN_EXPORTED' order by id desc limit 1`,
    )) as { actor_id: string; details: Record<string, unknown> }[];
    expect(audit[0].details).toEqual({
      return: 'CIN_CENSUS',
      year: 2026,
      referenceDate: '2026-03-31',
      children: children.length,
      episodes: children.reduce((n, c) => n + list(c.CINdetails).length, 0),
      complete: true,
    });
  });

  it('should check the year at the source: a broken record is listed with its rule and link, and cleared once fixed', async () => {
    const u = randomUUID().slice(0, 6);
    const [deeUpn, eliUpn] = [upnOf(String(parseInt(u, 16))), upnOf(String(parseInt(u, 16) + 1))];
    clock.set(FRIDAY);
    const first = await referred(
      { firstName: `Dee${u}`, lastName: 'Census', dateOfBirth: '2013-09-09' },
      'N5',
    );
    const dee = await childOf(first.id);
    const s47 = await discussion('S47_SINGLE_AGENCY', `Eli${u}`);
    const eli = await childOf(s47.contactId);
    const correct = (childId: string, change: Body) =>
      t
        .http()
        .patch(`/api/children/${childId}`)
        .set(as(screener))
        .send({ ...change, reason: 'Given by the school office on the phone today.' })
        .expect(200);
    await correct(dee.child_id, { upn: deeUpn, disabilities: ['NONE'] });
    clock.set('2026-04-02T09:00:00Z');
    const check = async () =>
      (await t.http().get('/api/returns/cin-census/check?year=2026').set(as(manager)).expect(200)).body as {
        children: number;
        rulesChecked: number;
        problems: {
          rule: string;
          laChildId: string;
          childId: string;
          field: string;
          link: { kind: string; id: string };
          expected: boolean;
        }[];
      };
    const of = (body: Awaited<ReturnType<typeof check>>, child: { child_id: string }) =>
      body.problems
        .filter((p) => p.childId === child.child_id)
        .map((p) => p.rule)
        .sort();

    // Eli's disability is not recorded (an error for a child with further action); the s47
    // started more than 15 working days before the year's end has no ICPC date (a query); and
    // an s47 with no assessment on the episode is the query every front-door return carries
    const before = await check();
    expect(before.rulesChecked).toBeGreaterThan(40);
    expect(of(before, eli)).toEqual(['2991Q', '8540', '8675Q']);
    expect(before.problems.find((p) => p.childId === eli.child_id && p.rule === '8540')).toMatchObject({
      laChildId: eli.la_child_id,
      field: 'Disability',
      expected: false,
      link: { kind: 'child', id: eli.child_id },
    });
    expect(before.problems.find((p) => p.childId === eli.child_id && p.rule === '8675Q')!.link).toEqual({
      kind: 'strategy-discussion',
      id: s47.discussionId,
    });
    expect(before.problems.find((p) => p.childId === eli.child_id && p.rule === '2991Q')!.expected).toBe(
      true,
    );
    expect(of(before, dee)).toEqual([]);

    // the UPN typed in is Dee's: the same UPN on two children is an error, on both
    await correct(eli.child_id, { upn: deeUpn, disabilities: ['NONE'] });
    const broken = await check();
    expect(of(broken, eli)).toEqual(['1520', '2991Q', '8675Q']);
    expect(of(broken, dee)).toEqual(['1520']);

    // corrected: the lines are gone
    await correct(eli.child_id, { upn: eliUpn });
    const fixed = await check();
    expect(of(fixed, eli)).toEqual(['2991Q', '8675Q']);
    expect(of(fixed, dee)).toEqual([]);

    const audit = (await t.dataSource.query(
      `select details from audit_entry where action = 'RETURN_CHECKED' order by id desc limit 1`,
    )) as { details: Record<string, unknown> }[];
    expect(audit[0].details).toMatchObject({ return: 'CIN_CENSUS', year: 2026, children: fixed.children });
  });

  it('should leave out a referral made while the child is open to children’s social care, from the date on the record', async () => {
    const u = randomUUID().slice(0, 6);
    clock.set(FRIDAY);
    const first = await referred(
      { firstName: `Fay${u}`, lastName: 'Census', dateOfBirth: '2012-01-05' },
      'N4',
    );
    const fay = await childOf(first.id);
    const patch = (body: Body) =>
      t
        .http()
        .patch(`/api/children/${fay.child_id}`)
        .set(as(screener))
        .send({ ...body, reason: 'The case system shows the case open since June.' });
    // the case system's date, not one to come
    const future = await patch({ openToSocialCareSince: '2025-05-10' }).expect(400);
    expect(future.body.error.details).toEqual([
      { field: 'openToSocialCareSince', message: 'must not be a date to come' },
    ]);
    await patch({ openToSocialCareSince: '2025-02-30' }).expect(400);
    clock.set('2025-07-01T10:00:00Z');
    await patch({ openToSocialCareSince: '2025-06-02' }).expect(200);
    const record = (await t.http().get(`/api/children/${fay.child_id}`).set(as(screener)).expect(200))
      .body as {
      openToSocialCareSince?: string;
    };
    expect(record.openToSocialCareSince).toBe('2025-06-02');
    // a second referral while the case is open
    const second = await referred(
      { firstName: `Fay${u}`, lastName: 'Census', dateOfBirth: '2012-01-05' },
      'N4',
    );
    expect((await childOf(second.id)).child_id).toBe(fay.child_id);

    clock.set('2026-04-02T09:00:00Z');
    const xml = (
      await t.http().get('/api/returns/cin-census?year=2026').set(as(manager)).buffer(true).expect(200)
    ).text;
    const children = list(
      ((create(xml).end({ format: 'object' }) as { Message: Node }).Message.Children as Node).Child,
    );
    const faysOwn = children.filter((c) => (c.ChildIdentifiers as Node).LAchildID === fay.la_child_id);
    expect(faysOwn).toHaveLength(1);
    // the referral before the case opened is hers; the one while open is the case system's
    expect(list(faysOwn[0].CINdetails).map((d) => d.CINreferralDate)).toEqual(['2025-05-09']);
  });

  it('should refuse a screener (403), a year that is not one (400, by field) and a year with nothing to return (409)', async () => {
    await t.http().get('/api/returns/cin-census?year=2026').set(as(screener)).expect(403);
    await t.http().get('/api/returns/cin-census/check?year=2026').set(as(screener)).expect(403);
    await t.http().get('/api/returns/cin-census/check?year=1999').set(as(manager)).expect(400);
    const bad = await t.http().get('/api/returns/cin-census?year=twenty').set(as(manager)).expect(400);
    expect(bad.body.error.details).toContainEqual({
      field: 'year',
      message: 'must be a year, for example 2026',
    });
    expect(new Set(bad.body.error.details.map((d: { field: string }) => d.field))).toEqual(new Set(['year']));
    await t.http().get('/api/returns/cin-census').set(as(manager)).expect(400);
    const none = await t.http().get('/api/returns/cin-census?year=2012').set(as(manager)).expect(409);
    expect(none.body.error.code).toBe('CONFLICT');
  });
});

// config/returns.yml cinCensus.laChildId: caseSystem: the census names a child by the council's
// case-system id where its record has one (set on the record: letters and digits, one child
// each), by the front door's own id where not
describe('returns: the CIN census by the case system’s ids (config/returns.yml)', () => {
  it('should name each child by its case-system id where it has one, and refuse a bad or shared one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    cpSync('config', dir, { recursive: true });
    const file = join(dir, 'returns.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('laChildId: frontDoor', 'laChildId: caseSystem'));
    const clock = new SettableClock(FRIDAY);
    const t = await createTestApp({ clock, env: { POLICY_DIR: dir } });
    try {
      const [screener, manager] = await Promise.all([
        t.login('screener@mach.example'),
        t.login('manager@mach.example'),
      ]);
      const u = randomUUID().slice(0, 6);
      const referred = async (firstName: string) => {
        const made = (
          await t
            .http()
            .post('/api/contacts')
            .set(bearer(screener))
            .send(contactBody({ child: { firstName, lastName: 'Case', dateOfBirth: '2013-04-05' } }))
            .expect(201)
        ).body as { id: string; child: { id: string } };
        await t.http().post(`/api/contacts/${made.id}/claim`).set(bearer(screener)).send({}).expect(200);
        await t
          .http()
          .post(`/api/contacts/${made.id}/decision`)
          .set(bearer(screener))
          .send({ level: 3, outcome: 'SOCIAL_CARE_ASSESSMENT', primaryNeedCode: 'N4', rationale: DECIDED })
          .expect(201);
        const [row] = (await t.dataSource.query(`select la_child_id from child where id = $1`, [
          made.child.id,
        ])) as { la_child_id: string }[];
        return { id: made.child.id, laChildId: row.la_child_id };
      };
      const [gus, hal] = [await referred(`Gus${u}`), await referred(`Hal${u}`)];
      const patch = (childId: string, caseSystemId: string | null) =>
        t
          .http()
          .patch(`/api/children/${childId}`)
          .set(bearer(screener))
          .send({ caseSystemId, reason: 'The case system’s id, from the duty team.' });
      const caseId = `CS${parseInt(u, 16)}`;
      const bad = await patch(gus.id, 'CS-42/7').expect(400);
      expect(bad.body.error.details).toEqual([
        { field: 'caseSystemId', message: 'must be 1 to 20 letters and digits' },
      ]);
      await patch(gus.id, caseId).expect(200);
      const shared = await patch(hal.id, caseId).expect(400);
      expect(shared.body.error.details).toEqual([
        { field: 'caseSystemId', message: 'is another child’s: each child has its own' },
      ]);
      const record = (await t.http().get(`/api/children/${gus.id}`).set(bearer(screener)).expect(200))
        .body as {
        caseSystemId?: string;
        laChildId?: string;
      };
      expect(record).toMatchObject({ caseSystemId: caseId, laChildId: gus.laChildId });

      clock.set('2026-04-02T09:00:00Z');
      const xml = (
        await t.http().get('/api/returns/cin-census?year=2026').set(bearer(manager)).buffer(true).expect(200)
      ).text;
      const ids = list(
        ((create(xml).end({ format: 'object' }) as { Message: Node }).Message.Children as Node).Child,
      ).map((c) => (c.ChildIdentifiers as Node).LAchildID);
      expect(ids).toContain(caseId);
      expect(ids).not.toContain(gus.laChildId);
      expect(ids).toContain(hal.laChildId);
    } finally {
      await t.close();
    }
  });
});
