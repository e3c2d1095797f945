import { Readable, Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { annexALists } from '@app/returns/annex-a/annex-a-lists';
import { csvZipWriter, xlsxWriter } from '@app/returns/annex-a/annex-a-writers';
import QueryStream from 'pg-query-stream';
import { peakRssOf, resetPeakRss, rssOf, type Row, type Service, type World } from './lib';

// figure 13 (issue 19 item 4): the statutory returns are streamed. 100,000 contacts received in
// the six months before today (each its own child, one in ten a referral) go out as Ofsted's
// Annex A (xlsx, then the csv zip) and the CIN census (XML) while the api's resident memory is
// watched: during each, its peak over its size just before (settled; on a fresh api, so the
// first use of each export's code counts) must stay under 100 MiB. The time of the workbook is
// set against the floor of reading the same contacts raw through a cursor in this process.
const CONTACTS = Number(process.env.BENCH_RETURNS_CONTACTS ?? 100_000);
const MIB = 1024 * 1024;
const GOAL_MIB = 100;

const SOURCES = ['1A', '2A', '3A', '3B', '5A', '6', '8', '10'];

async function seed(s: Service, count: number): Promise<void> {
  const [{ agency, usr }] = (
    await s.pool.query(
      `select agency_id as agency, id as usr from app_user where email = 'screener@mach.example'`,
    )
  ).rows as { agency: string; usr: string }[];
  await s.pool.query(
    `insert into child (first_name, last_name, date_of_birth, sex, ethnicity, disabilities, created_at, updated_at)
     select 'Bench' || g, 'Returns', date '2008-01-01' + (g * 7919) % 6570,
            (array['M','F','U'])[1 + g % 3], (array['WBRI','ABAN','MWBC','OOTH'])[1 + g % 4],
            case when g % 5 = 0 then '{NONE}'::text[] else '{}'::text[] end, now(), now()
       from generate_series(1, $1::int) g`,
    [count],
  );
  await s.pool.query(
    `insert into contact (reference, household_id, child_id, source, received_at, recorded_at, origin_agency_id, created_by,
       referrer, child_reported, concerns, categories, immediate_risk, consent_status, suggested_rag, rag_reasons, rag,
       decision_due_at, status, prior_contacts_12m, prior_referrals_12m, updated_at)
     select 'RET-' || n, gen_random_uuid(), ch.id, ($3::text[])[1 + n % $4], now() - (n % 178) * interval '1 day',
            now(), $1, $2, '{}', '{}', 'a contact for the returns', '{NEGLECT}', false, 'GIVEN', 'GREEN', '{}', 'GREEN',
            now(), 'DECIDED', 0, 0, now()
       from (select id, row_number() over (order by id) as n from child where last_name = 'Returns') ch`,
    [agency, usr, SOURCES, SOURCES.length],
  );
  await s.pool.query(
    `insert into threshold_decision (contact_id, level, outcome, rationale, overridden, decided_by, decided_at,
       within_timescale, minutes_taken, status)
     select id, 3, 'SOCIAL_CARE_ASSESSMENT', 'a referral for the returns bench', false, created_by, received_at + interval '1 hour',
            true, 60, 'DECIDED'
       from contact where reference like 'RET-%' and substr(reference, 5)::int % 10 = 0`,
  );
  await s.pool.query(
    `insert into referral (contact_id, child_id, referral_date, decision_id, source, primary_need_code,
       assessment_due_date, re_referral)
     select c.id, c.child_id, d.decided_at::date, d.id, c.source, 'N1', d.decided_at::date + 45, false
       from contact c join threshold_decision d on d.contact_id = c.id where c.reference like 'RET-%'`,
  );
  for (const table of ['child', 'contact', 'threshold_decision', 'referral'])
    await s.pool.query(`vacuum (analyze) ${table}`);
  await s.pool.query('checkpoint');
}

// a download read to its end and dropped, with the api's resident memory just before it
// (settled) and its peak over it
async function download(
  s: Service,
  token: string,
  path: string,
): Promise<{ ms: number; bytes: number; idle: number; peak: number }> {
  await new Promise((r) => setTimeout(r, 2000));
  const idle = await rssOf(s.api.pid!);
  await resetPeakRss(s.api.pid!);
  const started = performance.now();
  const res = await fetch(`${s.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of Readable.fromWeb(res.body as never)) bytes += (chunk as Buffer).length;
  return { ms: performance.now() - started, bytes, idle, peak: await peakRssOf(s.api.pid!) };
}

// the floor: the same contacts with their children, read raw through a cursor here
async function rawRead(s: Service, count: number): Promise<number> {
  const client = await s.pool.connect();
  try {
    const started = performance.now();
    const rows = client.query(
      new QueryStream(
        `select ch.la_child_id, ch.sex, ch.ethnicity, ch.date_of_birth, c.received_at, c.source
           from contact c join child ch on ch.id = c.child_id
          where c.received_at > now() - interval '6 months'
          order by c.received_at, c.id`,
        [],
        { batchSize: 500 },
      ),
    );
    let n = 0;
    for await (const row of rows) if (row) n += 1;
    if (n < count) throw new Error(`raw read: ${n} rows`);
    return performance.now() - started;
  } finally {
    client.release();
  }
}

// what a writer keeps: List 1 rows of `count` contacts through the xlsx and the csv writer in
// this process, to a sink that drains slowly, the heap measured after a full collection every
// 10,000 rows. A streamed writer keeps the same whatever the count; one that buffers grows.
async function retainedHeap(count: number): Promise<{ xlsx: number; csv: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const probe = async (make: typeof xlsxWriter) => {
    const out = new Writable({
      write(_chunk: Buffer, _encoding, done) {
        setImmediate(done);
      },
    });
    const writer = make(out, new AbortController().signal);
    const [list1] = annexALists('gender');
    gc();
    const base = process.memoryUsage().heapUsed;
    let most = base;
    async function* rows() {
      for (let i = 0; i < count; i += 1) {
        if (i % 10_000 === 0) {
          gc();
          most = Math.max(most, process.memoryUsage().heapUsed);
        }
        yield [
          `FD${String(i).padStart(10, '0')}`,
          'a) Male',
          'a) WBRI',
          '2015-01-02',
          10,
          '2026-01-03',
          'e) 2A: Schools',
        ];
      }
    }
    await writer.list(list1, rows());
    await writer.finish();
    return most - base;
  };
  return { xlsx: await probe(xlsxWriter), csv: await probe(csvZipWriter) };
}

export async function returnsFigures(w: World, log: (line: string) => void): Promise<Row[]> {
  const s = await w.addService('bench_returns');
  await seed(s, CONTACTS);
  const manager = await s.login('manager@mach.example');
  const today = new Date().toISOString().slice(0, 10);
  const now = new Date();
  const censusYear = now.getUTCMonth() >= 3 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  const paths = {
    xlsx: `/api/returns/annex-a?asOf=${today}&format=xlsx`,
    csv: `/api/returns/annex-a?asOf=${today}&format=csv`,
    xml: `/api/returns/cin-census?year=${censusYear}`,
  };
  // on an api that has just started and signed one in: each export measured from the resident
  // size just before it, the first of each (no warm-up, so its code's first use counts too)
  await new Promise((r) => setTimeout(r, 2000));
  const fresh = await rssOf(s.api.pid!);
  const xlsx = await download(s, manager, paths.xlsx);
  const csv = await download(s, manager, paths.csv);
  const xml = await download(s, manager, paths.xml);
  const after = await rssOf(s.api.pid!);
  const raw = await rawRead(s, CONTACTS);
  // the same workbook of a tenth the size, on a fresh api of its own: a streamed export's memory
  // does not follow its size
  const small = await w.addService('bench_returns_small');
  await seed(small, CONTACTS / 10);
  const smallManager = await small.login('manager@mach.example');
  const smallXlsx = await download(small, smallManager, paths.xlsx);
  const kept = await retainedHeap(CONTACTS);
  const mib = (n: number) => `${(n / MIB).toFixed(1)} MiB`;
  const over = (d: { idle: number; peak: number }) => d.peak - d.idle;
  const worst = Math.max(over(xlsx), over(csv), over(xml));
  log(
    `returns: xlsx ${xlsx.ms.toFixed(0)} ms ${mib(xlsx.bytes)} idle ${mib(xlsx.idle)} +${mib(over(xlsx))}; csv ${csv.ms.toFixed(0)} ms ${mib(csv.bytes)} idle ${mib(csv.idle)} +${mib(over(csv))}; xml ${xml.ms.toFixed(0)} ms ${mib(xml.bytes)} idle ${mib(xml.idle)} +${mib(over(xml))}; raw ${raw.toFixed(0)} ms; the api from ${mib(fresh)} to ${mib(after)}; xlsx of ${CONTACTS / 10} +${mib(over(smallXlsx))}; heap kept by the writers over ${CONTACTS} rows: xlsx ${mib(kept.xlsx)}, csv ${mib(kept.csv)}`,
  );
  return [
    {
      figure: `13 returns streamed: Annex A (xlsx, csv) and the CIN census for ${CONTACTS.toLocaleString('en-GB')} contacts`,
      service: `api RSS over its size just before: xlsx +${mib(over(xlsx))} (${xlsx.ms.toFixed(0)} ms, ${mib(xlsx.bytes)}), csv +${mib(over(csv))} (${csv.ms.toFixed(0)} ms), xml +${mib(over(xml))} (${xml.ms.toFixed(0)} ms); the api ${mib(fresh)} idle, ${mib(after)} after the three; the xlsx of a tenth as many +${mib(over(smallXlsx))}; the heap the writers keep over the ${CONTACTS.toLocaleString('en-GB')} rows (after full collections): xlsx ${mib(kept.xlsx)}, csv ${mib(kept.csv)}`,
      floor: `the List 1 rows read raw through a cursor: ${raw.toFixed(0)} ms`,
      ratio: xlsx.ms / raw,
      goal: `peak over idle < ${GOAL_MIB} MiB (the ratio is the workbook's time over the raw read, recorded)`,
      met: worst < GOAL_MIB * MIB,
    },
  ];
}
