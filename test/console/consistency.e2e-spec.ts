import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody, makeScreeners, type Body } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const RATIONALE = 'Attendance is the only worry; school and family agreed a plan and advice was given.';

// issue 21: a manager sees who closes RED and AMBER contacts with NFA more or less often than
// the rest of the team, with the numbers behind it, and which children came back after a
// closure; the period is chosen with the keyboard. quality.yml here lists a screener from one
// such decision (20 in config/), so two decisions show a difference.
describe('console: thresholds applied consistently (issue 21)', () => {
  let browser: Browser;
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frontdoor-quality-'));
    await cp(join(__dirname, '..', '..', 'config'), dir, { recursive: true });
    const file = join(dir, 'quality.yml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('minimumDecisions: 20', 'minimumDecisions: 1'),
    );
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir, POLICY_DIR: dir } });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const decided = async (token: string, body: Body, decision: Body) => {
    const as = { authorization: `Bearer ${token}` };
    const c = (await t.http().post('/api/contacts').set(as).send(contactBody(body)).expect(201)).body as {
      id: string;
    };
    await t.http().post(`/api/contacts/${c.id}/claim`).set(as).send({}).expect(200);
    await t
      .http()
      .post(`/api/contacts/${c.id}/decision`)
      .set(as)
      .send({ rationale: RATIONALE, ...decision })
      .expect(201);
    return c;
  };
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/consistency-${name}.png`, fullPage: true });

  it('lists who differs with the figures, the outcome mix and the boomerangs, for a period typed in', async () => {
    const [a, b] = await makeScreeners(t, 2);
    const amber = { rag: 'AMBER', ragReason: 'A pattern over three weeks needs a look today.' };
    const child = {
      firstName: `Boomer${randomUUID().slice(0, 6)}`,
      lastName: 'Rang',
      dateOfBirth: '2019-02-02',
    };
    await decided(a.token, { ...amber, child }, { level: 1, outcome: 'NFA' });
    await decided(b.token, amber, { level: 2, outcome: 'EARLY_HELP' });
    // the child of a's NFA comes back
    const screener = await t.login('screener@mach.example');
    await t
      .http()
      .post('/api/contacts')
      .set({ authorization: `Bearer ${screener}` })
      .send(contactBody({ child }))
      .expect(201);

    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    await signInThroughConsole(page, 'manager@mach.example');
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Consistency' }).click();
    await page.getByRole('heading', { name: 'Thresholds applied consistently', level: 1 }).waitFor();
    const flagged = page.getByTestId('flagged');
    await flagged.getByText('Racer 1').waitFor();
    const said = (await flagged.textContent()) ?? '';
    expect(said).toContain(
      'Racer 1: 1 of 1 (100%) of their RED and AMBER contacts closed with NFA, against 0 of 1',
    );
    expect(said).toContain('+100 points');
    expect(said).toContain('-100 points');
    const row = page.locator(`[data-testid="nfa-by-screener"] tr[data-user="${a.id}"]`);
    expect(await row.textContent()).toContain('1 of 1 (100%)');
    const team = page.locator('[data-testid="nfa-by-screener"] tr', { hasText: 'The whole team' });
    expect(await team.textContent()).toContain('1 of 2 (50%)');
    const months = (await page.getByTestId('boomerangs-3').textContent()) ?? '';
    expect(months).toContain('1 of 2 (50%) of the contacts closed came back');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'figures');

    // a period that is not a date: the error summary, focused, and the page title says so
    await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('31');
    await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('2');
    await page.getByRole('group', { name: 'From' }).getByLabel('Year').fill('2026');
    await page.getByRole('group', { name: 'From' }).getByLabel('Year').press('Enter');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('The start of the period must be a real date');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await seriousViolations(page)).toEqual([]);

    // a period long before any decision, by keyboard: nobody differs, nothing closed
    await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('1');
    await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('1');
    await page.getByRole('group', { name: 'From' }).getByLabel('Year').fill('2020');
    await page.getByRole('group', { name: 'To' }).getByLabel('Day').fill('31');
    await page.getByRole('group', { name: 'To' }).getByLabel('Month').fill('1');
    await page.getByRole('group', { name: 'To' }).getByLabel('Year').fill('2020');
    await page.getByRole('button', { name: 'Show the figures' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '1 January 2020 to 31 January 2020' }).waitFor();
    expect(await flagged.textContent()).toContain('No screener’s share of NFA');
    expect(await page.getByTestId('boomerangs-3').textContent()).toContain('No contact was closed');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'empty');
    await context.close();
  });
});
