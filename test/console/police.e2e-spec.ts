import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { notificationBody } from '../support/notifications';
import { fillNotificationForm, yesterday } from '../support/police-form';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');

interface Notification {
  id: string;
  policeReference: string;
  status: string;
  triage?: { outcome: string };
}

// Tab until the element with this id has focus (keyboard only: no click, no focus())
async function tabToId(page: Page, id: string, limit = 200): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((wanted) => document.activeElement?.id === wanted, id)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} not reached within ${limit} tab stops`);
}
async function tabToButton(page: Page, text: RegExp, limit = 200): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const found = await page.evaluate(
      ([source, flags]) => {
        const el = document.activeElement;
        return (
          !!el &&
          ['BUTTON', 'A'].includes(el.tagName) &&
          new RegExp(source, flags).test((el.textContent ?? '').trim())
        );
      },
      [text.source, text.flags] as const,
    );
    if (found) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`no button or link matching ${text} within ${limit} tab stops`);
}

// issue 16 item 5 (CONSOLE.md 3.3 P1-P3, AC-17, AC-20, AC-21): the police portal in Chromium
describe('console: the police portal (issue 16 item 5)', () => {
  let browser: Browser;
  let t: TestApp;
  let cleveland: string;
  let screener: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
    cleveland = await t.login('police@cleveland.example');
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
    page.screenshot({ path: join(SHOTS, `police-${name}.png`), fullPage: true });
  const mine = async (token = cleveland) =>
    (await t.http().get('/api/da-notifications').set('authorization', `Bearer ${token}`).expect(200))
      .body as Notification[];

  it('should show an empty list for a force that has sent nothing, accessibly', async () => {
    const page = await open('police@durham.example');
    await page.getByRole('heading', { name: 'Your force’s notifications' }).waitFor();
    await page.getByTestId('no-notifications').waitFor();
    await page.getByRole('status').getByText('Live').waitFor();
    await shoot(page, 'list-empty');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('should list every problem of an empty form in the error summary, focused, each a link to its field', async () => {
    const page = await open('police@cleveland.example');
    await page.goto('/da-notifications/new');
    await page.getByRole('heading', { name: 'Send a DA notification' }).waitFor();
    // the officer signed in is the officer, unless changed
    expect(await page.getByLabel('Officer’s name').inputValue()).not.toBe('');
    await shoot(page, 'form-empty');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByText('There is a problem').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(
      true,
    );
    expect(await page.title()).toMatch(/^Error: /);
    const hrefs = await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '#policeReference',
        '#incident-day',
        '#incident-time',
        '#riskTool',
        '#riskLevel',
        '#victim-firstName',
        '#children-0-day',
        '#summary',
      ]),
    );
    // each link goes to its field
    for (const href of hrefs.slice(0, 3)) expect(await page.locator(href!).count()).toBe(1);
    await summary.getByRole('link', { name: 'Enter the police reference' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'policeReference');
    await shoot(page, 'form-errors');
    expect(await seriousViolations(page)).toEqual([]);

    // DASH reveals its score; DARA hides it (and never sends one)
    await page.getByLabel('DASH', { exact: true }).check();
    await page.getByLabel('DASH score (optional)').waitFor();
    await page.getByLabel('DARA', { exact: true }).check();
    expect(await page.locator('#dashScore').count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it('should send a notification for two children, confirm its deadlines, and follow its triage live (AC-17)', async () => {
    const police = await open('police@cleveland.example');
    await police.goto('/da-notifications/new');
    const family = `Ward${Date.now().toString(36)}`;
    const reference = `CLE/26/${Date.now().toString(36)}`;
    await fillNotificationForm(police, reference, family);
    await police.getByRole('button', { name: 'Continue' }).click();
    await police
      .getByRole('heading', { name: 'Check your answers before sending the notification' })
      .waitFor();
    expect(await police.getByTestId('check-child').count()).toBe(2);
    const score = police.locator('.govuk-summary-list__row', {
      has: police.locator('dt', { hasText: 'DASH score' }),
    });
    expect(await score.locator('.govuk-summary-list__value').textContent()).toBe('8');
    await shoot(police, 'check');
    expect(await seriousViolations(police)).toEqual([]);

    // a double press: one POST, one notification
    const posts: string[] = [];
    police.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/da-notifications') posts.push(r.url());
    });
    await police.getByRole('button', { name: 'Send notification' }).dblclick();
    const done = police.getByTestId('notification-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('Notification received');
    expect(await done.textContent()).toContain(reference);
    expect(await police.getByTestId('triage-due').textContent()).toMatch(
      /will triage it by (Today|\w{3} \d+ \w{3}) \d\d:\d\d/,
    );
    const encompass = (await police.getByTestId('encompass-due').allTextContents()).join(' ');
    expect(encompass).toMatch(/School notifications \(Operation Encompass\) due .*08:30/);
    expect(encompass).toContain(`Kai ${family}, Acklam Primary School`);
    expect(encompass).toContain(`Ada ${family}, Linthorpe Community Primary`);
    await shoot(police, 'done');
    expect(await seriousViolations(police)).toEqual([]);
    expect(posts).toHaveLength(1);
    const sent = (await mine()).filter((n) => n.policeReference === reference);
    expect(sent).toHaveLength(1);
    const id = sent[0].id;

    // the list has it, awaiting triage
    await police.getByRole('link', { name: 'Your force’s notifications' }).click();
    const row = police.locator(`tr[data-reference="${reference}"]`);
    await row.waitFor();
    expect(await row.getByTestId('status-tag').textContent()).toBe('Awaiting triage');
    expect(await row.textContent()).toContain(`Kai ${family}, Ada ${family}`);
    await police.getByRole('status').getByText('Live').waitFor();
    await shoot(police, 'list');
    expect(await seriousViolations(police)).toEqual([]);

    // a second tab on its status page
    const status = await police.context().newPage();
    await status.goto(`/da-notifications/${id}`);
    await status.getByRole('heading', { name: reference }).waitFor();
    await status.getByRole('status').getByText('Live').waitFor();
    expect(await status.getByTestId('outcome').textContent()).toBe('Not triaged yet');

    // what was sent, read back in full from the api's details
    const whatWasSent = status.getByTestId('what-you-sent');
    expect(await status.getByTestId('sent-summary').textContent()).toBe(
      'Neighbour reported shouting; officers attended; the children were in the home, one saw it.',
    );
    const children = status.getByTestId('sent-child');
    expect(await children.count()).toBe(2);
    const kai = children.filter({ hasText: `Kai ${family}` });
    const ada = children.filter({ hasText: `Ada ${family}` });
    expect(await kai.textContent()).toContain('Acklam Primary School');
    expect(await kai.textContent()).toContain('3 Mar 2016');
    expect(await ada.textContent()).toContain('Linthorpe Community Primary');
    expect(await ada.textContent()).toContain('14 Feb 2019');
    // in the home, a witness, injured: Kai was in the home, Ada a witness
    const marks = (row: typeof kai) =>
      row.locator('td').evaluateAll((cells) => cells.slice(2).map((c) => c.textContent));
    expect(await marks(kai)).toEqual(['Yes, in the home', 'No', 'No']);
    expect(await marks(ada)).toEqual(['No', 'Yes, a witness', 'No']);
    const value = (section: string, key: string) =>
      status
        .getByTestId(section)
        .locator('.govuk-summary-list__row', { has: status.locator('dt', { hasText: key }) })
        .locator('.govuk-summary-list__value')
        .textContent();
    expect(await value('sent-victim', 'Name')).toBe(`Vera ${family}`);
    expect(await value('sent-perpetrator', 'Name')).toBe(`Pete ${family}`);
    expect(await value('sent-perpetrator', 'Arrested')).toBe('Yes');
    expect(await value('sent-perpetrator', 'Relationship to the victim')).toBe('Partner');
    expect(await value('sent-risk', 'DASH score')).toBe('8');
    expect(await value('sent-risk', 'Risk level')).toBe('Standard');
    expect(await value('sent-what-happened', 'Weapon used')).toBe('No');
    expect(await value('sent-incident', 'Date and time')).toMatch(/ at 22:30$/);
    expect(await value('sent-officer', 'Name')).not.toBe('');
    expect(await whatWasSent.textContent()).toContain(reference);

    // a screener triages it as CONTACT over the api: both pages follow without a reload
    const triaged = (
      await t
        .http()
        .post(`/api/da-notifications/${id}/triage`)
        .set('authorization', `Bearer ${screener}`)
        .send({ outcome: 'CONTACT', rationale: 'A child witnessed the incident; the school should know.' })
        .expect(201)
    ).body as { contacts: { id: string }[] };
    expect(triaged.contacts).toHaveLength(2);
    const at = Date.now();
    await police
      .locator(`tr[data-reference="${reference}"][data-status="TRIAGED"]`)
      .waitFor({ timeout: 3000 });
    expect(await row.getByTestId('status-tag').textContent()).toBe('Triaged');
    await row.getByText('Contact', { exact: true }).waitFor({ timeout: 3000 });
    await status.getByTestId('outcome').getByText('Contact', { exact: true }).waitFor({ timeout: 3000 });
    const took = Date.now() - at;
    console.log(`police list and status page showed the triage ${took} ms after the api answered`);
    expect(await status.getByTestId('status-tag').textContent()).toBe('Triaged');
    await shoot(police, 'list-triaged');
    // the outcome, not the front door's reasons
    await status.getByTestId('reasons-not-shared').waitFor();
    expect(await status.getByText('the school should know').count()).toBe(0);

    // a screener records Kai's school told over the api: the status page shows it sent, live
    const staffRead = (
      await t.http().get(`/api/da-notifications/${id}`).set('authorization', `Bearer ${screener}`).expect(200)
    ).body as { encompass: { id: string; school: string | null; status: string }[] };
    const acklam = staffRead.encompass.find((e) => e.school === 'Acklam Primary School');
    expect(acklam?.status).toBe('PENDING');
    const schools = status.getByTestId('encompass');
    const acklamRow = schools.locator('tr', { hasText: 'Acklam Primary School' });
    expect(await acklamRow.getAttribute('data-status')).toBe('PENDING');
    await t
      .http()
      .post(`/api/encompass/${acklam!.id}/sent`)
      .set('authorization', `Bearer ${screener}`)
      .send({ method: 'EMAIL', recipient: 'DSL' })
      .expect(200);
    const told = Date.now();
    await schools
      .locator('tr[data-status="SENT"]', { hasText: 'Acklam Primary School' })
      .waitFor({ timeout: 3000 });
    console.log(`status page showed the school told ${Date.now() - told} ms after the api answered`);
    expect(await acklamRow.locator('td').last().locator('time').count()).toBe(1);
    expect(
      await schools.locator('tr', { hasText: 'Linthorpe Community Primary' }).getAttribute('data-status'),
    ).toBe('PENDING');
    await shoot(status, 'status');
    expect(await seriousViolations(status)).toEqual([]);

    // never the contacts made from it: no link, no id
    const html = await status.content();
    expect(html).not.toContain('/contacts');
    for (const c of triaged.contacts) expect(html).not.toContain(c.id);
    expect(await status.locator('a[href*="/contacts"]').count()).toBe(0);

    // another force's officer: "Page not found", and nothing of it
    const durham = await open('police@durham.example');
    await durham.goto(`/da-notifications/${id}`);
    await durham.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await durham.getByText(reference).count()).toBe(0);
    await durham.context().close();
    await police.context().close();
  }, 120_000);

  it('should put a duplicate reference on the reference field, and show the original on a replay', async () => {
    const taken = notificationBody();
    await t
      .http()
      .post('/api/da-notifications')
      .set('authorization', `Bearer ${cleveland}`)
      .send(taken)
      .expect(201);
    const page = await open('police@cleveland.example');
    await page.goto('/da-notifications/new');
    await fillNotificationForm(page, String(taken.policeReference), `Dup${Date.now().toString(36)}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Send notification' }).click();
    await page.getByRole('heading', { name: 'Send a DA notification' }).waitFor();
    const message = 'A different notification with this reference has already been sent';
    await page.locator('.govuk-error-summary').getByText(message).waitFor();
    expect(await page.locator('#policeReference-error').textContent()).toContain(message);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(
      true,
    );

    // a new reference goes through; sent again (back to check answers), the api answers with
    // the original and the page says so
    const reference = `CLE/26/r${Date.now().toString(36)}`;
    await page.getByLabel('Police reference').fill(reference);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Send notification' }).click();
    await page.getByTestId('notification-done').waitFor();
    expect(await page.getByTestId('replay').count()).toBe(0);
    await page.goBack();
    await page.getByRole('heading', { name: 'Check your answers before sending the notification' }).waitFor();
    await page.getByRole('button', { name: 'Send notification' }).click();
    await page.getByTestId('replay').waitFor();
    expect(await page.getByTestId('notification-done').textContent()).toContain(reference);
    expect((await mine()).filter((n) => n.policeReference === reference)).toHaveLength(1);
    await page.context().close();
  }, 90_000);

  it('should put the server’s field errors on the fields they name', async () => {
    const page = await open('police@cleveland.example');
    await page.goto('/da-notifications/new');
    await fillNotificationForm(page, `CLE/26/v${Date.now().toString(36)}`, `Val${Date.now().toString(36)}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    // the server's clock and rules are the authority: a 400 naming fields the form has
    await page.route('**/api/da-notifications', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              error: {
                code: 'VALIDATION_FAILED',
                message: 'The request is not valid.',
                details: [
                  { field: 'incidentAt', message: 'must not be in the future' },
                  { field: 'children.1.dateOfBirth', message: 'must not be after the incident' },
                ],
              },
              correlationId: 'c-1',
            }),
          })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Send notification' }).click();
    await page.getByRole('heading', { name: 'Send a DA notification' }).waitFor();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByText('There is a problem').waitFor();
    expect(await summary.getByRole('link').evaluateAll((a) => a.map((l) => l.getAttribute('href')))).toEqual([
      '#incident-day',
      '#children-1-day',
    ]);
    expect(await page.locator('#children-1-error').textContent()).toContain('must not be after the incident');
    expect(await page.getByText('Child 2’s date of birth must not be after the incident').count()).toBe(2);
    await page.context().close();
  }, 60_000);

  it('should add another officer’s notification to the list as it arrives', async () => {
    const page = await open('police@cleveland.example');
    await page.getByRole('status').getByText('Live').waitFor();
    const body = notificationBody();
    await t
      .http()
      .post('/api/da-notifications')
      .set('authorization', `Bearer ${cleveland}`)
      .send(body)
      .expect(201);
    const row = page.locator(`tr[data-reference="${String(body.policeReference)}"]`);
    await row.waitFor({ timeout: 3000 });
    // its incident time, triage due and MARAC come with one read of it
    await row.locator('td[data-label="Incident"] time').waitFor({ timeout: 3000 });
    expect(await row.locator('td[data-label="MARAC"]').textContent()).toBe('No');
    await page.context().close();
  }, 60_000);

  it('should refuse the screening queue to the police, on the page and at the api', async () => {
    const page = await open('police@cleveland.example');
    await page.goto('/screening');
    await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
    await t.http().get('/api/queues/screening').set('authorization', `Bearer ${cleveland}`).expect(403);
    await page.context().close();
  }, 60_000);

  it('should take an officer through a notification with two children by keyboard alone (AC-21)', async () => {
    const page = await (await browser.newContext({ baseURL: t.url })).newPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await tabToId(page, 'email');
    await page.keyboard.type('police@cleveland.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-password');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your force’s notifications' }).waitFor();
    await tabToButton(page, /^Send a notification$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Send a DA notification' }).waitFor();

    const reference = `CLE/26/k${Date.now().toString(36)}`;
    const family = `Key${Date.now().toString(36)}`;
    const day = yesterday();
    const type = async (id: string, text: string) => {
      await tabToId(page, id);
      await page.keyboard.type(text);
    };
    // a radio group: Tab reaches its first choice (or the checked one); arrows move and select
    const choose = async (id: string, downs = 0) => {
      await tabToId(page, id);
      if (downs === 0) await page.keyboard.press('Space');
      for (let i = 0; i < downs; i++) await page.keyboard.press('ArrowDown');
    };
    await type('policeReference', reference);
    await type('incident-day', day.day);
    await type('incident-month', day.month);
    await type('incident-year', day.year);
    await type('incident-time', '21:05');
    await choose('riskTool'); // DASH
    await type('dashScore', '3');
    await choose('riskLevel'); // Standard
    await type('victim-firstName', 'Val');
    await type('victim-lastName', family);
    await type('perpetrator-firstName', 'Phil');
    await type('perpetrator-lastName', family);
    await choose('relationship', 1); // Ex-partner
    await type('children-0-firstName', 'Kit');
    await type('children-0-lastName', family);
    await type('children-0-day', '1');
    await type('children-0-month', '9');
    await type('children-0-year', '2015');
    await tabToId(page, 'children-0-about');
    await page.keyboard.press('Space'); // in the home
    await tabToButton(page, /^Add another child$/);
    // the focus ring is visible on the focused control (WCAG 2.4.7)
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe(
      'none',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('children-1-firstName');
    await page.keyboard.type('Kim');
    await type('children-1-lastName', family);
    await type('children-1-day', '2');
    await type('children-1-month', '10');
    await type('children-1-year', '2017');
    await type('children-1-school', 'Acklam Primary School');
    await choose('injuries', 1); // No
    await choose('weaponUsed', 1); // No
    await type('summary', 'A loud argument; officers attended and both children were safe in bed.');
    await tabToButton(page, /^Continue$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your answers before sending the notification' }).waitFor();
    expect(await page.getByTestId('check-child').count()).toBe(2);
    await tabToButton(page, /^Send notification$/);
    await page.keyboard.press('Enter');
    await page.getByTestId('notification-done').waitFor();
    await tabToButton(page, /^Follow this notification$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: reference }).waitFor();
    const [sent] = (await mine()).filter((n) => n.policeReference === reference);
    expect(sent.status).toBe('AWAITING_TRIAGE');
    await page.context().close();
  }, 120_000);
});
