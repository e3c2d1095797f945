/// <reference lib="dom" />
// functions passed to evaluate run in the browser: the DOM types are theirs
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page, WebSocketRoute } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody, hoursAgo } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');
const RATIONALE =
  'The school describes a pattern over weeks; the family has accepted support before and engaged.';

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

// textContent, not innerText: a table inside a closed details element is not rendered
const numberIn = async (locator: Locator) =>
  Number(((await locator.textContent()) ?? '').replace(/[^\d]/g, ''));

// "3 of 4 (75%)" → [3, 4]; "No decisions yet" → [0, 0]
async function ratioIn(locator: Locator): Promise<[number, number]> {
  const match = /([\d,]+) of ([\d,]+)/.exec((await locator.textContent()) ?? '');
  return match ? [Number(match[1].replace(/,/g, '')), Number(match[2].replace(/,/g, ''))] : [0, 0];
}

// issue 15 screen 6 (CONSOLE.md M3, AC-15): the live timeliness dashboard in a real Chromium
describe('console: the live timeliness dashboard (issue 15 screen 6)', () => {
  let browser: Browser;
  let t: TestApp;
  let partner: string;
  let screener: string;
  let screener2: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
    partner = await t.login('school@partner.example');
    screener = await t.login('screener@mach.example');
    screener2 = await t.login('screener2@mach.example');
    await mkdir(SHOTS, { recursive: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const createContact = async (token: string, overrides: Record<string, unknown> = {}) =>
    (await t.http().post('/api/contacts').set(as(token)).send(contactBody(overrides)).expect(201)).body as {
      id: string;
      reference: string;
    };

  async function openDashboard(page: Page): Promise<void> {
    await signInThroughConsole(page, 'manager@mach.example');
    await page.goto('/dashboard');
    await page.getByTestId('as-of').waitFor();
    // recharts arrives in a chunk of its own once the figures are there
    await page.locator('figure[data-chart] svg.recharts-surface').first().waitFor({ timeout: 10_000 });
  }

  it('should move the figures live, match every chart to its table, and pass axe', async () => {
    const context = await browser.newContext({ baseURL: t.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await openDashboard(page);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Timeliness dashboard');
    expect(await page.getByTestId('as-of').innerText()).toMatch(/^Figures as of \d\d:\d\d:\d\d · Live$/);

    // a partner's RED contact: screening open and its RED figure each go up by one within 2 s
    // (the first push after boot also warms the figures' queries: it is not the one timed)
    const open = page.getByTestId('screening-open');
    const red = page.getByTestId('by-rag-Screening-RED');
    const openIs = (count: number, timeout: number) =>
      page.waitForFunction(
        (expected) =>
          Number(
            (document.querySelector('[data-testid="screening-open"]')?.textContent ?? '').replace(
              /[^\d]/g,
              '',
            ),
          ) === expected,
        count,
        { timeout, polling: 50 },
      );
    const warmUp = await numberIn(open);
    await createContact(partner);
    await openIs(warmUp + 1, 10_000);
    const openBefore = await numberIn(open);
    const redBefore = await numberIn(red);
    // immediate risk: RED by the intake policy (config/rag-policy.yml); a partner cannot set it
    const contact = await createContact(partner, { immediateRisk: true });
    const started = Date.now();
    await openIs(openBefore + 1, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await numberIn(red)).toBe(redBefore + 1);

    // a decision in time: "last 24 hours" goes from n of m to n+1 of m+1
    const last24h = page.getByTestId('decided-last24h');
    const [n, m] = await ratioIn(last24h);
    const green = await createContact(screener, { categories: ['OTHER'] });
    await t.http().post(`/api/contacts/${green.id}/claim`).set(as(screener)).send({}).expect(200);
    const decided = await t
      .http()
      .post(`/api/contacts/${green.id}/decision`)
      .set(as(screener))
      .send({ level: 2, outcome: 'EARLY_HELP', rationale: RATIONALE })
      .expect(201);
    expect(decided.body.decision.withinTimescale).toBe(true);
    await page.waitForFunction(
      (expected) =>
        document.querySelector('[data-testid="decided-last24h"]')?.textContent?.startsWith(expected),
      `${n + 1} of ${m + 1}`,
      { timeout: 3000 },
    );
    // a screener's claim puts a bar on the workload chart
    await t.http().post(`/api/contacts/${contact.id}/claim`).set(as(screener2)).send({}).expect(200);
    await page.locator('figure[data-chart="workload"] svg.recharts-surface').waitFor({ timeout: 3000 });
    await page
      .locator('figure[data-chart="workload"] th', { hasText: 'Sasha Screener' })
      .waitFor({ state: 'attached', timeout: 3000 });

    // every chart's labels are the numbers of its table (zeros carry no label on a stacked bar)
    const figures = page.locator('figure[data-chart][data-labelled="true"]');
    expect(await figures.count()).toBeGreaterThanOrEqual(4);
    for (const figure of await figures.all()) {
      const name = await figure.getAttribute('data-chart');
      const labels = await figure
        .locator('svg .recharts-label-list text')
        .evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').trim()));
      const cells = await figure
        .locator('td[data-value]')
        .evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').trim()));
      const shown = (values: string[]) => values.filter((v) => v !== '' && v !== '0').sort();
      expect({ name, labels: shown(labels) }).toEqual({ name, labels: shown(cells) });
      expect(shown(cells).length).toBeGreaterThan(0);
    }
    // the axis text is the GOV.UK text's font, not the SVG default serif
    const tickFont = await page
      .locator('figure[data-chart] text.recharts-cartesian-axis-tick-value')
      .first()
      .evaluate((node) => getComputedStyle(node).fontFamily);
    expect(tickFont).toBe(
      await page.evaluate(() => getComputedStyle(document.querySelector('p.govuk-body')!).fontFamily),
    );
    expect(tickFont).not.toMatch(/Times/);

    // a RED contact received over 4 hours ago is overdue at once: it heads "Overdue now"
    const late = await createContact(screener, { immediateRisk: true, receivedAt: hoursAgo(5) });
    const overdueRow = page.locator(`[data-testid="overdue-now"] tr[data-reference="${late.reference}"]`);
    await overdueRow.waitFor({ timeout: 3000 });
    expect(await overdueRow.innerText()).toMatch(/Overdue\s+by 1 h 0\d min/);

    // the tables open, and read the same
    await page.locator('figure[data-chart="by-rag"] summary').click();
    await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
    await expectNoSeriousViolations(page);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('should say the figures may be out of date when the connection drops', async () => {
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    const sockets: WebSocketRoute[] = [];
    let cut = false;
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cut) return void ws.close();
      ws.connectToServer();
      sockets.push(ws);
    });
    await openDashboard(page);
    cut = true;
    for (const ws of sockets) await ws.close();
    await page.getByTestId('offline-banner').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('as-of').innerText()).toMatch(/· Not live$/);
    await page.screenshot({ path: join(SHOTS, 'dashboard-not-live.png'), fullPage: false });
    await expectNoSeriousViolations(page);

    cut = false;
    await page.getByTestId('offline-banner').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByTestId('as-of').innerText()).toMatch(/· Live$/);
    await context.close();
  }, 60_000);
});
