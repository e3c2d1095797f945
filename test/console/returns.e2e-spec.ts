/// <reference lib="dom" />
// functions passed to evaluate run in the browser: the DOM types are theirs
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SettableClock } from '@app/core';
import { FRIDAY, scriptedYear, upnOf } from '../returns/support';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');
const CHECK = '/api/returns/cin-census/check';
// today where the front door is (config/calendar.yml: Europe/London), as the page reads it
const todayInLondon = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()); // YYYY-MM-DD

// issue 19 in the console: the statutory returns page checks a year's CIN census child by child,
// each problem linking to the record to fix, downloads the XML with the session's cookie, and
// builds Annex A's download from its choices; a real Chromium, keyboard only where it matters
describe('console: statutory returns (issue 19)', () => {
  let browser: Browser;
  let t: TestApp;
  let clock: SettableClock;
  let screener: string;
  let manager: string;
  // the s47 child whose disability was never recorded, and the assessed child with nothing wrong
  let eli: { child_id: string; la_child_id: string; name: string };
  let dee: { child_id: string; la_child_id: string };
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    clock = new SettableClock(FRIDAY);
    t = await createTestApp({ listen: true, clock, env: { CONSOLE_DIR: consoleDir } });
    [screener, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
    ]);
    await mkdir(SHOTS, { recursive: true });
    const { childOf, discussion, referred } = scriptedYear(t, clock, screener);

    // a scripted year, as test/returns/cin-census does it: a referral for an assessment (its
    // child's UPN and disabilities recorded), and a single-agency s47 from a strategy discussion
    // held on Monday 12 May whose child has no disability recorded (rule 8540)
    const u = randomUUID().slice(0, 6);
    const assessed = await referred(
      { firstName: `Dee${u}`, lastName: 'Returns', dateOfBirth: '2013-09-09' },
      'N5',
    );
    dee = await childOf(assessed.id);
    await t
      .http()
      .patch(`/api/children/${dee.child_id}`)
      .set(as(screener))
      .send({
        upn: upnOf(String(parseInt(u, 16))),
        disabilities: ['NONE'],
        reason: 'Given by the school office on the phone today.',
      })
      .expect(200);

    const s47 = await discussion('S47_SINGLE_AGENCY', `Eli${u}`, 'Returns');
    eli = { ...(await childOf(s47.contactId)), name: `Eli${u} Returns` };
    // the front door's clock back to the wall clock: the browser signs in today
    clock.set(new Date());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = async (email: string) => {
    const context = await browser.newContext({ baseURL: t.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInThroughConsole(page, email);
    return page;
  };
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `returns-${name}.png`), fullPage: true });
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()}#${el.id}` : '';
    });

  it('should check the census by keyboard, list the problem child by child with its link, and download the XML', async () => {
    const page = await open('manager@mach.example');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const checks: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === CHECK) checks.push(request.url());
    });

    // from the navigation, after the dashboard
    const menu = await page
      .locator('nav[aria-label="Menu"] a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(menu.slice(0, 2)).toEqual(['/dashboard', '/returns']);
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Returns' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statutory returns' }).waitFor();
    expect(await page.title()).toBe('Statutory returns – Front door');

    // the year containing today is preselected, the four before it offered
    const years = await page
      .locator('#census-year option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const [y, m] = todayInLondon().split('-').map(Number);
    const current = m >= 4 ? y + 1 : y;
    expect(years).toEqual([0, 1, 2, 3, 4].map((i) => String(current - i)));
    expect(await page.locator('#census-year').inputValue()).toBe(String(current));
    // nothing checked yet: no result, no download
    expect(await page.getByTestId('census-result').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'empty');

    // keyboard only: from the heading, Tab to the year, choose the year ending 31 March 2026,
    // Tab to the button, Enter
    expect(await focused(page)).toMatch(/^h1/);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('select#census-year');
    for (let i = 0; i < current - 2026; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('#census-year').inputValue()).toBe('2026');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'census-check',
    );
    await page.keyboard.press('Enter');
    await page.getByTestId('census-result').waitFor();
    // the answer is heard: focus on its heading
    expect(await focused(page)).toBe('h3#census-result');
    expect(await page.locator('#census-result').innerText()).toBe(
      'The census for 1 April 2025 to 31 March 2026',
    );
    expect(checks).toEqual([expect.stringContaining('year=2026')]);

    // the counts, and the s47 child's missing disability in the child's table with its link
    expect(Number(await page.getByTestId('census-children').innerText())).toBeGreaterThanOrEqual(2);
    expect(Number(await page.getByTestId('census-rules').innerText())).toBeGreaterThan(40);
    const eliTable = page.locator(`table[data-child="${eli.la_child_id}"]`);
    expect(await eliTable.locator('caption').innerText()).toMatch(new RegExp(`^Child ${eli.la_child_id}: `));
    const rules = await eliTable
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule')));
    expect(rules).toContain('8540');
    const row = eliTable.locator('tr[data-rule="8540"]');
    const cells = await row
      .locator('td')
      .evaluateAll((tds) => tds.map((td) => (td.textContent ?? '').trim()));
    expect(cells[0]).toBe('8540');
    expect(cells[1]).toBe('Error');
    expect(cells[3]).toBe('Disability');
    expect(await row.locator('.govuk-tag--red').count()).toBe(1);
    const fix = row.getByRole('link');
    expect(await fix.getAttribute('href')).toBe(`/children/${eli.child_id}`);
    expect(await fix.innerText()).toMatch(/^Child’s record/);
    // the query every front-door return carries is shown as expected, grey, with why
    const expected = eliTable.locator('tr[data-rule="2991Q"]');
    expect(await expected.locator('.govuk-tag--grey').innerText()).toMatch(/expected/i);
    expect(await expected.innerText()).toMatch(/assessments come from the council’s case system/);
    // the assessed child, UPN and disabilities recorded, has no table
    expect(await page.locator(`table[data-child="${dee.la_child_id}"]`).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'results');

    // a double press sends one request
    checks.length = 0;
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === CHECK);
    await page.getByTestId('census-check').evaluate((button) => {
      (button as HTMLButtonElement).click();
      (button as HTMLButtonElement).click();
    });
    await answered;
    await page.getByTestId('census-result').waitFor();
    await page.waitForTimeout(300);
    expect(checks).toHaveLength(1);
    await page.getByTestId('census-check').dblclick();
    await page.getByTestId('census-result').waitFor();
    await page.waitForTimeout(300);
    expect(checks).toHaveLength(2);

    // the download: a plain link the session's cookie authorises
    const download = page.getByTestId('census-download');
    expect(await download.getAttribute('href')).toBe('/api/returns/cin-census?year=2026');
    expect(await download.getAttribute('download')).toBe('cin-census-2026.xml');
    expect(await download.innerText()).toBe('Download the census (XML)');
    const fetched = await page.evaluate(
      async (href) => {
        const res = await fetch(href, { credentials: 'same-origin' });
        return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
      },
      (await download.getAttribute('href'))!,
    );
    expect(fetched.status).toBe(200);
    expect(fetched.type).toBe('application/xml; charset=utf-8');
    expect(fetched.text.startsWith('<?xml')).toBe(true);
    expect(fetched.text).toContain(`<LAchildID>${eli.la_child_id}</LAchildID>`);

    // the problem's link opens the child's record
    await fix.click();
    await page.waitForURL((url) => url.pathname === `/children/${eli.child_id}`);
    await page.getByRole('heading', { level: 1, name: eli.name }).waitFor();

    // the oldest year offered has nothing to return: an inset, no download, no crash
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Statutory returns' }).waitFor();
    await page.locator('#census-year').selectOption(String(current - 4));
    await page.getByTestId('census-check').click();
    await page.getByTestId('census-nothing').waitFor();
    expect(await page.getByTestId('census-nothing').innerText()).toMatch(/^There is nothing to return for/);
    expect(await page.getByTestId('census-download').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('should build the Annex A download from the choices and refuse a date that is not one', async () => {
    const page = await open('manager@mach.example');
    await page.goto('/returns');
    await page.getByRole('heading', { level: 2, name: 'Ofsted’s Annex A lists' }).waitFor();
    const today = todayInLondon();
    const [year, month, day] = today.split('-');
    // as at today, the workbook, the old heading
    expect(await page.locator('#asOf-day').inputValue()).toBe(String(Number(day)));
    expect(await page.locator('#asOf-month').inputValue()).toBe(String(Number(month)));
    expect(await page.locator('#asOf-year').inputValue()).toBe(year);
    const link = page.getByTestId('annex-a-download');
    expect(await link.getAttribute('href')).toBe(`/api/returns/annex-a?asOf=${today}&format=xlsx`);
    // as at 30 June 2025: the scripted year's contacts, referrals and s47 enquiries counted, list
    // by list, as the api counts them
    await page.locator('#asOf-day').fill('30');
    await page.locator('#asOf-month').fill('6');
    await page.locator('#asOf-year').fill('2025');
    const counts: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/returns/annex-a/counts') counts.push(request.url());
    });
    const counted = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/returns/annex-a/counts');
    // a double press counts once
    await page.getByTestId('annex-a-count').dblclick();
    await counted;
    const table = page.getByTestId('annex-a-counts');
    await table.waitFor();
    await page.waitForTimeout(300);
    expect(counts).toEqual([expect.stringContaining('asOf=2025-06-30')]);
    const api = (
      await t.http().get('/api/returns/annex-a/counts?asOf=2025-06-30').set(as(manager)).expect(200)
    ).body as { lists: { list: string; rows: number }[] };
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-list'), (r.querySelector('td')?.textContent ?? '').trim()]),
      );
    expect(shown).toEqual(api.lists.map((l) => [l.list, l.rows.toLocaleString('en-GB')]));
    expect(shown.map(([list]) => list)).toEqual(['List 1', 'List 3', 'List 5']);
    for (const l of api.lists) expect(l.rows).toBeGreaterThanOrEqual(l.list === 'List 5' ? 1 : 2);
    expect(await table.locator('caption').innerText()).toMatch(/ to 30 Jun 2025$/);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'annex-a-counts');
    // the workbook and the zip, fetched with the session's cookie
    expect(await link.getAttribute('href')).toBe('/api/returns/annex-a?asOf=2025-06-30&format=xlsx');
    const fetchFile = (href: string) =>
      page.evaluate(async (href) => {
        const res = await fetch(href, { credentials: 'same-origin' });
        return {
          status: res.status,
          type: res.headers.get('content-type') ?? '',
          disposition: res.headers.get('content-disposition') ?? '',
          bytes: (await res.arrayBuffer()).byteLength,
        };
      }, href);
    const workbook = await fetchFile((await link.getAttribute('href'))!);
    expect(workbook).toMatchObject({ status: 200, type: expect.stringContaining('spreadsheetml') });
    expect(workbook.disposition).toContain('annex-a-2025-06-30.xlsx');
    expect(workbook.bytes).toBeGreaterThan(1000);

    await page.getByLabel('CSV files in a zip').check();
    await page.getByLabel('Use the 2026 template’s ‘Sex’ heading').check();
    expect(await link.getAttribute('href')).toBe(
      '/api/returns/annex-a?asOf=2025-06-30&format=csv&heading=sex',
    );
    const zip = await fetchFile((await link.getAttribute('href'))!);
    expect(zip).toMatchObject({ status: 200, type: expect.stringContaining('zip') });
    expect(zip.disposition).toContain('annex-a-2025-06-30.zip');
    await page.locator('#asOf-day').fill('1');
    await page.locator('#asOf-month').fill('10');
    await page.locator('#asOf-year').fill('2026');
    expect(await link.getAttribute('href')).toBe(
      '/api/returns/annex-a?asOf=2026-10-01&format=csv&heading=sex',
    );

    // 31 February: the error summary, focused, the title "Error: ", the field marked; no download
    await page.locator('#asOf-day').fill('31');
    await page.locator('#asOf-month').fill('2');
    const downloads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/returns/annex-a')) downloads.push(request.url());
    });
    await link.focus();
    await page.keyboard.press('Enter');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('The date the lists are as at must be a real date');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(
      true,
    );
    expect(await page.title()).toBe('Error: Statutory returns – Front door');
    expect(await page.locator('#asOf-error').innerText()).toContain('must be a real date');
    expect(downloads).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'date-error');
    // the summary's link goes to the day box
    await summary.getByRole('link').click();
    expect(await focused(page)).toBe('input#asOf-day');
    // a date to come, and no date at all, are refused the same way
    await page.locator('#asOf-day').fill('1');
    await page.locator('#asOf-year').fill('2099');
    await link.press('Enter');
    await summary.getByText('The date the lists are as at must be today or in the past').waitFor();
    for (const box of ['day', 'month', 'year']) await page.locator(`#asOf-${box}`).fill('');
    await page.getByTestId('annex-a-count').press('Enter');
    await summary.getByText('Enter the date the lists are as at').waitFor();
    expect(downloads).toEqual([]);
    // corrected: the link is built again
    await page.locator('#asOf-month').fill('2');
    await page.locator('#asOf-year').fill('2026');
    await page.locator('#asOf-day').fill('28');
    expect(await link.getAttribute('href')).toBe(
      '/api/returns/annex-a?asOf=2026-02-28&format=csv&heading=sex',
    );
    await page.context().close();
  });

  it('should refuse the screener the page, and keep it out of the screener’s navigation', async () => {
    const page = await open('screener@mach.example');
    await page.goto('/returns');
    await page.getByRole('heading', { level: 1, name: 'You cannot see this page' }).waitFor();
    expect(await page.locator('nav a[href="/returns"]').count()).toBe(0);
    expect(await page.getByTestId('census-check').count()).toBe(0);
    await page.context().close();
  });
});
