/// <reference lib="dom" />
// the browser side of figures 9 and 10 (bench/console.ts): the console built and a Chromium to
// run it (the e2e suites use these too, through test/support/browser.ts), and the probe the
// page runs. Functions passed to the page run there: the DOM types are theirs
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

// the project's root, from bench/ (the e2e suites) or dist/bench/ (npm run bench)
function projectRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'apps', 'console', 'vite.config.mts'))) return dir;
  }
  throw new Error(`no project root above ${from}`);
}
const ROOT = projectRoot(__dirname);

// the console built as `npm start` builds it, into a folder of this run's own (so a build
// elsewhere in the tree cannot change it under the benchmark); `minify: false` keeps React's
// function names for a CPU profile
export async function buildConsole(minify = true): Promise<string> {
  const outDir = join(await mkdtemp(join(tmpdir(), 'frontdoor-console-')), 'console');
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(ROOT, 'apps/console/vite.config.mts'),
      '--logLevel',
      'error',
      // an out dir of its own: Vite 8's one-build-per-project lock would refuse it while
      // someone else builds the console
      '--bypass-lock',
      ...(minify ? [] : ['--minify', 'false']),
    ],
    { cwd: ROOT, env: { ...process.env, CONSOLE_OUT_DIR: outDir } },
  );
  return outDir;
}

// Debian's Chromium (`apt-get install chromium`), headless, as the e2e tests run it
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

// signs in through the console's own sign-in page (a demo user, no second factor)
export async function signInThroughConsole(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

// what the probe reports when rows first appear: every time is the page's performance.now()
// (milliseconds since its navigation started)
export interface RowsReport {
  dom: number; // the MutationObserver callback after React's commit put them in the DOM
  painted: number; // the first task after the next frame (style, layout and paint done)
  count: number; // rows in the DOM so far, this document
  refs: string[]; // the references that appeared (at most 50; none for a bigger batch)
  arrivals: (number | null)[]; // for each, its queue.changed frame's arrival
}

export interface ProbeState {
  socketAt: number | null; // the WebSocket constructed
  sent: { at: number; id: string; view: string }[]; // subscribe packets sent (with their ack id)
  acks: { at: number; id: string; bytes: number }[]; // ack packets received
  frames: Map<string, number>; // reference -> first screening queue.changed arrival
  rows: Map<string, number>; // reference -> first in the DOM
  batches: { dom: number; painted: number | null; count: number }[];
  longTasks: { start: number; duration: number }[];
}

declare global {
  interface Window {
    __bench: ProbeState;
    __benchRows?: (report: RowsReport) => Promise<void>;
  }
}

// runs in every document before the console's own script (page.addInitScript: not an inline
// script, so the api's Content-Security-Policy does not apply). The console is not changed:
// its WebSocket is the page's own, wrapped to timestamp each message as it is dispatched
// (this listener is added in the constructor, before engine.io sets onmessage, so it runs
// first: the raw arrival), and a MutationObserver sees rows as React commits them
export function probe(): void {
  const state: ProbeState = {
    socketAt: null,
    sent: [],
    acks: [],
    frames: new Map(),
    rows: new Map(),
    batches: [],
    longTasks: [],
  };
  window.__bench = state;
  const Native = window.WebSocket;
  const onMessage = (event: MessageEvent) => {
    const at = performance.now();
    const data = event.data as unknown;
    if (typeof data !== 'string') return;
    // socket.io over engine.io: "42/live,[event, payload]" an event, "43/live,<id>[answer]" an ack
    if (data.startsWith('43/live,')) {
      state.acks.push({ at, id: data.slice(8, data.indexOf('[')), bytes: data.length });
    } else if (data.startsWith('42/live,["queue.changed",') && data.includes('"view":"screening"')) {
      const m = /"reference":"([^"]+)"/.exec(data);
      if (m && !state.frames.has(m[1])) state.frames.set(m[1], at);
    }
  };
  function Probed(this: unknown, url: string | URL, protocols?: string | string[]): WebSocket {
    const ws = new Native(url, protocols);
    state.socketAt ??= performance.now();
    ws.addEventListener('message', onMessage);
    const send = ws.send.bind(ws);
    ws.send = (data: Parameters<WebSocket['send']>[0]) => {
      if (typeof data === 'string' && data.startsWith('42/live,')) {
        const m = /^42\/live,(\d+)\["subscribe",\{"view":"([^"]+)"/.exec(data);
        if (m) state.sent.push({ at: performance.now(), id: m[1], view: m[2] });
      }
      send(data);
    };
    return ws;
  }
  Probed.prototype = Native.prototype;
  for (const key of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const)
    Object.defineProperty(Probed, key, { value: Native[key] });
  window.WebSocket = Probed as unknown as typeof WebSocket;

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long task timing here
  }

  // after the next frame's rendering: rAF runs before style, layout and paint; a task posted
  // from it runs after them
  const afterNextFrame = (fn: (at: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => fn(performance.now());
      channel.port2.postMessage(0);
    });
  const observer = new MutationObserver((records) => {
    const dom = performance.now();
    const fresh: string[] = [];
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const el = node as Element;
        const found = el.matches('tr[data-reference]') ? [el] : el.querySelectorAll('tr[data-reference]');
        for (const tr of found) {
          const ref = tr.getAttribute('data-reference') ?? '';
          if (!state.rows.has(ref)) {
            state.rows.set(ref, dom);
            fresh.push(ref);
          }
        }
      }
    }
    if (fresh.length === 0) return;
    const batch = { dom, painted: null as number | null, count: state.rows.size };
    state.batches.push(batch);
    afterNextFrame((painted) => {
      batch.painted = painted;
      const refs = fresh.length <= 50 ? fresh : [];
      void window.__benchRows?.({
        dom,
        painted,
        count: batch.count,
        refs,
        arrivals: refs.map((r) => state.frames.get(r) ?? null),
      });
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}
