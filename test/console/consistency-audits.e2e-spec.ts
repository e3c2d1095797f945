import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { SettableClock } from '@app/core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody, makeScreeners, type Body } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const DAY = 86_400_000;
const RATIONALE = 'Attendance is the only worry; school and family agreed a plan and advice was given.';
const FINDINGS =
  'The rationale weighs the school’s view and the family’s plan; advice was the proportionate answer here.';

// the Monday two weeks before this one (UTC), 10:00: a week that has ended on any clock
function pastMonday(now = new Date()): Date {
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 10);
  return new Date(monday - (((now.getUTCDay() + 6) % 7) + 14) * DAY);
}
// the front door's local date (YYYY-MM-DD) and month (YYYY-MM) of an instant
const localDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
const localMonth = (d: Date) => localDate(d).slice(0, 7);
// "2026-11" → "Nov 2026", "2026-11-16" → "16 November 2026", as the console writes them
const monthWords = (month: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );
const dayWords = (date: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));

// the cells of a table's body rows, by the row's heading: { 'Racer 1': ['1', '0', …] }
async function rowsOf(table: Locator): Promise<Record<string, string[]>> {
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('th')?.textContent?.trim() ?? '',
        [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
      ]),
    );
  return Object.fromEntries(rows) as Record<string, string[]>;
}

// issue 21 item 4 in the console: the consistency page shows the dip-sample audits of the
// decisions drawn in the period (on time of those answered, late, open, overdue; judged right by
// screener and by month; the grades) and the boomerang rate of each of the 12 months to the
// period's end, every chart with its table. Two decisions in a past week (one child comes back),
// a manager who decided neither draws the week, another answers one audit, and the clock moves
// past the audits' due time so the other is overdue.
describe('console: quality audits and the boomerang trend on the consistency page (issue 21 item 4)', () => {
  let browser: Browser;
  let t: TestApp;
  let clock: SettableClock;

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    clock = new SettableClock(new Date());
    t = await createTestApp({ listen: true, clock, env: { CONSOLE_DIR: consoleDir } });
    await t.dataSource.query(
      `insert into app_user (agency_id, email, name, role, password_hash)
       select agency_id, 'manager2@mach.example', 'Max Manager', 'MANAGER', password_hash
         from app_user where email = 'manager@mach.example'`,
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const decided = async (token: string, body: Body, decision: Body) => {
    const c = (await t.http().post('/api/contacts').set(as(token)).send(contactBody(body)).expect(201))
      .body as { id: string };
    await t.http().post(`/api/contacts/${c.id}/claim`).set(as(token)).send({}).expect(200);
    await t
      .http()
      .post(`/api/contacts/${c.id}/decision`)
      .set(as(token))
      .send({ rationale: RATIONALE, ...decision })
      .expect(201);
    return c;
  };
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/consistency-audits${name}.png`, fullPage: true });
  const typeDate = async (page: Page, legend: string, date: string) => {
    const [year, month, day] = date.split('-');
    const group = page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(String(Number(day)));
    await group.getByLabel('Month').fill(String(Number(month)));
    await group.getByLabel('Year').fill(year);
  };

  it('shows the audits’ figures, judged right by screener and month, the grades and the boomerang trend', async () => {
    const [a, b] = await makeScreeners(t, 2);
    const monday = pastMonday();
    const amber = { rag: 'AMBER', ragReason: 'A pattern over three weeks needs a look today.' };
    const child = {
      firstName: `Boomer${randomUUID().slice(0, 6)}`,
      lastName: 'Trend',
      dateOfBirth: '2019-02-02',
    };

    // the past week: two closures, and the child of the first comes back two days later
    clock.set(monday);
    const first = await decided(a.token, { ...amber, child }, { level: 1, outcome: 'NFA' });
    await decided(b.token, amber, { level: 2, outcome: 'EARLY_HELP' });
    clock.set(new Date(monday.getTime() + 2 * DAY));
    await t.http().post('/api/contacts').set(as(a.token)).send(contactBody({ child })).expect(201);

    // now: a manager who decided neither draws the week; the other manager answers one audit
    const now = new Date();
    clock.set(now);
    const max = await t.login('manager2@mach.example');
    const draw = (
      await t
        .http()
        .post('/api/quality-audits/draws')
        .set(as(max))
        .send({ weekStarting: localDate(monday) })
        .expect(201)
    ).body as { items: { id: string; contactId: string }[] };
    expect(draw.items).toHaveLength(2);
    const audit = draw.items.find((i) => i.contactId === first.id);
    expect(audit).toBeDefined();
    const manager = await t.login('manager@mach.example');
    await t
      .http()
      .post(`/api/quality-audits/${audit!.id}`)
      .set(as(manager))
      .send({ thresholdCorrect: 'YES', grade: 'GOOD', findings: FINDINGS })
      .expect(200);

    // three weeks on, the other audit is past its due time (5 working days after the draw)
    const later = new Date(now.getTime() + 21 * DAY);
    clock.set(later);

    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    await signInThroughConsole(page, 'manager@mach.example');
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Consistency' }).click();
    await page.getByRole('heading', { name: 'Thresholds applied consistently', level: 1 }).waitFor();
    await typeDate(page, 'From', localDate(monday));
    await typeDate(page, 'To', localDate(later));
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page
      .getByRole('heading', { name: `${dayWords(localDate(monday))} to ${dayWords(localDate(later))}` })
      .waitFor();

    // the headline figures, each share with its numerator and denominator
    const audits = page.getByTestId('quality-audits');
    await audits.getByRole('heading', { name: 'Quality audits', level: 2 }).waitFor();
    expect(await page.getByTestId('audits-drawn').textContent()).toBe('2');
    expect(await page.getByTestId('audits-on-time').textContent()).toBe('1 of 1 (100%)');
    expect(await page.getByTestId('audits-late').textContent()).toBe('0');
    expect(await page.getByTestId('audits-open').textContent()).toBe('1');
    expect(await page.getByTestId('audits-overdue').textContent()).toBe('1');

    // judged right by the screener who decided: only the answered audit counts
    const byScreener = page.getByTestId('audits-by-screener');
    expect(await byScreener.locator('tbody tr').count()).toBe(1);
    expect(await byScreener.locator(`tr[data-key="${a.id}"] th`).textContent()).toBe('Racer 1');
    expect(await rowsOf(byScreener)).toEqual({ 'Racer 1': ['1', '0', '0', '1 of 1 (100%)'] });
    expect(await byScreener.locator(`tr[data-key="${b.id}"]`).count()).toBe(0);

    // by the month it was answered, as a table and a chart with its own table
    const answeredIn = monthWords(localMonth(now));
    expect(answeredIn).toMatch(/^[A-Z][a-z]{2,3} \d{4}$/);
    const byMonth = page.getByTestId('audits-by-month');
    expect(await rowsOf(byMonth)).toEqual({ [answeredIn]: ['1', '0', '0', '1 of 1 (100%)'] });
    const monthChart = page.locator('figure[data-chart="audits-correct-by-month"]');
    expect(await monthChart.locator(':scope > div[role="img"]').getAttribute('aria-label')).toContain(
      `${answeredIn}: 1 of 1 (100%)`,
    );
    expect(await rowsOf(monthChart.locator('table'))).toEqual({ [answeredIn]: ['1 of 1 (100%)'] });

    // the grades, in words, as a chart and its table
    const grades = page.locator('figure[data-chart="audits-grades"]');
    expect(await rowsOf(grades.locator('table'))).toEqual({
      Outstanding: ['0'],
      Good: ['1'],
      'Requires improvement': ['0'],
      Inadequate: ['0'],
    });
    expect(await grades.locator(':scope > div[role="img"]').getAttribute('aria-label')).toContain('Good: 1');

    // the boomerang rate of each of the 12 months to the period's end: the past week's month
    // has 1 of 2 closures back, every other month none closed
    const trend = page.locator('figure[data-chart="boomerang-trend"]');
    await page.getByRole('heading', { name: 'Boomerang rate by month', level: 3 }).waitFor();
    const months = await rowsOf(trend.locator('table'));
    const [year, month] = localMonth(later).split('-').map(Number);
    const expected = Array.from({ length: 12 }, (_, i) => {
      const m = year * 12 + month - 1 - (11 - i);
      return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    });
    expect(Object.keys(months)).toEqual(expected.map(monthWords));
    const closedIn = monthWords(localMonth(monday));
    for (const m of expected.map(monthWords))
      expect([m, months[m]]).toEqual([m, [m === closedIn ? '1 of 2 (50%)' : 'No closures']]);
    expect(await trend.locator(':scope > div[role="img"]').getAttribute('aria-label')).toContain(
      `${closedIn}: 1 of 2 (50%)`,
    );

    expect(await seriousViolations(page)).toEqual([]);
    await audits.getByRole('heading', { name: 'Quality audits' }).scrollIntoViewIfNeeded();
    await shoot(page, '');
    await audits.screenshot({ path: '/tmp/consistency-audits-section.png' });

    // the charts' tables, opened by keyboard, are clean too
    for (const figure of [monthChart, grades, trend]) {
      await figure.locator('summary').focus();
      await page.keyboard.press('Enter');
      await figure.locator('table').waitFor();
    }
    expect(await seriousViolations(page)).toEqual([]);
    await audits.screenshot({ path: '/tmp/consistency-audits-tables.png' });
    await page.getByTestId('boomerang-trend').screenshot({ path: '/tmp/consistency-audits-trend.png' });

    // a period before any draw: said in words, no empty tables
    await typeDate(page, 'From', '2020-01-01');
    await typeDate(page, 'To', '2020-01-31');
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page.getByRole('heading', { name: '1 January 2020 to 31 January 2020' }).waitFor();
    expect(await page.getByTestId('audits-on-time').textContent()).toBe('No audits answered');
    expect(await page.getByTestId('audits-drawn').textContent()).toBe('0');
    expect(await page.getByTestId('audits-none-answered').textContent()).toBe(
      'No decision in this period was drawn for an audit.',
    );
    expect(await page.getByTestId('audits-by-screener').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await audits.screenshot({ path: '/tmp/consistency-audits-empty.png' });
    await context.close();
  }, 180_000);
});
