import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { LockKey } from '@app/database';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { createContact } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');

// issue 15 screens 7 and 8 (CONSOLE.md M5, A1) in a real Chromium against the real api: the
// administrator's accounts and API clients, the audit trail and its chain check, and who may not
describe('console: administration and the audit trail (issue 15 screens 7 and 8)', () => {
  let browser: Browser;
  let t: TestApp;
  const problems: string[] = [];

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
    await mkdir(SHOTS, { recursive: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    await signInThroughConsole(page, email);
    return page;
  }

  // a screenshot, then axe (WCAG 2.2 AA tags): no serious or critical violation
  async function accessible(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  }

  // the GOV.UK error pattern: the summary has focus and names the problem, the title says Error
  async function expectErrorSummary(page: Page, message: string | RegExp): Promise<void> {
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toMatch(message);
    expect(await summary.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await page.title()).toMatch(/^Error: /);
  }

  it('should let the admin add an account and see its setup code once, then deactivate it with a reason', async () => {
    const page = await signedIn('admin@mach.example');
    await page.waitForURL('**/admin');
    await page.getByRole('heading', { level: 1, name: 'Service status' }).waitFor();
    await page.getByTestId('service-status').getByText('Up').first().waitFor();
    await page.getByRole('button', { name: 'Check the audit chain' }).click();
    await page.getByText(/^Chain intact: [\d,]+ (entry|entries) checked$/).waitFor();
    await accessible(page, 'admin-status');
    // entries the sequencer has not chained yet (its lock held here) are counted apart, not a break
    const hold = new Client({ connectionString: t.databaseUrl });
    await hold.connect();
    try {
      await hold.query('begin');
      await hold.query('select pg_advisory_xact_lock($1)', [LockKey.AUDIT_CHAIN]);
      await t.login('screener@mach.example');
      await page.getByRole('button', { name: 'Check the audit chain' }).click();
      await page.getByText(/newer (entry is|entries are) not chained yet/).waitFor();
      await page.getByText(/^Chain intact: /).waitFor();
      await accessible(page, 'admin-chain-unchained');
      await hold.query('commit');
    } finally {
      await hold.end();
    }

    await page.getByRole('link', { name: 'People’s accounts' }).click();
    await page.getByTestId('users').waitFor();
    await accessible(page, 'admin-users');
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an account' }).waitFor();

    // nothing filled in: the console's own rules, in the summary and on each field
    await page.getByRole('button', { name: 'Add account' }).click();
    await expectErrorSummary(page, /Enter the person’s full name/);
    await page.getByLabel('Full name').fill('Robin Newstarter');
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByLabel('Agency').selectOption({ label: 'MACH' });
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Screener' });
    // the server's rule (400 details[]) lands on its field and in the summary
    await page.getByRole('button', { name: 'Add account' }).click();
    await expectErrorSummary(page, /Email address must be an email address/);
    await page.locator('#email-error').waitFor();
    await accessible(page, 'admin-new-user-error');

    const email = `robin.${Date.now()}@mach.example`;
    await page.getByLabel('Email address').fill(email);
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/admin/users') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Add account' }).click();
    expect((await created).status()).toBe(201);
    const code = (await page.getByTestId('setup-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(await page.title()).toBe('Account created – Front door');
    await accessible(page, 'admin-setup-code');

    // the code is shown this once: the account's page does not carry it
    await page.getByRole('link', { name: /Go to Robin Newstarter’s account/ }).click();
    await page.getByTestId('user-summary').waitFor();
    expect(await page.content()).not.toContain(code);
    await page.getByTestId('user-summary').getByText('Setup code sent').waitFor();
    await accessible(page, 'admin-user');

    // deactivate: a reason is required, and kept
    await page.getByRole('link', { name: /^Deactivate/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Deactivate account' }).waitFor();
    await page.getByRole('button', { name: 'Deactivate account' }).click();
    await expectErrorSummary(page, /Enter the reason/);
    await page.getByLabel('Why are you deactivating this account?').fill('Left the council on 30 November');
    await page.getByRole('button', { name: 'Deactivate account' }).click();
    await page
      .getByTestId('done-banner')
      .getByText(/deactivated/)
      .waitFor();
    await page.getByTestId('user-summary').getByText('Deactivated').waitFor();
    await accessible(page, 'admin-user-deactivated');

    const admin = await t.login('admin@mach.example');
    const found = await t
      .http()
      .get('/api/admin/users')
      .query({ q: email })
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ email, active: false, role: 'SCREENER' })]);
    const [row] = (await t.dataSource.query(
      `select details from audit_entry where action = 'USER_DEACTIVATED' and entity_id = $1 order by id desc limit 1`,
      [found.body.items[0].id],
    )) as { details: Record<string, unknown> }[];
    expect(JSON.stringify(row?.details ?? {})).toContain('Left the council on 30 November');

    // the dashboard, read-only for an administrator: the figures, and no queue of their own
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('as-of').waitFor();
    expect(await page.getByRole('heading', { name: 'Overdue now' }).count()).toBe(0);
    await page.context().close();
  }, 90_000);

  it('should issue an API client with its secret shown once, and revoke it after a confirmation', async () => {
    const page = await signedIn('admin@mach.example');
    await page.goto('/admin/clients');
    await page.getByLabel('Agency').selectOption({ label: 'Cleveland Police (Police)' });
    await page.getByRole('button', { name: 'Show its API clients' }).click();
    await page.getByRole('button', { name: 'Add an API client for Cleveland Police' }).click();
    await page.getByLabel('Name of the system').fill('Cleveland Niche RMS');
    await page.getByRole('button', { name: 'Add API client' }).click();
    const clientId = (await page.getByTestId('client-id').innerText()).trim();
    const secret = (await page.getByTestId('client-secret').innerText()).trim();
    expect(secret.length).toBeGreaterThan(20);
    await accessible(page, 'admin-client-secret');

    const token = (status: number) =>
      t
        .http()
        .post('/api/oauth/token')
        .set(
          'authorization',
          `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
        )
        .type('form')
        .send({ grant_type: 'client_credentials' })
        .expect(status);
    await token(200);

    // back on the list, the secret is gone for good
    await page.getByRole('link', { name: 'Back to the API clients' }).click();
    const row = page.locator(`tr[data-client-id="${clientId}"]`);
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    await accessible(page, 'admin-clients');

    await row.getByRole('link', { name: /^Revoke/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Revoke Cleveland Niche RMS' }).waitFor();
    await page.getByRole('button', { name: 'Revoke API client' }).click();
    await expectErrorSummary(page, /Enter the reason/);
    await accessible(page, 'admin-revoke-error');
    await page.getByLabel('Why are you revoking it?').fill('The force replaced its records system');
    await page.getByRole('button', { name: 'Revoke API client' }).click();
    await page
      .getByTestId('done-banner')
      .getByText(/is revoked/)
      .waitFor();
    await row.getByText('Revoked', { exact: true }).waitFor();
    await token(401);
    await page.context().close();
  }, 90_000);

  it('should find a contact’s entries in the audit trail for a manager, and check the chain', async () => {
    const screener = await t.login('screener@mach.example');
    const contact = await createContact(t, screener);
    await t.http().get(`/api/contacts/${contact.id}`).set('authorization', `Bearer ${screener}`).expect(200);

    const page = await signedIn('manager@mach.example');
    await page.goto('/audit');
    await page.getByTestId('audit-results').waitFor();
    await accessible(page, 'audit');

    // an actor id that is not one: the api's 400 on its field, and the summary
    await page.getByLabel('Actor ID').fill('not-a-uuid');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectErrorSummary(page, /Actor ID must be a UUID/);
    await page.locator('#actorId-error').waitFor();
    await accessible(page, 'audit-error');

    await page.getByLabel('Actor ID').fill('');
    await page.getByLabel('Record ID').fill(contact.id);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(`**/audit?entityId=${contact.id}`);
    const results = page.getByTestId('audit-results');
    await results.locator('tr[data-action="CONTACT_VIEWED"]').first().waitFor();
    await results.locator('tr[data-action="CONTACT_CREATED"]').waitFor();
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    const actions = await results
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['CONTACT_CREATED', 'CONTACT_VIEWED']));
    // each row's details open in place
    await results.locator('tr[data-action="CONTACT_CREATED"] summary').click();
    await results
      .locator('tr[data-action="CONTACT_CREATED"] .govuk-details__text')
      .getByText('Hash')
      .waitFor();

    await page.getByRole('button', { name: 'Check the audit chain' }).click();
    await page.getByText(/^Chain intact: [\d,]+ (entry|entries) checked$/).waitFor();
    await accessible(page, 'audit-results');
    await page.context().close();
  }, 90_000);

  it('should tell a screener they cannot see the audit trail or administration', async () => {
    const page = await signedIn('screener@mach.example');
    for (const path of ['/audit', '/admin', '/admin/users']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'You cannot see this page' }).waitFor();
    }
    await accessible(page, 'admin-cannot-see');
    await page.context().close();
  }, 60_000);
});
