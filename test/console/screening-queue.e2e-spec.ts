import { join } from 'node:path';
import type { Browser, WebSocketRoute } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');

// issue 15 screen 2 (first part): the screening queue in the browser, live without a refresh
describe('console: the screening queue, live (issue 15 screen 2)', () => {
  let browser: Browser;
  let t: TestApp;
  let partner: string;
  let screener2: string;

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
    partner = await t.login('school@partner.example');
    screener2 = await t.login('screener2@mach.example');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const submit = async () =>
    (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${partner}`)
        .send(contactBody())
        .expect(201)
    ).body as { id: string; reference: string };

  it('should show a partner’s new contact and another screener’s claim within a second, accessibly', async () => {
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    await signInThroughConsole(page, 'screener@mach.example');
    // a screener's home is the queue
    await page.getByTestId('screening-queue').waitFor();
    expect(new URL(page.url()).pathname).toBe('/screening');

    const contact = await submit();
    const started = Date.now();
    const row = page.locator(`tr[data-reference="${contact.reference}"]`);
    await row.waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await row.getByRole('button', { name: /^Claim/ }).count()).toBe(1); // unclaimed

    await t
      .http()
      .post(`/api/contacts/${contact.id}/claim`)
      .set('authorization', `Bearer ${screener2}`)
      .send({})
      .expect(200);
    await row.getByText('Sasha Screener').waitFor({ timeout: 1000 });

    await page.screenshot({ path: join(SHOTS, 'screening-queue.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('should say it is not live when the connection drops, and catch up once, without doubles, when it is back', async () => {
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    const sockets: WebSocketRoute[] = [];
    let cut = false;
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cut) return void ws.close(); // refused while the connection is "down"
      ws.connectToServer();
      sockets.push(ws);
    });
    await signInThroughConsole(page, 'manager@mach.example');
    await page.goto('/screening');
    await page.getByTestId('screening-queue').waitFor();

    cut = true;
    for (const ws of sockets) await ws.close();
    await page.getByTestId('offline-banner').waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'screening-queue-offline.png'), fullPage: true });
    const missed = await submit();

    cut = false;
    const row = page.locator(`tr[data-reference="${missed.reference}"]`);
    await row.waitFor({ timeout: 10_000 });
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    expect(await row.count()).toBe(1);
    const ids = await page
      .locator('tr[data-reference]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reference')));
    expect(new Set(ids).size).toBe(ids.length);
    await context.close();
  }, 30_000);
});
