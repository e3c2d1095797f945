import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');

// issue 17 item 8: find a child (misspelt, day and month swapped) and read the child's record
describe('console: find a child and the child record (issue 17)', () => {
  let browser: Browser;
  let t: TestApp;
  let screener: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
    screener = await t.login('screener@mach.example');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    await signInThroughConsole(page, email);
    return page;
  };
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `children-${name}.png`), fullPage: true });

  it('should find Amy Smyth from "Aimee Smith" with day and month swapped, say why, and open her record', async () => {
    // a surname of this run's own, spelt two ways, so no other suite's child is found
    const stem = `Smy${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 5)}`;
    const made = (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${screener}`)
        .send(
          contactBody({
            child: { firstName: 'Amy', lastName: `${stem}th`, dateOfBirth: '2016-05-04', sex: 'F' },
          }),
        )
        .expect(201)
    ).body as { id: string; reference: string };

    const page = await open('screener@mach.example');
    await page.getByRole('link', { name: 'Find a child' }).first().click();
    await page.getByRole('heading', { name: 'Find a child' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // nothing entered: the GOV.UK error summary, focused, linked to the name
    await page.getByRole('button', { name: 'Search' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Name').fill(`Aimee ${stem.replace('y', 'i')}th`);
    await page.getByLabel('Day').fill('5');
    await page.getByLabel('Month').fill('4');
    await page.getByLabel('Year').fill('2016');
    await page.getByRole('button', { name: 'Search' }).click();
    const matches = page.getByTestId('child-matches');
    await matches.waitFor();
    const row = matches.locator('tbody tr').filter({ hasText: `Amy ${stem}th` });
    await row.waitFor();
    expect(await row.getByTestId('match-reasons').textContent()).toMatch(/day and month swapped/);
    // the search is in the address: it can be linked, and Back comes back to it
    expect(new URL(page.url()).searchParams.get('dateOfBirth')).toBe('2016-04-05');
    await shoot(page, 'search');
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('link', { name: `Amy ${stem}th` }).click();
    await page.getByRole('heading', { name: `Amy ${stem}th`, level: 1 }).waitFor();
    const history = page.getByTestId('child-history');
    expect(await history.textContent()).toContain(made.reference);
    expect(await page.getByText('4 May 2016').first().isVisible()).toBe(true);
    await shoot(page, 'record');
    expect(await seriousViolations(page)).toEqual([]);
    await history.getByRole('link', { name: made.reference }).click();
    await page.getByTestId('contact-header').waitFor();
    await page.goBack();
    await page.goBack();
    await matches.waitFor();
    await page.context().close();
  });

  it('should say when nothing matches', async () => {
    const page = await open('manager@mach.example');
    await page.goto(`/children?name=Zzyzx${randomUUID().slice(0, 4)}+Qwerty`);
    await page.getByText('No children match').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('should keep the register from partners and the police, on the page and at the api', async () => {
    for (const email of ['school@partner.example', 'police@cleveland.example']) {
      const page = await open(email);
      await page.goto('/children');
      await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
      const token = await t.login(email);
      await t.http().get('/api/children/search?name=Amy').set('authorization', `Bearer ${token}`).expect(403);
      await page.context().close();
    }
  });
});
