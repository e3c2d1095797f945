import { childSearchStatement, NAME_CANDIDATE_SIMILARITY } from '@app/contacts/child-search';
import type { SearchCriteria } from '@app/contacts/policy/child-search';
import { createTestApp, type TestApp } from '../support/test-app';
import { contactBody, type Body } from '../support/contacts';

// issue 17 item 1: GET /api/children/search finds a child however the name or date was
// typed, says why, audits that a search was made (never what was searched), and reads the
// register through its indexes
interface Match {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  score: number;
  reasons: string[];
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('children: search (issue 17)', () => {
  let t: TestApp;
  let screener: string;
  let manager: string;
  let amy: string;

  beforeAll(async () => {
    t = await createTestApp();
    [screener, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
    ]);
    const made = async (child: Body) =>
      (await t.http().post('/api/contacts').set(bearer(screener)).send(contactBody({ child })).expect(201))
        .body as { child: { id: string } };
    amy = (
      await made({ firstName: 'Amy', lastName: 'Smyth', dateOfBirth: '2016-05-04', postcode: 'TS5 7AA' })
    ).child.id;
    // others the search must rank below her, or not bring at all
    await made({ firstName: 'Amir', lastName: 'Khan', dateOfBirth: '2016-04-05' });
    await made({ firstName: 'Oliver', lastName: 'Brown', dateOfBirth: '2011-09-09' });
    await made({
      firstName: 'Nina',
      lastName: 'Okafor',
      dateOfBirth: '2013-03-03',
      nhsNumber: '943 476 5919',
    });
  });
  afterAll(() => t.close());

  const search = (query: Record<string, string>, token = screener) =>
    t.http().get('/api/children/search').query(query).set(bearer(token));
  const searches = async () =>
    (
      (await t.dataSource.query(
        `select count(*)::int as n from audit_entry where action = 'CHILD_SEARCHED'`,
      )) as {
        n: number;
      }[]
    )[0].n;

  it('should find Amy Smyth 2016-05-04 first from Aimee Smith 2016-04-05, and say why', async () => {
    const res = await search({ name: 'Aimee Smith', dateOfBirth: '2016-04-05' }).expect(200);
    const items = res.body.items as Match[];
    expect(items[0]).toEqual({
      id: amy,
      firstName: 'Amy',
      lastName: 'Smyth',
      dateOfBirth: '2016-05-04',
      score: expect.any(Number),
      reasons: [
        'first name sounds like Aimee',
        'last name sounds like Smith',
        'date of birth with day and month swapped',
      ],
    });
    for (const item of items) {
      expect(item.score).toBeGreaterThan(0);
      expect(item.score).toBeLessThanOrEqual(1);
    }
    // ranked: best first
    expect(items.map((i) => i.score)).toEqual([...items.map((i) => i.score)].sort((a, b) => b - a));
    expect(items.some((i) => i.firstName === 'Oliver')).toBe(false);
  });

  it('should find a child by NHS number however it is spaced, with certainty', async () => {
    const res = await search({ nhsNumber: '943-476-5919' }).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ firstName: 'Nina', score: 1, reasons: ['NHS number matches'] }),
    ]);
  });

  it.each`
    query                                         | reason
    ${{ name: 'Amy Smyth' }}                      | ${'first and last names match'}
    ${{ name: 'Smyth' }}                          | ${'name matches'}
    ${{ name: 'Amy Smith' }}                      | ${'last name sounds like Smith'}
    ${{ name: 'Amy Smythe' }}                     | ${'last name sounds like Smythe'}
    ${{ dateOfBirth: '2016-05-04' }}              | ${'date of birth matches'}
    ${{ dateOfBirth: '2016-05-14' }}              | ${'date of birth one digit off'}
    ${{ postcode: 'ts57aa' }}                     | ${'same postcode'}
    ${{ name: 'Amy Smyth', postcode: 'TS5 7AA' }} | ${'same postcode'}
  `('should find Amy with the reason "$reason" when searched by $query', async ({ query, reason }) => {
    const items = (await search(query).expect(200)).body.items as Match[];
    expect(items.find((i) => i.id === amy)?.reasons).toContain(reason);
  });

  it.each(["O'Brien %_\\ ; drop table child", 'Zoë O’Brien-Łukasz 😀', 'ＡＭＹ　ＳＭＹＴＨ', '-- --'])(
    'should answer 200, never a 500, when the name is %s',
    async (name) => {
      const res = await search({ name }).expect(200);
      expect(Array.isArray(res.body.items)).toBe(true);
    },
  );

  it('should answer a manager as it answers a screener', async () => {
    const items = (await search({ name: 'Amy Smyth' }, manager).expect(200)).body.items as Match[];
    expect(items[0].id).toBe(amy);
  });

  it('should find nobody, and say so with an empty list, when nothing is alike', async () => {
    expect((await search({ name: 'Xavier Quennell', dateOfBirth: '1999-12-31' }).expect(200)).body).toEqual({
      items: [],
    });
  });

  it('should audit a search with the criteria given and the number found, never the terms', async () => {
    const before = await searches();
    const res = await search({ name: 'Aimee Smith', dateOfBirth: '2016-04-05' }).expect(200);
    const [row] = (await t.dataSource.query(
      `select a.actor_id, a.entity_type, a.entity_id, a.details
         from audit_entry a join app_user u on u.id = a.actor_id
        where a.action = 'CHILD_SEARCHED' and u.email = 'screener@mach.example' order by a.id desc limit 1`,
    )) as { entity_type: string; entity_id: string | null; details: Record<string, unknown> }[];
    expect(await searches()).toBe(before + 1);
    expect(row).toMatchObject({
      entity_type: 'child',
      entity_id: null,
      details: { criteria: ['name', 'dateOfBirth'], results: (res.body.items as Match[]).length },
    });
    expect(JSON.stringify(row)).not.toMatch(/Aimee|Smith|2016/);
  });

  describe('refused', () => {
    it.each`
      query                                | field            | why
      ${{}}                                | ${'name'}        | ${'no criterion'}
      ${{ name: '  ', postcode: '' }}      | ${'name'}        | ${'blank criteria are none'}
      ${{ dateOfBirth: '2016-02-30' }}     | ${'dateOfBirth'} | ${'a date that does not exist'}
      ${{ dateOfBirth: '05/04/2016' }}     | ${'dateOfBirth'} | ${'a date not written YYYY-MM-DD'}
      ${{ nhsNumber: '9434765918' }}       | ${'nhsNumber'}   | ${'an NHS number whose check digit is wrong'}
      ${{ nhsNumber: '12345' }}            | ${'nhsNumber'}   | ${'an NHS number too short'}
      ${{ postcode: 'not a postcode' }}    | ${'postcode'}    | ${'a postcode that is not one'}
      ${{ name: 'A' }}                     | ${'name'}        | ${'a one-letter name'}
      ${{ name: 'x'.repeat(201) }}         | ${'name'}        | ${'a name over 200 characters'}
      ${{ name: 'Amy', surname: 'Smyth' }} | ${'surname'}     | ${'an unknown parameter'}
    `('should answer 400 with field $field and store nothing when $why', async ({ query, field }) => {
      const before = await searches();
      const res = await search(query).expect(400);
      expect(res.body).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          details: expect.arrayContaining([{ field, message: expect.any(String) }]),
        },
        correlationId: expect.any(String),
      });
      expect(await searches()).toBe(before);
    });

    it('should answer 400, not 500, when a criterion is given twice', async () => {
      const res = await t
        .http()
        .get('/api/children/search?name=Amy&name=Smyth&dateOfBirth=2016-05-04&dateOfBirth=2016-05-05')
        .set(bearer(screener))
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it.each(['police@cleveland.example', 'school@partner.example', 'admin@mach.example'])(
      'should answer 403 to %s',
      async (email) => {
        const res = await search({ name: 'Amy Smyth' }, await t.login(email)).expect(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      },
    );

    it('should answer 401 without a token', async () => {
      await t.http().get('/api/children/search?name=Amy').expect(401);
    });
  });
});

// the register at 200,000 children: every candidate comes through an index
describe('children: search on 200,000 children (issue 17)', () => {
  let t: TestApp;
  let screener: string;

  beforeAll(async () => {
    t = await createTestApp();
    screener = await t.login('screener@mach.example');
    // names from syllables (about 30 first names and 500 last names), dates over 18 years,
    // postcodes in 300 districts, every other child with an NHS number
    await t.dataSource.query(`
      insert into child (first_name, last_name, date_of_birth, postcode, nhs_number, created_at, updated_at)
      select (array['Oliver','George','Noah','Arthur','Leo','Harry','Oscar','Archie','Henry','Theo',
                    'Olivia','Isla','Ava','Ivy','Freya','Lily','Florence','Mia','Willow','Rosie',
                    'Jack','Muhammad','Jacob','Alfie','Charlie','Evie','Grace','Sophia','Ella','Daisy'])[1 + g % 30],
             (array['Jo','Wil','Bro','Tay','Da','Ev','Tho','Ro','Wa','Gre','Hal','Kel','Mor','Pat','Ste',
                    'Bar','Cla','Fos','Gib','Lam','Mar','Nic','Par','Ree','Wri'])[1 + (g / 30) % 25]
               || (array['nes','son','wn','lor','vies','ans','mas','berts','lker','en'])[1 + (g / 750) % 10]
               || (array['','ey','ington','ford'])[1 + (g / 7500) % 4],
             date '2008-01-01' + (g * 7919) % 6570,
             'TS' || (g % 30) || ' ' || (g % 10) || 'AB',
             case when g % 2 = 0 then lpad(g::text, 10, '0') end,
             now(), now()
        from generate_series(1, 200000) g`);
    await t.dataSource
      .query(`insert into child (first_name, last_name, date_of_birth, postcode, created_at, updated_at)
                              values ('Amy', 'Smyth', '2016-05-04', 'TS5 7AA', now(), now())`);
    await t.dataSource.query('analyze child');
  }, 180_000);
  afterAll(() => t.close());

  it.each<[string, SearchCriteria]>([
    ['a misspelt name and a swapped date', { name: 'Aimee Smith', dateOfBirth: '2016-04-05' }],
    ['a name', { name: 'Oliver Jones' }],
    ['one word', { name: 'Smith' }],
    ['a date of birth', { dateOfBirth: '2012-03-04' }],
    ['a postcode', { postcode: 'TS5 7AA' }],
    ['an NHS number', { nhsNumber: '0000000002' }],
    ['a name and a postcode', { name: 'Grace Wilson', postcode: 'TS5 7AA' }],
    [
      'everything',
      { name: 'Amy Smyth', dateOfBirth: '2016-05-04', postcode: 'TS5 7AA', nhsNumber: '0000000004' },
    ],
  ])('should read no child sequentially when searching by %s', async (_, criteria) => {
    const { sql, params } = childSearchStatement(criteria);
    // as the use case runs it: the trigram threshold set for its transaction
    const plan = await t.dataSource.transaction(async (manager) => {
      await manager.query(`select set_config('pg_trgm.similarity_threshold', $1, true)`, [
        String(NAME_CANDIDATE_SIMILARITY),
      ]);
      return ((await manager.query(`explain ${sql}`, params)) as { 'QUERY PLAN': string }[])
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    });
    expect(plan).toMatch(/Index|Bitmap/);
    expect(plan).not.toMatch(/Seq Scan on child/);
  });

  it('should still find Amy first among 200,000', async () => {
    const res = await t
      .http()
      .get('/api/children/search')
      .query({ name: 'Aimee Smith', dateOfBirth: '2016-04-05' })
      .set(bearer(screener))
      .expect(200);
    expect((res.body.items as Match[])[0]).toMatchObject({ firstName: 'Amy', lastName: 'Smyth' });
    expect((res.body.items as Match[]).length).toBeLessThanOrEqual(20);
  });
});
