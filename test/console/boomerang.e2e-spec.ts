import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { SettableClock } from '@app/core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const RATIONALE = 'Attendance is the only worry; school and family agreed a plan and advice was given.';

// issue 21 item 1: a screener opening a contact about a child who came back after an NFA sees
// the earlier decision and its rationale before deciding again, and the screening queue flags
// the item; the earlier contact says the child came back
describe('console: a child back after an NFA (issue 21)', () => {
  let browser: Browser;
  let t: TestApp;
  let clock: SettableClock;
  let screener: string;

  beforeAll(async () => {
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    clock = new SettableClock(new Date(Date.now() - 12 * 86_400_000).toISOString());
    t = await createTestApp({ listen: true, clock, env: { CONSOLE_DIR: consoleDir } });
    screener = await t.login('screener@mach.example');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const as = () => ({ authorization: `Bearer ${screener}` });
  const open = async (): Promise<Page> => {
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    await signInThroughConsole(page, 'screener@mach.example');
    return page;
  };

  it('shows the earlier decision on the new contact, the flag on the queue, and the return on the earlier contact', async () => {
    const child = {
      firstName: `Boomer${randomUUID().slice(0, 6)}`,
      lastName: 'Rang',
      dateOfBirth: '2019-02-02',
    };
    // twelve days ago: a contact closed with NFA; now: the same child again
    const earlier = (await t.http().post('/api/contacts').set(as()).send(contactBody({ child })).expect(201))
      .body as { id: string; reference: string };
    await t.http().post(`/api/contacts/${earlier.id}/claim`).set(as()).send({}).expect(200);
    await t
      .http()
      .post(`/api/contacts/${earlier.id}/decision`)
      .set(as())
      .send({ level: 1, outcome: 'NFA', rationale: RATIONALE })
      .expect(201);
    clock.set(new Date().toISOString());
    const later = (await t.http().post('/api/contacts').set(as()).send(contactBody({ child })).expect(201))
      .body as { id: string; reference: string };

    const page = await open();
    await page.goto('/screening');
    const row = page.locator(`tr[data-reference="${later.reference}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Back after closure');

    await page.goto(`/contacts/${later.id}`);
    const warning = page.getByTestId('returned-after');
    await warning.waitFor();
    const text = (await warning.textContent()) ?? '';
    expect(text).toContain('This child came back 12 days after contact');
    expect(text).toContain(earlier.reference);
    expect(text).toContain(RATIONALE);
    expect(text).toContain('Sam Screener');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/boomerang-later.png', fullPage: true });

    // the link to the earlier contact, by keyboard: its decision says the child came back
    await warning.getByRole('link', { name: earlier.reference }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/contacts/${earlier.id}`);
    const cameBack = page.locator('.govuk-summary-list__row', { hasText: 'Child came back' });
    await cameBack.waitFor();
    expect(await cameBack.textContent()).toContain(`After 12 days, as contact ${later.reference}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/boomerang-earlier.png', fullPage: true });
  });
});
