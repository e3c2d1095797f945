/// <reference lib="dom" />
// figures 9 and 10 (issue 15, "Tests and measures"): the console in a real browser against the
// api as its own process. Every time in the page is its performance.now(): the probe
// (bench/browser.ts) timestamps the page's own socket frames and the rows React commits, so
// the floor (a frame's arrival) and the figure (its row painted) share one clock
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildConsole, launchChromium, probe, signInThroughConsole, type RowsReport } from './browser';
import { contactBody, summarise, type Row, type Service, type Timings, type World } from './lib';

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const ms = (t: Timings) => `p50 ${fmt(t.p50)} ms, p99 ${fmt(t.p99)} ms`;
const log = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ConsoleRig {
  service: Service;
  browser: Browser;
  context: BrowserContext; // the screener's, signed in
  partner: string;
  // what the page's probe reports, to whoever listens now
  onRows: (report: RowsReport) => void;
  stop(): Promise<void>;
}

// the console built into a folder of its own, an api of its own serving it (database
// bench_console: no other figure's rows in its queue), a Chromium, a screener signed in
export async function consoleRig(w: World): Promise<ConsoleRig> {
  // BENCH_CONSOLE_DIR: a console built already (of another tree, say) instead of this tree's;
  // BENCH_CONSOLE_PROFILE=1: an unminified build (React's own function names in the profile)
  const dir = process.env.BENCH_CONSOLE_DIR ?? (await buildConsole(!process.env.BENCH_CONSOLE_PROFILE));
  const service = await w.addService('bench_console', { CONSOLE_DIR: dir });
  const browser = await launchChromium();
  const context = await browser.newContext({ baseURL: service.base });
  await context.addInitScript(probe);
  const rig: ConsoleRig = {
    service,
    browser,
    context,
    partner: await service.login('school@partner.example'),
    onRows: () => undefined,
    stop: async () => {
      await browser.close();
      await service.stop();
    },
  };
  await context.exposeFunction('__benchRows', (report: RowsReport) => rig.onRows(report));
  const page = await context.newPage();
  await signInThroughConsole(page, 'screener@mach.example');
  await page.close();
  return rig;
}

// the offset from this process's performance.now() to the page's (the page's time minus ours),
// from the quickest of 20 round trips; good to half that round trip
async function pageClock(page: Page): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Infinity };
  for (let i = 0; i < 20; i += 1) {
    const t0 = performance.now();
    const p = await page.evaluate(() => performance.now());
    const t1 = performance.now();
    if (t1 - t0 < best.rtt) best = { offset: p - (t0 + t1) / 2, rtt: t1 - t0 };
  }
  return best;
}

interface NewRows {
  post: Timings; // the POST's own answer
  arrival: Timings; // POST sent -> its queue.changed frame in the page (the floor)
  dom: Timings; // POST sent -> its row in the DOM
  painted: Timings; // POST sent -> the frame with its row painted
  domDelta: Timings; // per sample: row in the DOM - frame's arrival
  paintDelta: Timings; // per sample: row painted - frame's arrival
  missing: number; // rows whose frame the probe did not see
  rowsBefore: number;
  thirds: string; // painted - arrival's p50 over the first, middle and last third of the samples
  rowsAfter: number;
  clockRtt: number;
}

// `samples` contacts POSTed by a partner one at a time (after `warm` more), each waited for
// until its row is painted, then `pauseMs` of quiet, so none queues behind another
async function newRows(
  rig: ConsoleRig,
  page: Page,
  warm: number,
  samples: number,
  pauseMs: number,
  overrides: Record<string, unknown> | ((i: number) => Record<string, unknown>) = {},
) {
  const seen = new Map<string, { dom: number; painted: number; arrival: number | null }>();
  const waiting = new Map<string, () => void>();
  rig.onRows = (report) => {
    for (const [i, ref] of report.refs.entries()) {
      seen.set(ref, { dom: report.dom, painted: report.painted, arrival: report.arrivals[i] });
      waiting.get(ref)?.();
    }
  };
  const rowsBefore = await page.locator('tr[data-reference]').count();
  const clock = await pageClock(page);
  const series = { post: [], arrival: [], dom: [], painted: [], domDelta: [], paintDelta: [] } as Record<
    keyof Omit<NewRows, 'missing' | 'rowsBefore' | 'rowsAfter' | 'clockRtt' | 'thirds'>,
    number[]
  >;
  let missing = 0;
  const started = Date.now();
  for (let i = 0; i < warm + samples; i += 1) {
    const t0 = performance.now();
    const res = await fetch(`${rig.service.base}/api/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${rig.partner}` },
      body: JSON.stringify({
        ...contactBody(),
        ...(typeof overrides === 'function' ? overrides(i) : overrides),
      }),
    });
    const body = (await res.json()) as { reference: string };
    const answered = performance.now();
    if (res.status !== 201) throw new Error(`console: POST /api/contacts answered ${res.status}`);
    if (!seen.has(body.reference)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`console: ${body.reference} not shown in 10 s`)),
          10_000,
        );
        waiting.set(body.reference, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      waiting.delete(body.reference);
    }
    const row = seen.get(body.reference)!;
    if (i >= warm) {
      const at = (p: number) => p - clock.offset - t0;
      series.post.push(answered - t0);
      series.dom.push(at(row.dom));
      series.painted.push(at(row.painted));
      if (row.arrival === null) missing += 1;
      else {
        series.arrival.push(at(row.arrival));
        series.domDelta.push(row.dom - row.arrival);
        series.paintDelta.push(row.painted - row.arrival);
      }
    }
    await sleep(pauseMs);
  }
  rig.onRows = () => undefined;
  const seconds = (Date.now() - started) / 1000;
  const result = Object.fromEntries(
    Object.entries(series).map(([k, v]) => [k, summarise(v, seconds)]),
  ) as unknown as NewRows;
  result.missing = missing;
  result.rowsBefore = rowsBefore;
  result.rowsAfter = await page.locator('tr[data-reference]').count();
  result.clockRtt = clock.rtt;
  const third = Math.ceil(series.paintDelta.length / 3);
  result.thirds = [0, 1, 2]
    .map((k) => fmt(summarise(series.paintDelta.slice(k * third, (k + 1) * third), 1).p50))
    .join(', ');
  return result;
}

const describeNewRows = (r: NewRows) =>
  `POST -> row painted ${ms(r.painted)} (in the DOM ${ms(r.dom)}); painted - arrival per sample ${ms(r.paintDelta)} ` +
  `(in the DOM - arrival ${ms(r.domDelta)}); p99(painted) - p99(arrival) ${fmt(r.painted.p99 - r.arrival.p99)} ms`;

// RED contacts (immediate risk), each received a minute before the last and before any
// earlier sample (`minutesBack` on), so each is due first and lands at the top of the queue's
// first page: the worst place, every row below it moves
function atTheTop(minutesBack: number): (i: number) => Record<string, unknown> {
  const start = Date.now();
  return (i) => ({
    immediateRisk: true,
    receivedAt: new Date(start - (minutesBack + i + 1) * 60_000).toISOString(),
  });
}

// figure 9: a partner's new contact to its row in a screener's open queue, against its
// queue.changed frame reaching that page
export async function consoleRender(rig: ConsoleRig): Promise<Row> {
  const samples = Number(process.env.BENCH_CONSOLE_SAMPLES ?? 300);
  const page = await rig.context.newPage();
  await page.goto('/screening');
  await page.getByTestId('screening-queue').waitFor();
  const r = await newRows(rig, page, 20, samples, 100, atTheTop(0));
  // a new row's highlight is a 3 s CSS animation: none should still be running 3.5 s after the last
  await sleep(3500);
  const highlighted = await page.evaluate(
    () => document.getAnimations().filter((a) => a.playState === 'running').length,
  );
  await page.close();
  log(
    `console-render: ${samples} samples, queue ${r.rowsBefore} -> ${r.rowsAfter} rows, ${r.missing} frames unseen; ` +
      `POST answered ${ms(r.post)}; frame arrived ${ms(r.arrival)}; ${describeNewRows(r)}; ` +
      `painted - arrival p50 by thirds of the samples (the queue growing) ${r.thirds} ms; page clock to ±${fmt(r.clockRtt / 2, 2)} ms; ` +
      `${highlighted} new-row highlights still running 3.5 s after the last`,
  );
  const added = r.paintDelta.p99;
  return {
    figure: `9 console: a new contact's row at the top of the screening queue (${samples} samples, ${r.rowsBefore} to ${r.rowsAfter} rows shown)`,
    service: `${describeNewRows(r)}`,
    floor: `POST -> its queue.changed frame in the same page: ${ms(r.arrival)}${r.missing ? `, ${r.missing} unseen` : ''}`,
    ratio: r.painted.p99 / r.arrival.p99,
    goal: 'render adds <= 50 ms at p99 (painted - arrival, per sample)',
    met: added <= 50 && r.missing === 0,
  };
}

interface FirstRender {
  html: number; // navigation's responseEnd
  socket: number; // the WebSocket constructed
  sent: number; // the screening subscribe sent
  ack: number; // its snapshot ack arrived (the floor)
  bytes: number;
  dom: number; // the last of the rows in the DOM
  painted: number; // the frame with them painted
  rows: number;
  longest: number; // the longest task between the ack and the paint
  script: number; // CDP Performance.getMetrics, the document's totals once painted, ms
  layout: number;
  style: number;
}

// figure 10: the screening queue's first render with `open` open contacts: navigation start
// to the last row painted, against the snapshot ack's arrival in the same page load
export async function consoleFirstRender(
  rig: ConsoleRig,
  seed: (s: Service, open: number) => Promise<void>,
): Promise<Row[]> {
  const open = Number(process.env.BENCH_CONSOLE_OPEN ?? 2000);
  const runs = Number(process.env.BENCH_CONSOLE_RUNS ?? 10);
  await seed(rig.service, open);
  const page = await rig.context.newPage();
  const cdp = await rig.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // the document's own totals (they start again with each navigation)
  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => (list.find((m) => m.name === name)?.value ?? NaN) * 1000;
    return {
      script: get('ScriptDuration'),
      layout: get('LayoutDuration'),
      style: get('RecalcStyleDuration'),
    };
  };
  const profiling = Boolean(process.env.BENCH_CONSOLE_PROFILE);
  const loads: FirstRender[] = [];
  let shownRows = open;
  // two loads to warm, then `runs`, then (BENCH_CONSOLE_PROFILE=1) one profiled, not counted
  const loadsToRun = runs + 2 + (profiling ? 1 : 0);
  for (let i = 0; i < loadsToRun; i += 1) {
    const last = i === loadsToRun - 1;
    if (profiling && last) {
      await rig.browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto('/screening', { waitUntil: 'commit' });
    const table = page.getByTestId('screening-queue');
    await table.waitFor({ timeout: 60_000 });
    // the queue renders its first page of rows (the most urgent) and the rest on request
    const firstPage = Math.min(open, Number(await table.getAttribute('data-page-rows')) || open);
    await page.waitForFunction(
      (n) => window.__bench.batches.some((b) => b.count >= n && b.painted !== null),
      firstPage,
      { polling: 50, timeout: 60_000 },
    );
    const after = await metrics();
    const load = await page.evaluate((n) => {
      const b = window.__bench;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const sent = b.sent.find((s) => s.view === 'screening');
      const ack = b.acks.find((a) => a.id === sent?.id);
      const batch = b.batches.find((x) => x.count >= n)!;
      const during = b.longTasks.filter(
        (t) => t.start + t.duration >= (ack?.at ?? 0) && t.start <= batch.painted!,
      );
      return {
        html: nav.responseEnd,
        socket: b.socketAt ?? NaN,
        sent: sent?.at ?? NaN,
        ack: ack?.at ?? NaN,
        bytes: ack?.bytes ?? NaN,
        dom: batch.dom,
        painted: batch.painted!,
        rows: document.querySelectorAll('tr[data-reference]').length,
        longest: Math.max(0, ...during.map((t) => t.duration)),
      };
    }, firstPage);
    const caption = (await page.locator('[data-testid="screening-queue"] caption').textContent()) ?? '';
    if (load.rows !== firstPage || !caption.includes(`${open} contacts`))
      throw new Error(`console: ${load.rows} rows and "${caption}", not ${firstPage} of ${open}`);
    shownRows = firstPage;
    if (profiling && last) {
      const { profile } = await cdp.send('Profiler.stop');
      const trace = await rig.browser.stopTracing();
      const dir = join(__dirname, '..', '..', 'bench', 'profiles');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'console-first-render.cpuprofile'), JSON.stringify(profile));
      await writeFile(join(dir, 'console-first-render.trace.json'), trace);
      log(
        `console-first-render: one load profiled (not counted): bench/profiles/console-first-render.cpuprofile and .trace.json; ` +
          `ack ${fmt(load.ack, 0)} ms, in the DOM ${fmt(load.dom, 0)} ms, painted ${fmt(load.painted, 0)} ms`,
      );
      printTrace(trace);
      printTop(profile);
    }
    const entry = { ...load, ...after };
    if (i >= 2 && !(profiling && last)) loads.push(entry);
  }

  const stat = (f: (l: FirstRender) => number) => summarise(loads.map(f), 1);
  const range = (f: (l: FirstRender) => number) => {
    const t = stat(f);
    return `p50 ${fmt(t.p50, 0)} ms, max ${fmt(Math.max(...loads.map(f)), 0)} ms`;
  };
  const render = (l: FirstRender) => l.painted - l.ack;
  const worst = Math.max(...loads.map(render));
  log(
    `console-first-render: ${loads.length} loads of ${open} open, the first ${shownRows} rows rendered (${fmt(loads[0].bytes / 1024, 0)} kB snapshot); from navigation start: ` +
      `html ${range((l) => l.html)}, socket ${range((l) => l.socket)}, subscribe sent ${range((l) => l.sent)}, ` +
      `ack ${range((l) => l.ack)}, rows in the DOM ${range((l) => l.dom)}, painted ${range((l) => l.painted)}; ` +
      `ack -> DOM ${range((l) => l.dom - l.ack)}, DOM -> painted ${range((l) => l.painted - l.dom)}; ` +
      `longest task ${range((l) => l.longest)}; CDP per load: script ${range((l) => l.script)}, ` +
      `style ${range((l) => l.style)}, layout ${range((l) => l.layout)}`,
  );
  const rows: Row[] = [
    {
      figure: `10 console: the screening queue's first render, ${open} open (${loads.length} loads)`,
      service: `navigation -> the first ${shownRows} of ${open} rows painted ${range((l) => l.painted)}; snapshot arrival -> painted ${range(render)} (in the DOM ${range((l) => l.dom - l.ack)}, longest task ${range((l) => l.longest)})`,
      floor: `navigation -> the snapshot ack's arrival in the same load: ${range((l) => l.ack)}`,
      ratio: stat((l) => l.painted).p50 / stat((l) => l.ack).p50,
      goal: 'painted within 1 s of the snapshot arrival, every load',
      met: worst <= 1000,
    },
  ];

  // and a new contact's row on that page, with the long queue open
  const samples = Number(process.env.BENCH_CONSOLE_LONG_SAMPLES ?? 50);
  if (profiling) {
    await cdp.send('Profiler.start');
    const r = await newRows(rig, page, 0, 10, 100, atTheTop(1000));
    const { profile } = await cdp.send('Profiler.stop');
    log(
      `console-first-render: 10 new rows with ${r.rowsBefore} open, profiled (not counted): ${describeNewRows(r)}`,
    );
    printTop(profile);
  }
  const r = await newRows(rig, page, 5, samples, 100, atTheTop(1100));
  log(
    `console-first-render: new rows with ${r.rowsBefore} open: ${describeNewRows(r)}; frame ${ms(r.arrival)}`,
  );
  rows.push({
    figure: `10b console: a new contact's row at the top, ${open} open, ${r.rowsBefore} shown (${samples} samples)`,
    service: describeNewRows(r),
    floor: `POST -> its queue.changed frame in the same page: ${ms(r.arrival)}${r.missing ? `, ${r.missing} unseen` : ''}`,
    ratio: r.painted.p99 / r.arrival.p99,
    goal: 'render adds <= 50 ms at p99 (as figure 9)',
    met: r.paintDelta.p99 <= 50 && r.missing === 0,
  });
  await page.close();
  return rows;
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8'];

// the renderer main thread's time by event (BENCH_CONSOLE_PROFILE=1): script, style, layout,
// paint, each summed over the load (an event inside another is counted in both)
function printTrace(buffer: Buffer): void {
  interface TraceEvent {
    name: string;
    ph: string;
    pid: number;
    tid: number;
    dur?: number;
    args?: { name?: string };
  }
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const total = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(`${e.pid}:${e.tid}`)) continue;
    total.set(e.name, (total.get(e.name) ?? 0) + e.dur / 1000);
  }
  const top = [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
  log(`  renderer main thread, by trace event: ${top.map(([n, t]) => `${n} ${fmt(t, 0)} ms`).join(', ')}`);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

// the functions with the most samples of their own (BENCH_CONSOLE_PROFILE=1)
function printTop(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (const [i, id] of (profile.samples ?? []).entries()) {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [key, t] of top) log(`  ${fmt(t, 1)} ms  ${key}`);
}
