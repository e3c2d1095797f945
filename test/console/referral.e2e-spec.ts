import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');

interface QueueItem {
  id: string;
  reference: string;
  childName: string;
}

// issue 15 screen 4 (CONSOLE.md AC-18, AC-19), and the queue's pause and offline states
describe('console: a referral for siblings, and the live queue’s pause (issue 15 screens 2 and 4)', () => {
  let browser: Browser;
  let t: TestApp;
  let manager: string;
  let consoleDir: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
    manager = await t.login('manager@mach.example');
  }, 60_000);
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
  const queue = async () =>
    (
      (await t.http().get('/api/queues/screening').set('authorization', `Bearer ${manager}`).expect(200))
        .body as { items: QueueItem[] }
    ).items;

  it('should make one contact per child with one household, never a third on a double press, and not ask about the referrer twice', async () => {
    const page = await open('school@partner.example');
    await page.goto('/contacts/new');
    const family = `Osei${Date.now().toString(36)}`;
    await page.getByLabel('Your role (optional)').fill('Designated safeguarding lead');
    await page.getByLabel('Who is making the referral').selectOption('2A');
    await page.getByLabel('First name').fill('Kofi');
    await page.getByLabel('Last name').fill(family);
    await page.getByRole('button', { name: 'Add another child' }).click();
    const second = page.getByRole('group', { name: 'Child 2' });
    await second.getByLabel('First name').fill('Ama');
    await second.getByLabel('Last name').fill(family);
    await second.getByLabel('Day').fill('14');
    await second.getByLabel('Month').fill('2');
    await second.getByLabel('Year').fill('2019');
    await page.getByLabel('What happened').fill('Both children said there was no food at home all weekend.');
    await page.getByLabel('Neglect').check();
    await page.getByRole('group', { name: 'Is the child injured?' }).getByLabel('No').check();
    await page
      .getByRole('group', { name: 'Is the child at immediate risk of harm?' })
      .getByLabel('No')
      .check();
    await page.getByLabel('No, I did not ask').check();
    await page.getByLabel('Why not?').fill('Asking would put the children at risk');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your answers before sending' }).waitFor();
    expect(await page.locator('.govuk-summary-card').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'new-contact-check.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // a double press: one contact per child, whatever the browser sends
    await page.getByRole('button', { name: 'Send referral' }).dblclick();
    await page.getByTestId('contact-done').waitFor();
    const references = await page.getByTestId('contact-reference').allTextContents();
    expect(references).toHaveLength(2);
    const mine = (await queue()).filter((i) => i.childName.endsWith(family));
    expect(mine.map((i) => i.reference).sort()).toEqual([...references].sort());
    const [kofi, ama] = await Promise.all(
      mine.map(
        async (i) =>
          (await t.http().get(`/api/contacts/${i.id}`).set('authorization', `Bearer ${manager}`).expect(200))
            .body as { id: string; householdId: string; child: { firstName: string } },
      ),
    );
    expect(kofi.householdId).toBe(ama.householdId);

    // the next referral in this session does not ask "about you" again (WCAG 3.3.7)
    await page.getByRole('button', { name: 'Make another referral' }).click();
    await page.getByRole('heading', { name: 'Make a referral' }).waitFor();
    expect(await page.getByLabel('Your role (optional)').inputValue()).toBe('Designated safeguarding lead');
    expect(await page.getByLabel('First name').inputValue()).toBe('');

    // a screener sees the sibling on the contact's household
    const screener = await open('screener@mach.example');
    await screener.goto(`/contacts/${kofi.id}`);
    const household = screener.getByTestId('household');
    await household.waitFor();
    const sibling = kofi.child.firstName === 'Kofi' ? 'Ama' : 'Kofi';
    expect(await household.textContent()).toContain(`${sibling} ${family}`);
    await screener.context().close();
    await page.context().close();
  }, 90_000);

  it('should hold changes while paused, say how many wait, and keep focus where it was', async () => {
    const page = await open('screener2@mach.example');
    await page.getByTestId('screening-queue').waitFor();
    const partner = await t.login('school@partner.example');
    await page.getByRole('button', { name: 'Pause updates' }).click();
    const pauseFocus = await page.evaluate(() => document.activeElement?.textContent);
    const contact = (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${partner}`)
        .send(contactBody())
        .expect(201)
    ).body as { reference: string };
    await page.getByText('1 change waiting').waitFor({ timeout: 2000 });
    expect(await page.locator(`tr[data-reference="${contact.reference}"]`).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(pauseFocus);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Show changes' }).click();
    await page.locator(`tr[data-reference="${contact.reference}"]`).waitFor({ timeout: 1000 });
    await page.context().close();
  }, 60_000);

  it('should be accessible when the connection has dropped', async () => {
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    let cut = false;
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cut) return void ws.close();
      ws.connectToServer();
      sockets.push(ws);
    });
    await signInThroughConsole(page, 'screener@mach.example');
    await page.getByTestId('screening-queue').waitFor();
    cut = true;
    for (const ws of sockets) await ws.close();
    await page.getByTestId('offline-banner').waitFor({ timeout: 5000 });
    expect(await page.getByRole('status').textContent()).toBe('Reconnecting…');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('should say ten minutes ahead when the session will end (WCAG 2.2.1)', async () => {
    const short = await createTestApp({
      listen: true,
      env: { CONSOLE_DIR: consoleDir, SESSION_LIFETIME_SECONDS: '300' },
    });
    try {
      const context = await browser.newContext({ baseURL: short.url });
      const page = await context.newPage();
      await signInThroughConsole(page, 'screener@mach.example');
      const warning = page.getByTestId('session-ending');
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(/^Your session ends at \d\d:\d\d\. Sign in again then/);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    } finally {
      await short.close();
    }
    // the ordinary ten hours: no warning
    const page = await open('screener@mach.example');
    await page.getByTestId('screening-queue').waitFor();
    expect(await page.getByTestId('session-ending').count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it('should show a long queue’s most urgent 200 first and the rest on request, each once', async () => {
    const partner = await t.login('school@partner.example');
    const before = (await queue()).length;
    for (let i = 0; i < 210; i += 30) {
      await Promise.all(
        Array.from({ length: 30 }, () =>
          t
            .http()
            .post('/api/contacts')
            .set('authorization', `Bearer ${partner}`)
            .send(contactBody())
            .expect(201),
        ),
      );
    }
    const total = before + 210;
    const page = await open('screener@mach.example');
    const table = page.getByTestId('screening-queue');
    await table.waitFor();
    await page.getByText(`Showing 200 of ${total} contacts`).waitFor();
    expect(await page.locator('tr[data-reference]').count()).toBe(200);
    expect(await page.getByTestId('queue-summary').textContent()).toContain(`${total} open`);
    await page.getByRole('button', { name: /^Show the next/ }).click();
    await page.getByText(`${total} contacts shown`).waitFor();
    const refs = await page
      .locator('tr[data-reference]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reference')));
    expect(refs).toHaveLength(total);
    expect(new Set(refs).size).toBe(total);
    await page.context().close();
  }, 90_000);
});
