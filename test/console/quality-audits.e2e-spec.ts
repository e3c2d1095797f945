import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SettableClock } from '@app/core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody, makeScreeners, type Body } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const DAY = 86_400_000;
const RATIONALE = 'Attendance is the only worry; school and family agreed a plan and advice was given.';
const FINDINGS =
  'The rationale rests on attendance alone. The hunger and the same clothes three days running point to neglect, which needed a social care assessment.';
const ACTIONS = 'Talk through the neglect toolkit with the screener at supervision this week.';

// the Monday two weeks before this one (UTC), 10:00: a week that has ended on any clock
function pastMonday(now = new Date()): Date {
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 10);
  return new Date(monday - (((now.getUTCDay() + 6) % 7) + 14) * DAY);
}
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

// Tab until the focused element is the one wanted; no pointer anywhere
async function tabTo(page: Page, tag: string, text: RegExp, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const found = await page.evaluate(
      ([wanted, source, flags]) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el.tagName.toLowerCase() !== wanted) return false;
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
        return new RegExp(source, flags).test(`${el.textContent ?? ''} ${label ?? ''}`.trim());
      },
      [tag, text.source, text.flags] as const,
    );
    if (found) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`no ${tag} matching ${String(text)} within ${limit} tabs`);
}

// issue 21 item 3: the weekly dip-sample audits in the console. Decisions are made in a past
// week (the api's clock set back), a manager draws that week through the form, the sample
// appears live on the other manager's queue (never their own decision), is audited by keyboard,
// and the screener who decided reads it in My feedback and on the contact.
describe('console: quality audits (issue 21 item 3)', () => {
  let browser: Browser;
  let t: TestApp;
  let clock: SettableClock;
  const contexts: BrowserContext[] = [];

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
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const decided = async (token: string, body: Body, decision: Body) => {
    const c = (await t.http().post('/api/contacts').set(as(token)).send(contactBody(body)).expect(201))
      .body as { id: string; reference: string };
    await t.http().post(`/api/contacts/${c.id}/claim`).set(as(token)).send({}).expect(200);
    await t
      .http()
      .post(`/api/contacts/${c.id}/decision`)
      .set(as(token))
      .send({ rationale: RATIONALE, ...decision })
      .expect(201);
    return c;
  };
  const signedIn = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ baseURL: t.url });
    contexts.push(context);
    const page = await context.newPage();
    await signInThroughConsole(page, email);
    return page;
  };
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/quality-audit-${name}.png`, fullPage: true });
  const week = (page: Page) => page.getByRole('group', { name: 'Week starting' });
  const typeWeek = async (page: Page, date: string) => {
    const [year, month, day] = date.split('-');
    await week(page)
      .getByLabel('Day')
      .fill(String(Number(day)));
    await week(page)
      .getByLabel('Month')
      .fill(String(Number(month)));
    await week(page).getByLabel('Year').fill(year);
  };

  it('draws a past week, audits it by keyboard, and the decider reads the feedback', async () => {
    const [racer] = await makeScreeners(t, 1);
    const [{ email: racerEmail }] = (await t.dataSource.query('select email from app_user where id = $1', [
      racer.id,
    ])) as { email: string }[];
    const manager = await t.login('manager@mach.example');
    const monday = pastMonday();

    // the past week: the screener's decision, whose child comes back (still open), and the
    // manager's own decision
    clock.set(monday);
    const child = {
      firstName: `Audra${racer.id.slice(0, 6)}`,
      lastName: 'Sample',
      dateOfBirth: '2016-05-05',
    };
    const screened = await decided(racer.token, { child }, { level: 2, outcome: 'EARLY_HELP' });
    const managers = await decided(manager, {}, { level: 1, outcome: 'NFA' });
    clock.set(new Date(monday.getTime() + 2 * DAY));
    await t.http().post('/api/contacts').set(as(racer.token)).send(contactBody({ child })).expect(201);
    clock.set(new Date());

    // the manager who decided has the queue open: it stays without their own decision
    const max = await signedIn('manager@mach.example');
    await max.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Quality audits' }).click();
    await max.getByRole('heading', { name: 'Quality audits', level: 1 }).waitFor();
    const maxQueue = max.getByTestId('quality-audit-queue');
    await maxQueue.waitFor();
    await max.getByText('Live', { exact: true }).waitFor();
    expect(await maxQueue.locator('caption').textContent()).toBe('No decisions waiting for your audit');
    expect(await seriousViolations(max)).toEqual([]);
    await shoot(max, 'queue-empty');

    // the other manager draws the week: a Tuesday first (the api's 400 on the field), then the Monday
    const other = await signedIn('manager2@mach.example');
    await other.goto('/quality-audits');
    await other.getByRole('link', { name: 'Draw a past week' }).click();
    await other.getByRole('heading', { name: 'Draw a past week', level: 1 }).waitFor();
    expect(await seriousViolations(other)).toEqual([]);
    await typeWeek(other, isoDate(new Date(monday.getTime() + DAY)));
    await other.getByRole('button', { name: 'Draw the sample' }).click();
    const summary = other.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('The week must be a Monday (the week’s first day)');
    expect(await week(other).locator('.govuk-error-message').textContent()).toContain('must be a Monday');
    await summary.getByRole('link').waitFor();
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#week-day');
    expect(await other.title()).toMatch(/^Error: /);
    expect(await seriousViolations(other)).toEqual([]);
    await shoot(other, 'draw-error');

    // a double press draws once
    await typeWeek(other, isoDate(monday));
    await other.getByRole('button', { name: 'Draw the sample' }).dblclick();
    await other.getByRole('heading', { name: /^Week starting / }).waitFor();
    const seed = (await other.getByTestId('draw-seed').textContent()) ?? '';
    expect(seed).toMatch(/^[0-9a-f]{32}$/);
    const items = other.getByTestId('draw-items');
    expect(await items.locator('caption').textContent()).toBe('2 decisions drawn');
    expect(await items.locator(`tr[data-contact="${screened.id}"]`).textContent()).toContain('Racer 1');
    expect(await other.getByText('Gives the same decisions').count()).toBe(1);
    const [{ draws }] = (await t.dataSource.query(
      'select count(*)::int as draws from quality_audit_draw where week_starting = $1',
      [isoDate(monday)],
    )) as { draws: number }[];
    expect(draws).toBe(1);
    expect(await seriousViolations(other)).toEqual([]);
    await shoot(other, 'draw');

    // the same week again: the api's 409, on the field
    await other.goto('/quality-audits/draw');
    await other.getByRole('heading', { name: 'Draw a past week', level: 1 }).waitFor();
    await typeWeek(other, isoDate(monday));
    await other.getByRole('button', { name: 'Draw the sample' }).click();
    await summary.waitFor();
    expect(await summary.textContent()).toContain('has been drawn already');

    // live, without reload: the screener's decision arrives on the first manager's queue, and
    // their own does not; the other manager sees both
    const row = maxQueue.locator(`tr[data-reference="${screened.reference}"]`);
    await row.waitFor({ timeout: 5000 });
    expect(await row.textContent()).toContain('Racer 1');
    expect(await row.textContent()).toContain('Early help');
    expect(await maxQueue.locator(`tr[data-reference="${managers.reference}"]`).count()).toBe(0);
    expect(await maxQueue.locator('caption').textContent()).toBe('1 decision waiting for an audit');
    expect(await seriousViolations(max)).toEqual([]);
    await shoot(max, 'queue');
    await other.goto('/quality-audits');
    const otherQueue = other.getByTestId('quality-audit-queue');
    await otherQueue.locator(`tr[data-reference="${managers.reference}"]`).waitFor();
    await otherQueue.locator(`tr[data-reference="${screened.reference}"]`).waitFor();

    // the audit, by keyboard: short findings are refused on the field, then it goes through
    await tabTo(max, 'a', new RegExp(`^${child.firstName} Sample: audit the decision$`));
    await max.keyboard.press('Enter');
    await max.getByRole('heading', { name: `${child.firstName} Sample`, level: 1 }).waitFor();
    const form = max.getByTestId('audit-form');
    await form.waitFor();
    expect(await max.getByText(RATIONALE).count()).toBe(1);
    expect(await seriousViolations(max)).toEqual([]);
    await shoot(max, 'audit');
    await tabTo(max, 'input', /^Yes$/);
    await max.keyboard.press('ArrowDown'); // Partly
    await max.keyboard.press('ArrowDown'); // No
    expect(await max.getByRole('radio', { name: 'No' }).isChecked()).toBe(true);
    await max.keyboard.press('Tab'); // the grades, at the first
    await max.keyboard.press('ArrowDown'); // Good
    await max.keyboard.press('ArrowDown'); // Requires improvement
    expect(await max.getByRole('radio', { name: 'Requires improvement' }).isChecked()).toBe(true);
    await tabTo(max, 'textarea', /Findings/);
    await max.keyboard.type('Too thin.');
    expect(await form.getByText('You need at least 50 characters; you have 9').count()).toBe(1);
    await tabTo(max, 'button', /^Record the audit$/);
    await max.keyboard.press('Enter');
    const problems = max.locator('.govuk-error-summary');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Findings must be at least 50 characters');
    expect(await max.evaluate(() => !!document.activeElement?.closest('.govuk-error-summary'))).toBe(true);
    expect(await max.locator('#findings-error').textContent()).toContain(
      'Findings must be at least 50 characters',
    );
    expect(await max.title()).toMatch(/^Error: /);
    expect(await seriousViolations(max)).toEqual([]);
    await shoot(max, 'audit-error');
    await tabTo(max, 'textarea', /Findings/);
    await max.keyboard.press('Control+A');
    await max.keyboard.type(FINDINGS);
    await tabTo(max, 'textarea', /Actions/);
    await max.keyboard.type(ACTIONS);
    await tabTo(max, 'button', /^Record the audit$/);
    await max.keyboard.press('Enter');
    const answered = max.getByTestId('audit-answer');
    await answered.waitFor();
    await max.getByText('Your audit is recorded').waitFor();
    const said = (await answered.textContent()) ?? '';
    expect(said).toContain('Requires improvement');
    expect(said).toContain(FINDINGS);
    expect(said).toContain(ACTIONS);
    // a NO on a child still open: the contact is back before a manager
    expect(said).toContain('the child is still open');
    expect(await max.getByTestId('audit-form').count()).toBe(0);
    expect(await max.title()).not.toMatch(/^Error: /);
    expect(await seriousViolations(max)).toEqual([]);
    await shoot(max, 'answered');
    // it leaves the other manager's queue, live
    await otherQueue.locator(`tr[data-reference="${screened.reference}"]`).waitFor({ state: 'detached' });
    // and the contact is on the authorisation queue, in words
    await other.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Authorisation' }).click();
    const flagged = other.locator(
      `[data-testid="authorisation-queue"] tr[data-reference="${screened.reference}"]`,
    );
    await flagged.waitFor();
    expect(await flagged.textContent()).toContain('Audit found threshold wrong');

    // the screener who decided: My feedback, and the contact's panel with the concern
    const sam = await signedIn(racerEmail);
    await sam.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'My feedback' }).click();
    await sam.getByRole('heading', { name: 'My feedback', level: 1 }).waitFor();
    const card = sam.locator(`[data-testid="feedback"] [data-audit]`, { hasText: screened.reference });
    await card.waitFor();
    const feedback = (await card.textContent()) ?? '';
    expect(feedback).toContain(FINDINGS);
    expect(feedback).toContain(ACTIONS);
    expect(feedback).toContain('Requires improvement');
    expect(feedback).toContain('Level 2, Early help');
    expect(await seriousViolations(sam)).toEqual([]);
    await shoot(sam, 'feedback');
    await card.getByRole('link', { name: screened.reference, exact: true }).click();
    const panel = sam.getByTestId('contact-audits');
    await panel.waitFor();
    const onContact = (await panel.textContent()) ?? '';
    expect(onContact).toContain('Audited');
    expect(onContact).toContain(FINDINGS);
    expect(onContact).toContain('the child is still open');
    expect(await seriousViolations(sam)).toEqual([]);
    await shoot(sam, 'contact');

    // the manager who audited records what was done: the contact leaves the authorisation queue
    const concern = max.getByTestId('concern-form');
    await concern
      .getByLabel('What was done about the concern')
      .fill('Reopened and passed to the assessment team.');
    await concern.getByRole('button', { name: 'Record what was done' }).click();
    await max.getByText('What was done is recorded').waitFor();
    expect(await answered.textContent()).toContain('Reopened and passed to the assessment team.');
    expect(await answered.textContent()).not.toContain('the child is still open');
    await flagged.waitFor({ state: 'detached' });

    // the manager's own decision: they may read its audit but not answer it; the other manager
    // takes it out of the sample, with a reason
    await max.goto(`/quality-audits/${(await auditOf(managers.id)).id}`);
    await max.getByTestId('cannot-audit').waitFor();
    expect(await max.getByTestId('cannot-audit').textContent()).toContain('your own decision');
    expect(await max.getByTestId('audit-form').count()).toBe(0);
    expect(await max.getByTestId('swap').count()).toBe(0);
    await other.goto('/quality-audits');
    await otherQueue.locator(`tr[data-reference="${managers.reference}"]`).getByRole('link').click();
    await other.getByTestId('audit-form').waitFor();
    await other.getByText('Take this decision out of the sample').click();
    await other.getByLabel('Why this decision leaves the sample').fill('Too short');
    await other.getByRole('button', { name: 'Take out of the sample' }).click();
    await other.locator('.govuk-error-summary').waitFor();
    expect(await other.locator('#reason-error').textContent()).toContain('at least 10 characters');
    expect(await seriousViolations(other)).toEqual([]);
    await shoot(other, 'swap-error');
    await other
      .getByLabel('Why this decision leaves the sample')
      .fill('I was the duty manager who advised on it.');
    await other.getByRole('button', { name: 'Take out of the sample' }).click();
    await other.getByText('This decision is taken out of the sample.').waitFor();
    expect(await other.getByTestId('swapped').textContent()).toContain(
      'Taken out of the sample by Max Manager: I was the duty manager who advised on it.',
    );
    expect(await seriousViolations(other)).toEqual([]);
    await shoot(other, 'swapped');
  }, 180_000);

  const auditOf = async (contactId: string) =>
    (
      (await t.dataSource.query('select id from quality_audit where contact_id = $1', [contactId])) as {
        id: string;
      }[]
    )[0];
});
