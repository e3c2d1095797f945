import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody, makeScreeners } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');
const RATIONALE =
  'Seen by the school nurse; bruising explained by a fall at football, confirmed by the coach and by the parent.';

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// Tab (or Shift+Tab) until the focused element is the one wanted; no pointer anywhere
async function tabTo(page: Page, tag: string, text: RegExp, limit = 150): Promise<void> {
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
  throw new Error(`no ${tag} matching ${text} within ${limit} tab stops`);
}

// issue 15 "Tests and measures": three people at work in three browsers, against the real api
describe('console: the screener’s and the manager’s desk (issue 15 screens 2 to 5)', () => {
  let browser: Browser;
  let t: TestApp;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  const signedIn = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ baseURL: t.url });
    contexts.push(context);
    const page = await context.newPage();
    await signInThroughConsole(page, email);
    return page;
  };

  it('should carry a partner’s referral live to two screeners, through a claim, a decision and a manager’s approval', async () => {
    const [sam, sasha, pat, morgan] = await Promise.all([
      signedIn('screener@mach.example'),
      signedIn('screener2@mach.example'),
      signedIn('school@partner.example'),
      signedIn('manager@mach.example'),
    ]);
    for (const screener of [sam, sasha]) await screener.getByTestId('screening-queue').waitFor();
    await morgan.goto('/authorisation');
    await morgan.getByTestId('authorisation-queue').waitFor();

    // the partner makes a referral through the form
    await pat.goto('/contacts/new');
    await pat.getByRole('heading', { name: 'Make a referral' }).waitFor();
    expect(await pat.getByLabel('Organisation').inputValue()).toBe('Acklam Primary School');
    await pat.getByLabel('Who is making the referral').selectOption('2A');
    const first = `Nia${Date.now().toString(36)}`;
    await pat.getByLabel('First name').fill(first);
    await pat.getByLabel('Last name').fill('Okafor');
    await pat.getByLabel('Day').fill('3');
    await pat.getByLabel('Month').fill('9');
    await pat.getByLabel('Year').fill('2016');
    await pat
      .getByLabel('What happened')
      .fill('Nia came in with bruises on both arms and said she was scared to go home tonight.');
    await pat.getByLabel('Physical abuse').check();
    await pat.getByRole('group', { name: 'Is the child injured?' }).getByLabel('Yes').check();
    await pat
      .getByRole('group', { name: 'Is the child at immediate risk of harm?' })
      .getByLabel('No')
      .check();
    await pat.getByLabel('Yes, the family agreed').check();
    await shoot(pat, 'new-contact');
    expect(await seriousViolations(pat)).toEqual([]);
    await pat.getByRole('button', { name: 'Continue' }).click();
    await pat.getByRole('heading', { name: 'Check your answers before sending' }).waitFor();
    expect(await seriousViolations(pat)).toEqual([]);
    const sent = pat.waitForResponse(
      (r) => r.url().endsWith('/api/contacts') && r.request().method() === 'POST',
    );
    await pat.getByRole('button', { name: 'Send referral' }).click();
    const answer = (await (await sent).json()) as { id: string; reference: string };
    const answeredAt = Date.now();

    // both screeners see it within a second of the partner's answer, with no refresh
    const rows = [sam, sasha].map((p) => p.locator(`tr[data-reference="${answer.reference}"]`));
    await Promise.all(rows.map((row) => row.waitFor({ timeout: 1000 })));
    expect(Date.now() - answeredAt).toBeLessThan(1000);
    await pat.getByTestId('contact-done').waitFor();
    expect(await pat.getByTestId('contact-reference').textContent()).toBe(answer.reference);
    await shoot(pat, 'new-contact-done');
    expect(await rows[0].textContent()).toContain('RED');

    // Sam claims it from the queue; Sasha sees who holds it within a second
    await rows[0].getByRole('button', { name: /^Claim/ }).click();
    await rows[0].getByText('You').waitFor({ timeout: 1000 });
    const claimedAt = Date.now();
    await rows[1].getByText('Sam Screener').waitFor({ timeout: 1000 });
    expect(Date.now() - claimedAt).toBeLessThan(1000);
    await shoot(sasha, 'screening-queue-claimed');

    // Sam opens it and records a decision: too short a rationale first
    await rows[0].getByRole('link', { name: `${first} Okafor` }).click();
    await sam.getByRole('heading', { name: `${first} Okafor` }).waitFor();
    expect(await sam.getByTestId('rag-reasons').textContent()).toMatch(/injury/i);
    await shoot(sam, 'contact');
    expect(await seriousViolations(sam)).toEqual([]);
    await sam.getByRole('link', { name: 'Record decision' }).click();
    await sam.getByRole('heading', { name: 'Record a threshold decision' }).waitFor();
    await sam.getByLabel('1 Universal').check();
    await sam.getByRole('radio', { name: 'No further action' }).check();
    await sam.getByLabel('Rationale').fill('Seems fine.');
    await sam.getByRole('button', { name: 'Continue' }).click();
    const summary = sam.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await sam.title()).toMatch(/^Error: /);
    expect(await summary.textContent()).toContain('Rationale must be at least 50 characters; you have 11');
    await shoot(sam, 'decision-error');
    expect(await seriousViolations(sam)).toEqual([]);
    await summary.getByRole('link').click();
    expect(await sam.evaluate(() => document.activeElement?.id)).toBe('rationale');
    await sam.getByLabel('Rationale').fill(RATIONALE);
    await sam.getByRole('button', { name: 'Continue' }).click();
    await sam.getByRole('heading', { name: 'Check your answers before recording the decision' }).waitFor();
    expect(await sam.getByTestId('check-answers').textContent()).toContain(RATIONALE);
    expect(await seriousViolations(sam)).toEqual([]);
    await sam.getByRole('button', { name: 'Record decision' }).click();
    await sam.getByRole('heading', { name: 'Decision sent for authorisation' }).waitFor();
    expect(await sam.getByTestId('authorisation-reasons').textContent()).toContain('RED contact closed');
    await shoot(sam, 'decision-done');
    expect(await seriousViolations(sam)).toEqual([]);
    // it has left both screening queues
    await sasha
      .locator(`tr[data-reference="${answer.reference}"]`)
      .waitFor({ state: 'detached', timeout: 1000 });

    // the manager's authorisation queue has it live, and the manager approves it
    const waiting = morgan.locator(`tr[data-reference="${answer.reference}"]`);
    await waiting.waitFor({ timeout: 1000 });
    expect(await waiting.textContent()).toContain('RED contact closed');
    await shoot(morgan, 'authorisation-queue');
    expect(await seriousViolations(morgan)).toEqual([]);
    await waiting.getByRole('link', { name: `${first} Okafor` }).click();
    await morgan.getByRole('heading', { name: 'Authorise a decision' }).waitFor();
    await morgan.getByLabel('Approve').check();
    await shoot(morgan, 'authorise');
    expect(await seriousViolations(morgan)).toEqual([]);
    await morgan.getByRole('button', { name: 'Confirm' }).click();
    await morgan.getByText('Decision approved').waitFor();
    await morgan.locator(`tr[data-reference="${answer.reference}"]`).waitFor({ state: 'detached' });

    // the record says so, over the API too
    const manager = await t.login('manager@mach.example');
    const contact = (
      await t.http().get(`/api/contacts/${answer.id}`).set('authorization', `Bearer ${manager}`).expect(200)
    ).body as { status: string; decision: { status: string; authorisedBy: { name: string } } };
    expect(contact.status).toBe('DECIDED');
    expect(contact.decision.status).toBe('APPROVED');
    expect(contact.decision.authorisedBy.name).toBe('Morgan Manager');
  }, 120_000);

  it('should take a screener from sign-in through a claim and a decision by keyboard alone', async () => {
    const partner = await t.login('school@partner.example');
    const contact = (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${partner}`)
        .send(contactBody())
        .expect(201)
    ).body as { id: string; reference: string };
    const context = await browser.newContext({ baseURL: t.url });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await tabTo(page, 'input', /Email address/);
    await page.keyboard.type('screener@mach.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-password');
    await page.keyboard.press('Enter');
    await page.getByTestId('screening-queue').waitFor();

    await tabTo(page, 'a', /^Unclaimed$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/show=unclaimed/);
    const row = page.locator(`tr[data-reference="${contact.reference}"]`);
    await row.waitFor();
    const child = (await row.getByRole('link').textContent()) ?? '';
    await tabTo(page, 'button', new RegExp(`Claim ${child}`));
    // the focus ring is visible on the focused control (WCAG 2.4.7)
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe(
      'none',
    );
    await page.keyboard.press('Space');
    // claimed, it leaves the unclaimed list; all open shows it as "You"
    await row.waitFor({ state: 'detached' });
    await tabTo(page, 'a', /^All open$/);
    await page.keyboard.press('Enter');
    await row.getByText('You').waitFor();
    await tabTo(page, 'a', new RegExp(`^${child}$`));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: child }).waitFor();

    await tabTo(page, 'a', /^Record decision$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Record a threshold decision' }).waitFor();
    await tabTo(page, 'input', /1 Universal/);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // into the outcomes, at the first: no further action
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: 'No further action' }).isChecked()).toBe(true);
    await tabTo(page, 'textarea', /Rationale/);
    await page.keyboard.type(RATIONALE);
    await tabTo(page, 'button', /^Continue$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your answers before recording the decision' }).waitFor();
    await tabTo(page, 'button', /^Record decision$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Decision recorded' }).waitFor();
    await tabTo(page, 'a', /Back to the screening queue/);
    await page.keyboard.press('Enter');
    await page.getByTestId('screening-queue').waitFor();
    expect(await row.count()).toBe(0);
  }, 90_000);

  it('should leave the desk for “Your session has ended” when an administrator ends the session', async () => {
    const [racer] = await makeScreeners(t, 1);
    const [{ email }] = (await t.dataSource.query('select email from app_user where id = $1', [
      racer.id,
    ])) as {
      email: string;
    }[];
    const page = await signedIn(email);
    await page.getByTestId('screening-queue').waitFor();
    const admin = await t.login('admin@mach.example');
    await t
      .http()
      .patch(`/api/admin/users/${racer.id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ active: false, reason: 'Left the team' })
      .expect(200);
    await page.getByRole('heading', { name: 'Your session has ended' }).waitFor({ timeout: 5000 });
    expect(new URL(page.url()).pathname).toBe('/session-ended');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('should say “You cannot see this page” for a route the role may not use, “Page not found” for another agency’s record, and reload a deep link', async () => {
    const screener = await t.login('screener@mach.example');
    const theirs = (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${screener}`)
        .send(contactBody({ source: '1A', referrer: { name: 'A neighbour', organisation: 'None' } }))
        .expect(201)
    ).body as { id: string; reference: string };
    const pat = await signedIn('school@partner.example');
    for (const path of ['/screening', '/authorisation', '/dashboard', '/audit', '/admin']) {
      await pat.goto(path);
      await pat.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
    }
    expect(await seriousViolations(pat)).toEqual([]);
    await pat.goto(`/contacts/${theirs.id}`);
    await pat.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await pat.getByText(theirs.reference).count()).toBe(0);

    const sam = await signedIn('screener@mach.example');
    await sam.goto(`/contacts/${theirs.id}`);
    await sam.getByText(`Contact ${theirs.reference}`).waitFor();
    await sam.reload();
    await sam.getByText(`Contact ${theirs.reference}`).waitFor();
  }, 60_000);

  it('should re-rate a contact with a reason, let a manager assign it, and ask for an override reason on an unusual pair', async () => {
    const partner = await t.login('school@partner.example');
    const contact = (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${partner}`)
        .send(contactBody())
        .expect(201)
    ).body as { id: string; reference: string; child: { firstName: string } };
    const sasha = await signedIn('screener2@mach.example');
    await sasha.getByTestId('screening-queue').waitFor();
    const row = sasha.locator(`tr[data-reference="${contact.reference}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('GREEN');

    // the manager re-rates it RED with a reason: the header, the history and the queue follow
    const morgan = await signedIn('manager@mach.example');
    await morgan.goto(`/contacts/${contact.id}/rag`);
    await morgan.getByRole('heading', { name: 'Change RAG rating' }).waitFor();
    await morgan.getByRole('button', { name: 'Change RAG rating' }).click();
    await morgan.locator('.govuk-error-summary').getByText('Enter the reason for the change').waitFor();
    await morgan.getByLabel('RED').check();
    await morgan.getByLabel('Reason for the change').fill('The school nurse has now seen bruising');
    await morgan.getByRole('button', { name: 'Change RAG rating' }).click();
    await morgan.getByText(/RAG changed to RED\. Decision now due/).waitFor();
    expect(await morgan.getByTestId('contact-header').textContent()).toContain('RED');
    expect(await morgan.getByTestId('rag-history').textContent()).toContain('GREEN to RED');
    await row.getByText('RED').waitFor({ timeout: 1000 });

    // and assigns it to Sasha, whose queue says "You"
    await morgan.getByLabel('Assign to').selectOption({ label: 'Sasha Screener' });
    await morgan.getByRole('button', { name: 'Assign' }).click();
    await morgan.getByText('Assigned to Sasha Screener').waitFor();
    await row.getByText('You').waitFor({ timeout: 1000 });
    expect(await seriousViolations(morgan)).toEqual([]);

    // an unusual level and outcome: the override reason appears and is required
    await sasha.goto(`/contacts/${contact.id}/decision`);
    await sasha.getByRole('heading', { name: 'Record a threshold decision' }).waitFor();
    await sasha.getByLabel('4 Child protection (s47)').check();
    await sasha.getByRole('radio', { name: 'No further action' }).check();
    await sasha.getByLabel('Override reason').waitFor();
    await sasha.getByLabel('Rationale').fill(RATIONALE);
    await sasha.getByRole('button', { name: 'Continue' }).click();
    const summary = sasha.locator('.govuk-error-summary');
    await summary.getByText(/Explain why this outcome fits the level/).waitFor();
    expect(await summary.textContent()).not.toContain('Rationale');
    expect(await seriousViolations(sasha)).toEqual([]);
    // a usual pair hides it again
    await sasha.getByLabel('1 Universal').check();
    expect(await sasha.getByLabel('Override reason').count()).toBe(0);
  }, 90_000);
});
