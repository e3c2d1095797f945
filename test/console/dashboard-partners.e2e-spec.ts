/// <reference lib="dom" />
// functions passed to evaluate run in the browser: the DOM types are theirs
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SettableClock } from '@app/core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody, type Body } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');
const QUESTIONS = 'Is the family known to you? Any incidents at the address in the last 12 months?';
const RATIONALE = 'Bruising explained by the school; the family engaged at once and accept early help.';

// "December 2026": the front door's month of an instant, in words
const monthOf = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(at);

// issue 18 on the manager's dashboard: the partner agencies' answers, chases and overdue
// requests, answered on time by month, and the quality of each referring agency's contacts,
// all moving live as the metrics view pushes, in a real Chromium
describe('console: partner agencies on the live dashboard (issue 18)', () => {
  let browser: Browser;
  let t: TestApp;
  let clock: SettableClock;
  let screener: string;
  let police: string;
  let school: string;
  let agencies: Record<string, string>;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    // the front door's clock, moved on to make a request overdue (sessions keep the wall clock)
    clock = new SettableClock(new Date());
    t = await createTestApp({ listen: true, clock, env: { CONSOLE_DIR: consoleDir } });
    [screener, police, school] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('police@cleveland.example'),
      t.login('school@partner.example'),
    ]);
    const rows = (await t.dataSource.query(`select id, name from agency`)) as { id: string; name: string }[];
    agencies = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    await mkdir(SHOTS, { recursive: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // a contact the screener holds
  const claimedContact = async (token: string, overrides: Body = {}) => {
    const made = (
      await t.http().post('/api/contacts').set(as(token)).send(contactBody(overrides)).expect(201)
    ).body as { id: string };
    await t.http().post(`/api/contacts/${made.id}/claim`).set(as(screener)).send({}).expect(200);
    return made.id;
  };

  // the text of a cell of an agency's row in a table, once it reads `expected`
  async function cellReads(page: Page, table: string, agency: string, column: string, expected: string) {
    await page.waitForFunction(
      ([table, agency, column, expected]) =>
        (
          document.querySelector(
            `[data-testid="${table}"] tr[data-agency="${agency}"] td[data-column="${column}"]`,
          )?.textContent ?? ''
        ).trim() === expected,
      [table, agency, column, expected] as const,
      { timeout: 3000, polling: 50 },
    );
  }
  const row = (page: Page, table: string, agency: string) =>
    page.locator(`[data-testid="${table}"] tr[data-agency="${agency}"]`);

  it('should show what partner agencies answer, live, with a chart and its table, and pass axe', async () => {
    const context = await browser.newContext({ baseURL: t.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signInThroughConsole(page, 'manager@mach.example');
    await page.goto('/dashboard');
    await page.getByTestId('as-of').waitFor();
    await page.locator('figure[data-chart] svg.recharts-surface').first().waitFor({ timeout: 10_000 });

    // nobody has been asked yet: the section says so
    await page.getByRole('heading', { level: 2, name: 'Partner agencies' }).waitFor();
    expect(await page.getByTestId('partner-answers').innerText()).toMatch(/No partner agency has been asked/);
    expect(await page.getByTestId('partner-months').innerText()).toMatch(/No partner agency has been asked/);
    expect(await page.getByTestId('partner-quality').innerText()).toMatch(/No contact has been graded/);

    // a RED contact asks the police and health: a row each, without a reload, within 3 s
    const red = await claimedContact(screener, { immediateRisk: true });
    const asked = (
      await t
        .http()
        .post(`/api/contacts/${red}/information-requests`)
        .set(as(screener))
        .send({
          agencies: [agencies['Cleveland Police'], agencies['South Tees Health']],
          questions: QUESTIONS,
          lawfulBasis: 'CONSENT',
        })
        .expect(201)
    ).body.requests as { id: string }[];
    expect(asked).toHaveLength(2);
    const [policeRequest, healthRequest] = asked;
    for (const agency of ['Cleveland Police', 'South Tees Health']) {
      await cellReads(page, 'partner-answers', agency, 'open', '1');
      await cellReads(page, 'partner-answers', agency, 'answered', 'None due');
      await cellReads(page, 'partner-answers', agency, 'chases', '0 (0 chases, 1 request)');
      await cellReads(page, 'partner-answers', agency, 'overdue', '0');
    }
    // nobody has answered: each median is a dash, "no answers" to a screen reader
    const medians = await row(page, 'partner-answers', 'Cleveland Police')
      .locator('td')
      .evaluateAll((cells) => cells.slice(1, 4).map((c) => (c.textContent ?? '').trim()));
    expect(medians).toEqual(['–no answers', '–no answers', '–no answers']);

    // the police answer at once, and the screener chases health twice
    await t
      .http()
      .post(`/api/information-requests/${policeRequest.id}/response`)
      .set(as(police))
      .send({ summary: 'One call-out to the address in March.', knownToAgency: true })
      .expect(201);
    for (let i = 0; i < 2; i++)
      await t
        .http()
        .post(`/api/information-requests/${healthRequest.id}/chase`)
        .set(as(screener))
        .send({})
        .expect(201);
    await cellReads(page, 'partner-answers', 'Cleveland Police', 'answered', '1 of 1 (100%)');
    await cellReads(page, 'partner-answers', 'Cleveland Police', 'open', '0');
    await cellReads(page, 'partner-answers', 'South Tees Health', 'chases', '2 (2 chases, 1 request)');
    await cellReads(page, 'partner-answers', 'South Tees Health', 'answered', 'None due');
    const policeCells = await row(page, 'partner-answers', 'Cleveland Police')
      .locator('td')
      .evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
    // answered in the same minute (the clock stands still): RED 0 min, AMBER and GREEN none
    expect(policeCells).toEqual([
      '1 of 1 (100%)',
      '0 min',
      '–no answers',
      '–no answers',
      '0',
      '0',
      '0 (0 chases, 1 request)',
    ]);

    // five hours on, health's RED request is past its due time: overdue, as a tag, once the
    // next event brings the figures
    clock.advance(5 * 3600_000);
    const month = monthOf(clock.now());
    // a school's contact graded partial with the decision: the quality table's row
    const graded = await claimedContact(school, { categories: ['OTHER'] });
    await t
      .http()
      .post(`/api/contacts/${graded}/decision`)
      .set(as(screener))
      .send({
        level: 2,
        outcome: 'EARLY_HELP',
        rationale: RATIONALE,
        quality: { grade: 'PARTIAL', reasons: ['NO_CONSENT_RECORDED'] },
      })
      .expect(201);
    await cellReads(page, 'partner-answers', 'South Tees Health', 'overdue', '1 overdue');
    await cellReads(page, 'partner-answers', 'South Tees Health', 'answered', '0 of 1 (0%)');
    expect(
      await row(page, 'partner-answers', 'South Tees Health')
        .locator('td[data-column="overdue"] .govuk-tag--magenta')
        .count(),
    ).toBe(1);
    await cellReads(page, 'partner-quality', 'Acklam Primary School', 'partial', '1');
    const quality = await row(page, 'partner-quality', 'Acklam Primary School')
      .locator('th, td')
      .evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
    expect(quality).toEqual(['Acklam Primary School', month, '0', '1', '0', '0 of 1 (0%)']);

    // answered on time by month: a chart per agency, its month's row in its table, the chart's
    // labels the table's figures
    const monthly = async (agency: string) => {
      const figure = page.locator(`figure[data-chart="responses-${agencies[agency]}"]`);
      await figure.locator('svg.recharts-surface').waitFor({ timeout: 3000 });
      const cells = await figure
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
        );
      const labels = await figure
        .locator('svg .recharts-label-list text')
        .evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').trim()));
      return { caption: await figure.locator('figcaption').innerText(), cells, labels };
    };
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('figure[data-chart^="responses-"] td[data-value]')]
          .map((c) => c.textContent)
          .join('|') === '1 of 1 (100%)|0 of 1 (0%)',
      undefined,
      { timeout: 3000 },
    );
    expect(await monthly('Cleveland Police')).toEqual({
      caption: 'Cleveland Police: answered on time by month (%)',
      cells: [[month, '1 of 1 (100%)']],
      labels: ['1 of 1 (100%)'],
    });
    expect(await monthly('South Tees Health')).toEqual({
      caption: 'South Tees Health: answered on time by month (%)',
      cells: [[month, '0 of 1 (0%)']],
      labels: ['0 of 1 (0%)'],
    });

    // the tables open, and the page reads the same for everyone
    for (const summary of await page.locator('figure[data-chart^="responses-"] summary').all())
      await summary.click();
    await page.getByRole('heading', { level: 2, name: 'Partner agencies' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'dashboard-partners.png'), fullPage: true });
    await page
      .getByTestId('partner-agencies')
      .screenshot({ path: join(SHOTS, 'dashboard-partners-section.png') });
    expect(await seriousViolations(page)).toEqual([]);

    // 320 px wide (WCAG 1.4.10): the section's tables scroll in their own focusable, named
    // regions, and nothing of the section reaches past the page's edge (the older sections'
    // tables and line chart still do: not this section's)
    await page.setViewportSize({ width: 320, height: 800 });
    await page.waitForTimeout(300);
    const widths = await page.evaluate(() => {
      const edge = document.documentElement.clientWidth;
      const section = document.querySelector('[data-testid="partner-agencies"]')!;
      // an element past the edge that no scrolling region of the section clips
      const scrolled = (e: Element) => {
        for (let p = e.parentElement; p && p !== section; p = p.parentElement)
          if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
        return false;
      };
      return {
        section: section.getBoundingClientRect().right <= edge,
        beyond: [...section.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > edge + 0.5 && !scrolled(e))
          .map((e) => `${e.tagName} ${(e.textContent ?? '').slice(0, 40)}`),
        regions: [...section.querySelectorAll('.fd-dashboard-scroll')].map((r) => ({
          label: r.getAttribute('aria-label'),
          tabIndex: (r as HTMLElement).tabIndex,
          fits: r.getBoundingClientRect().right <= edge,
          scrolls: r.scrollWidth > r.clientWidth,
        })),
      };
    });
    expect(widths).toEqual({
      section: true,
      beyond: [],
      regions: [
        { label: 'Answers from partner agencies (last 30 days)', tabIndex: 0, fits: true, scrolls: true },
        { label: 'Quality of contacts by referring agency', tabIndex: 0, fits: true, scrolls: true },
      ],
    });
    await page
      .getByTestId('partner-agencies')
      .screenshot({ path: join(SHOTS, 'dashboard-partners-320.png') });
    // a keyboard reaches the table's region, and scrolls it
    await page.locator('.fd-dashboard-scroll').first().focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () => document.querySelector('.fd-dashboard-scroll')!.scrollLeft > 0,
      undefined,
      { timeout: 2000 },
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
