import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { fillNotificationForm } from '../support/police-form';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');

interface QueueItem {
  id: string;
  reference: string;
  childName: string;
  kind: string;
}

// issue 16 items 1-3 and 7 (CONSOLE.md S5-S7, AC-17, AC-20): a police notification from the
// officer's form to the screener's triage, the contacts it makes, the schools told, and each
// role's home
describe('console: DA triage and Operation Encompass (issue 16)', () => {
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
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const queue = async (view: string) =>
    (
      (await t.http().get(`/api/queues/${view}`).set('authorization', `Bearer ${screener}`).expect(200))
        .body as { items: QueueItem[] }
    ).items;

  it('should carry a notification from the police form to triage, two contacts and the schools, live on both sides', async () => {
    const [police, sam] = await Promise.all([
      open('police@cleveland.example'),
      open('screener@mach.example'),
    ]);
    await sam.goto('/triage');
    await sam.getByTestId('triage-queue').waitFor();
    expect(await seriousViolations(sam)).toEqual([]);

    // the officer sends it through the portal's form
    const family = `Ward${Date.now().toString(36)}`;
    const reference = `CLE/26/T${Date.now().toString(36).toUpperCase()}`;
    await police.goto('/da-notifications/new');
    await fillNotificationForm(police, reference, family);
    await police.getByRole('button', { name: 'Continue' }).click();
    const sent = police.waitForResponse(
      (r) => r.url().endsWith('/api/da-notifications') && r.request().method() === 'POST',
    );
    await police.getByRole('button', { name: 'Send notification' }).click();
    const answer = (await (await sent).json()) as { id: string; suggestion: { outcome: string } };
    expect(answer.suggestion.outcome).toBe('CONTACT');

    // it reaches the screener's triage queue without a reload, with what triage needs to see
    const row = sam.locator(`tr[data-reference="${reference}"]`);
    await row.waitFor({ timeout: 2000 });
    const text = await row.textContent();
    for (const expected of [
      `Kai ${family}, Ada ${family}`,
      'Cleveland Police',
      'DASH standard',
      'Contact',
      'AMBER',
    ]) {
      expect(text).toContain(expected);
    }
    await shoot(sam, 'triage-queue');

    // the officer follows its status
    await police.goto(`/da-notifications/${answer.id}`);
    await police.getByText('Awaiting triage').first().waitFor();

    // the screener opens it: the suggestion and why first, the matrix row it came from
    await row.getByRole('link', { name: `Kai ${family}, Ada ${family}` }).click();
    await sam.getByRole('heading', { name: `Kai ${family}, Ada ${family}` }).waitFor();
    expect(await sam.getByTestId('suggestion-reasons').textContent()).toContain(
      'a child witnessed the incident',
    );
    await sam.getByText(/The matrix row this came from/).click();
    expect(await sam.getByTestId('matrix-row').textContent()).toContain('contact.anyChildWitnessed: true');
    expect(await sam.getByTestId('notification-children').locator('tbody tr').count()).toBe(2);
    expect(await sam.getByTestId('child-history').count()).toBe(2);
    expect(await sam.getByTestId('child-history').first().textContent()).toContain(
      '0 contacts, 0 referrals in the 12 months before this notification',
    );
    await shoot(sam, 'triage-notification');
    expect(await seriousViolations(sam)).toEqual([]);

    // overriding the suggestion needs a reason: the GOV.UK error summary, focused, linked
    await sam.getByLabel('Urgent contact').check();
    await sam.getByRole('button', { name: 'Confirm triage' }).click();
    const summary = sam.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await sam.title()).toMatch(/^Error: /);
    await shoot(sam, 'triage-error');
    expect(await seriousViolations(sam)).toEqual([]);
    await summary.getByRole('link').click();
    expect(await sam.evaluate(() => document.activeElement?.id)).toBe('rationale');

    // the suggested outcome: a contact for each child, linked from the confirmation
    await sam.getByLabel('Contact (suggested)').check();
    await sam.getByRole('button', { name: 'Confirm triage' }).click();
    const done = sam.getByTestId('triage-done');
    await done.waitFor();
    const links = done.getByTestId('contacts-made').getByRole('link');
    expect(await links.allTextContents()).toEqual([`Kai ${family}`, `Ada ${family}`]);
    await shoot(sam, 'triage-done');
    expect(await seriousViolations(sam)).toEqual([]);
    expect(await sam.getByTestId('triage-form').count()).toBe(0);

    // both contacts are on the screening queue; the notification has left the triage queue
    const screening = await queue('screening');
    expect(
      screening
        .filter((i) => i.childName.endsWith(family))
        .map((i) => i.childName)
        .sort(),
    ).toEqual([`Ada ${family}`, `Kai ${family}`]);
    expect((await queue('triage')).some((i) => i.reference === reference)).toBe(false);
    await links.first().click();
    await sam.getByRole('heading', { name: `Kai ${family}`, level: 1, exact: true }).waitFor();

    // the officer's page says Triaged without a reload, and nothing of the contacts
    await police.getByText('Triaged').first().waitFor({ timeout: 2000 });
    const html = await police.content();
    expect(html).not.toContain('/contacts/');
    for (const item of screening.filter((i) => i.childName.endsWith(family)))
      expect(html).not.toContain(item.id);

    // the schools are told before the first lesson: two notices, one recorded as sent
    await sam.goto('/encompass');
    const notices = sam.locator(`tr[data-reference="${reference}"]`);
    await notices.first().waitFor();
    expect(await notices.count()).toBe(2);
    expect(await seriousViolations(sam)).toEqual([]);
    const kai = notices.filter({ hasText: `Kai ${family}` });
    expect(await kai.textContent()).toContain('Acklam Primary School');
    await kai.getByRole('button', { name: /Record as sent/ }).click();
    await sam.getByRole('button', { name: 'Record as sent', exact: true }).click();
    const problems = sam.locator('.govuk-error-summary');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Select how the school was told');
    expect(await problems.textContent()).toContain('Enter who at the school was told');
    await shoot(sam, 'encompass-error');
    expect(await seriousViolations(sam)).toEqual([]);
    await sam.getByLabel('Phone').check();
    await sam.getByLabel('Who was told').fill('Designated safeguarding lead');
    await sam.getByRole('button', { name: 'Record as sent', exact: true }).click();
    await sam.getByText(`Recorded as sent for Kai ${family}`).waitFor();
    await notices.filter({ hasText: `Kai ${family}` }).waitFor({ state: 'detached', timeout: 2000 });
    expect(await notices.count()).toBe(1);
    await shoot(sam, 'encompass-queue');
    expect(await seriousViolations(sam)).toEqual([]);
    const left = (await queue('encompass')).filter((i) => i.reference === reference);
    expect(left.map((i) => i.childName)).toEqual([`Ada ${family}`]);

    // and the officer's status page shows the school told
    await police.reload();
    await police.getByText(/Sent/).first().waitFor();
    await police.context().close();
    await sam.context().close();
  });

  it.each([
    ['SCREENER', 'screener@mach.example'],
    ['MANAGER', 'manager@mach.example'],
    ['ADMIN', 'admin@mach.example'],
    ['POLICE', 'police@cleveland.example'],
    ['PARTNER', 'school@partner.example'],
  ])('should give the %s home only places the role can use, and refuse the rest', async (role, email) => {
    const page = await open(email);
    await page.goto('/home');
    await page.getByTestId('home-places').waitFor();
    const places = page.getByTestId('home-places').getByRole('link');
    const targets = await places.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    // the home lists what the navigation offers, no more
    const menu = await page
      .locator('nav[aria-label="Menu"] a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(targets).toEqual(menu);
    expect(targets.length).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    if (role === 'POLICE') await shoot(page, 'home-police');
    for (let i = 0; i < targets.length; i++) {
      await page.goto('/home');
      await page.getByTestId('home-places').getByRole('link').nth(i).click();
      await page.waitForURL((url) => url.pathname === targets[i]);
      await page.locator('h1').first().waitFor();
      expect(await page.locator('h1').first().textContent()).not.toBe('You cannot see this page');
    }
    // every staff desk the role lacks is refused on the page and hidden from its navigation
    const staff = [
      '/screening',
      '/triage',
      '/encompass',
      '/strategy',
      '/authorisation',
      '/dashboard',
      '/audit',
    ];
    for (const path of staff.filter((p) => !targets.includes(p))) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
      expect(await page.locator(`nav a[href="${path}"]`).count()).toBe(0);
    }
    await page.context().close();
  });

  it('should refuse the police every staff queue at the api', async () => {
    const token = await t.login('police@cleveland.example');
    for (const view of ['screening', 'triage', 'encompass', 'strategy', 'authorisation']) {
      await t.http().get(`/api/queues/${view}`).set('authorization', `Bearer ${token}`).expect(403);
    }
  });
});
