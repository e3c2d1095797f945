import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody, createContact } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');
const RATIONALE =
  'The school describes a pattern over weeks; the family has accepted support before and engaged.';

interface Level {
  level: number;
  name: string;
  description: string;
  examples: string[];
}

// issue 16 item 6 (CONSOLE.md 3.4 Q1-Q3, AC-18, AC-20): a school makes a referral and watches
// what becomes of it, live
describe('console: the partner portal (issue 16 item 6)', () => {
  let browser: Browser;
  let t: TestApp;
  let screener: string;
  let partner: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
    [screener, partner] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('school@partner.example'),
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const claim = (id: string) =>
    t.http().post(`/api/contacts/${id}/claim`).set(as(screener)).send({}).expect(200);
  const decide = (id: string, level: number, outcome: string) =>
    t
      .http()
      .post(`/api/contacts/${id}/decision`)
      .set(as(screener))
      .send({ level, outcome, rationale: RATIONALE, primaryNeedCode: 'N1' })
      .expect(201);
  // the partner's audited reads of one contact
  const reads = async (contactId: string) =>
    Number(
      (
        (await t.dataSource.query(
          `select count(*) as n from audit_entry a join app_user u on u.id = a.actor_id
            where a.action = 'CONTACT_VIEWED' and a.entity_id = $1 and u.email = 'school@partner.example'`,
          [contactId],
        )) as { n: string }[]
      )[0].n,
    );
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `partner-${name}.png`), fullPage: true });
  // a mark the page keeps until it is loaded again: still there means no reload happened
  const markPage = (page: Page) =>
    page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const notReloaded = (page: Page) =>
    page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);

  it('should land on an empty My referrals, send a referral, and follow it live to its outcome and acknowledgement', async () => {
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    await signInThroughConsole(page, 'school@partner.example');

    // the partner's home: nothing sent yet
    await page.getByRole('heading', { name: 'My referrals' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/referrals');
    await page.getByTestId('no-referrals').waitFor();
    await page.getByRole('status').getByText('Live').waitFor();
    expect(await page.getByRole('link', { name: 'Make a referral' }).count()).toBeGreaterThan(0);
    await shot(page, 'empty');
    expect(await seriousViolations(page)).toEqual([]);

    // the referral form's help: each level of need from the api, none written in the console
    await page.getByTestId('no-referrals').getByRole('link', { name: 'Make a referral' }).click();
    await page.getByRole('heading', { name: 'Make a referral' }).waitFor();
    const { levels } = (await t.http().get('/api/thresholds').set(as(partner)).expect(200)).body as {
      levels: Level[];
    };
    expect(levels.length).toBeGreaterThan(0);
    const guidance = page.getByTestId('threshold-guidance');
    await guidance.getByText('What each level of need means').click();
    for (const level of levels) {
      await guidance.getByRole('heading', { name: `Level ${level.level}: ${level.name}` }).waitFor();
      await guidance.getByText(level.description, { exact: true }).waitFor();
      for (const example of level.examples) await guidance.getByText(example, { exact: true }).waitFor();
    }
    expect(await guidance.locator('h3').count()).toBe(levels.length);
    await shot(page, 'guidance');
    expect(await seriousViolations(page)).toEqual([]);
    // and with the form's problems showing (AC-20's third state)
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await guidance.count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // one child, sent through the form
    const family = `Mensah${Date.now().toString(36)}`;
    await page.getByLabel('Your role (optional)').fill('Designated safeguarding lead');
    await page.getByLabel('Who is making the referral').selectOption('2A');
    await page.getByLabel('First name').fill('Yaw');
    await page.getByLabel('Last name').fill(family);
    await page.getByLabel('What happened').fill('Yaw has come to school hungry every day this week.');
    await page.getByLabel('Neglect').check();
    await page.getByRole('group', { name: 'Is the child injured?' }).getByLabel('No').check();
    await page
      .getByRole('group', { name: 'Is the child at immediate risk of harm?' })
      .getByLabel('No')
      .check();
    await page.getByLabel('No, I did not ask').check();
    await page.getByLabel('Why not?').fill('Asking would put the child at risk');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your answers before sending' }).waitFor();
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByTestId('contact-done').waitFor();
    const reference = (await page.getByTestId('contact-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^CON-/);

    // on My referrals as Received, with the child's name
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'My referrals' }).click();
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await row.waitFor();
    expect(await row.getByTestId('status-tag').textContent()).toBe('Received');
    expect(await row.textContent()).toContain(`Yaw ${family}`);
    expect(await row.getByTestId('outcome').textContent()).toBe('Not decided yet');
    await shot(page, 'received');
    expect(await seriousViolations(page)).toEqual([]);

    // a screener claims it: "In screening" without a reload
    const id =
      (await row.getByRole('link', { name: reference }).getAttribute('href'))?.split('/').pop() ?? '';
    await markPage(page);
    await claim(id);
    await page
      .locator(`tr[data-reference="${reference}"][data-status="IN_SCREENING"]`)
      .waitFor({ timeout: 2000 });
    expect(await row.getByTestId('status-tag').textContent()).toBe('In screening');
    expect(await notReloaded(page)).toBe(true);
    expect(await reads(id)).toBe(0); // an open referral is never read for the list

    // the referral page: its status, then the decision arrives while it is open
    await row.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: reference }).waitFor();
    const status = page.getByTestId('referral-status');
    expect(await status.getByTestId('status-tag').textContent()).toBe('In screening');
    expect(await status.textContent()).toContain(`Yaw ${family}`);
    await page.getByTestId('no-acknowledgement').waitFor();
    await shot(page, 'referral-open');
    expect(await seriousViolations(page)).toEqual([]);
    await markPage(page);
    await decide(id, 2, 'EARLY_HELP');
    await page.locator('[data-testid="referral-status"][data-status="DECIDED"]').waitFor({ timeout: 3000 });
    expect(await status.getByTestId('status-tag').textContent()).toBe('Decided');
    expect(await status.textContent()).toContain('Early help');
    const acknowledgement = page.getByTestId('acknowledgement');
    await acknowledgement.waitFor();
    const told = (await t.http().get(`/api/contacts/${id}`).set(as(partner)).expect(200)).body as {
      acknowledgement: { recipient: { name: string; organisation: string } };
    };
    expect(await acknowledgement.textContent()).toContain(
      `${told.acknowledgement.recipient.name}, ${told.acknowledgement.recipient.organisation}`,
    );
    expect(await acknowledgement.textContent()).toContain('Early help');
    expect(await notReloaded(page)).toBe(true);
    await shot(page, 'referral-decided');
    expect(await seriousViolations(page)).toEqual([]);

    // back on the list: the outcome and who was told, from the live view
    await page.getByRole('link', { name: 'My referrals', exact: true }).first().click();
    await row.waitFor();
    expect(await row.getByTestId('status-tag').textContent()).toBe('Decided');
    expect(await row.getByTestId('outcome').textContent()).toBe('Early help');
    expect(await row.getByTestId('acknowledgement').textContent()).toContain(
      told.acknowledgement.recipient.organisation,
    );
    // the page's read, the one after the decision, and the test's own: none for the list
    expect(await reads(id)).toBe(3);

    // another referral decided while the list is open: its outcome arrives without a reload
    const other = (
      await t
        .http()
        .post('/api/contacts')
        .set(as(partner))
        .send(contactBody({ referrer: { name: 'Mr K Ofori', organisation: 'Acklam Primary School' } }))
        .expect(201)
    ).body as { id: string; reference: string };
    const second = page.locator(`tr[data-reference="${other.reference}"]`);
    await second.waitFor({ timeout: 2000 });
    await markPage(page);
    await claim(other.id);
    await decide(other.id, 1, 'NFA');
    await page
      .locator(`tr[data-reference="${other.reference}"][data-status="DECIDED"]`)
      .waitFor({ timeout: 2000 });
    await second.getByTestId('outcome').getByText('No further action').waitFor({ timeout: 3000 });
    expect(await second.getByTestId('acknowledgement').textContent()).toContain(
      'Mr K Ofori, Acklam Primary School',
    );
    expect(await notReloaded(page)).toBe(true);
    // the outcome and who was told came with the live change: the list read no contact
    expect(await reads(other.id)).toBe(0);
    expect(await page.locator('tr[data-reference]').count()).toBe(2);
    await shot(page, 'decided');
    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 320, height: 800 });
    await shot(page, 'narrow');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await context.close();
  }, 120_000);

  it('should not show a partner the screening queue, nor another agency’s contact', async () => {
    const staffContact = await createContact(t, screener);
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    await signInThroughConsole(page, 'school@partner.example');
    await page.getByRole('heading', { name: 'My referrals' }).waitFor();

    await page.goto('/screening');
    await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
    expect(await page.getByTestId('screening-queue').count()).toBe(0);
    await shot(page, 'cannot-see');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/contacts/${staffContact.id}`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await shot(page, 'not-found');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
