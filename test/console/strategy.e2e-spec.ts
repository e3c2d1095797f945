import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';
import { strategyDiscussionFor } from '../strategy/support';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');
const RATIONALE =
  'Police and health shared the injuries seen today; a joint section 47 enquiry is needed this afternoon.';

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `strategy-${name}.png`), fullPage: true });
}

// an instant as London's wall clock shows it, the way a person types it into the form
function london(at: Date): { day: string; month: string; year: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: String(Number(parts.day)),
    month: String(Number(parts.month)),
    year: parts.year,
    time: `${parts.hour}:${parts.minute}`,
  };
}

// a London calendar date ("2026-12-02") `n` working days (Monday to Friday) before today
function workingDaysAgo(n: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const day = new Date(`${today}T12:00:00Z`);
  for (let left = n; left > 0;) {
    day.setUTCDate(day.getUTCDate() - 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}

// the boxes of a date-and-time group filled in as a person types them
async function typeInto(
  group: ReturnType<Page['getByRole']>,
  at: { day: string; month: string; year: string; time: string },
): Promise<void> {
  await group.getByLabel('Day').fill(at.day);
  await group.getByLabel('Month').fill(at.month);
  await group.getByLabel('Year').fill(at.year);
  await group.getByLabel('Time').fill(at.time);
}

interface View {
  status: string;
  scheduledFor?: string;
  requiredAgencies: string[];
  invitees: { agency: string; name?: string }[];
  record?: {
    version: number;
    quorate: boolean;
    s47StartDate?: string;
    icpcDueDate?: string;
    actions?: { id: string; description: string; completion?: { completedBy: string; note: string } }[];
  };
  s47Outcome?: { outcome: string; concludedAt: string };
  icpc?: { heldDate: string; childProtectionPlan: boolean; category?: string; heldWithinTarget: boolean };
  history?: { version: number; quorate: boolean }[];
  startedBy?: { id: string; reason: string };
}

const AGENCY: Record<string, string> = {
  LA_SOCIAL_CARE: 'LA children’s social care',
  POLICE: 'Police',
  HEALTH: 'Health',
  EDUCATION: 'Education',
};

// CONSOLE.md S8 (issue 16 item 4): the strategy queue, a discussion's task list, scheduling with
// the quorum always invited, recording with its quorum explained, and an amendment with a reason
describe('console: strategy discussions (CONSOLE.md S8)', () => {
  let browser: Browser;
  let t: TestApp;
  let screener: string;
  let manager: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
    [screener, manager] = await Promise.all([
      t.login('screener@mach.example'),
      t.login('manager@mach.example'),
    ]);
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
  const view = async (id: string): Promise<View> =>
    (
      await t
        .http()
        .get(`/api/strategy-discussions/${id}`)
        .set('authorization', `Bearer ${screener}`)
        .expect(200)
    ).body as View;

  it('should schedule a discussion with the quorum invited, record it as not quorate, and amend it to quorate', async () => {
    const page = await signedIn('screener@mach.example');
    await page.goto('/strategy');
    const queue = page.getByTestId('strategy-queue');
    await queue.waitFor();
    expect(await queue.locator('caption').textContent()).toBe('No strategy discussions waiting');
    await shoot(page, 'queue-empty');
    expect(await seriousViolations(page)).toEqual([]);

    // a decision of STRATEGY_DISCUSSION starts one: it arrives on the open queue, live
    const sd = await strategyDiscussionFor(t, screener);
    const contact = (
      await t
        .http()
        .get(`/api/contacts/${sd.contactId}`)
        .set('authorization', `Bearer ${screener}`)
        .expect(200)
    ).body as { reference: string; child: { firstName: string; lastName: string } };
    const child = `${contact.child.firstName} ${contact.child.lastName}`;
    const row = page.locator(`tr[data-reference="${contact.reference}"]`);
    await row.waitFor({ timeout: 5000 });
    expect(await row.textContent()).toContain('RED');
    expect(await row.textContent()).toContain('Due');
    expect(await row.textContent()).toContain('Not scheduled');
    expect(await queue.locator('caption').textContent()).toBe('1 strategy discussion waiting');
    await shoot(page, 'queue');
    expect(await seriousViolations(page)).toEqual([]);

    // the discussion: its child, deadline and task list
    await row.getByRole('link', { name: child }).click();
    await page.getByRole('heading', { name: child }).waitFor();
    const header = await page.getByTestId('discussion-header').textContent();
    expect(header).toContain('Due');
    expect(header).toMatch(/\(in \d/);
    const tasks = page.getByTestId('task-list');
    expect(await tasks.textContent()).toMatch(
      /Schedule the discussion.*Due.*Record the discussion.*Not started/,
    );
    expect(await page.getByRole('link', { name: `View ${child}’s contact` }).getAttribute('href')).toBe(
      `/contacts/${sd.contactId}`,
    );
    await shoot(page, 'discussion');
    expect(await seriousViolations(page)).toEqual([]);

    // schedule it: the quorum (the discussion's requiredAgencies) is ticked and cannot be
    // dropped; education is added
    const { requiredAgencies } = await view(sd.id);
    expect(requiredAgencies).toEqual(['LA_SOCIAL_CARE', 'POLICE', 'HEALTH']);
    await page.getByRole('link', { name: 'Schedule the discussion' }).click();
    await page.getByRole('heading', { name: 'Schedule the strategy discussion' }).waitFor();
    for (const agency of requiredAgencies) {
      const box = page.getByRole('checkbox', { name: AGENCY[agency], exact: true });
      expect(await box.isChecked()).toBe(true);
      expect(await box.isDisabled()).toBe(true);
    }
    expect(await page.locator('.govuk-checkboxes__hint').allTextContents()).toEqual(
      requiredAgencies.map(() => 'Required'),
    );
    expect(await page.locator('#invitees-hint').textContent()).toMatch(
      /^LA children’s social care, police and health must take part: they are always invited\./,
    );
    expect(await page.getByRole('checkbox', { name: 'Education', exact: true }).isChecked()).toBe(false);
    await page.getByRole('checkbox', { name: 'Education', exact: true }).check();
    await page.getByLabel('Who will attend for Education (optional)').fill('Head teacher');
    await page.getByLabel('Who will attend for Health (optional)').fill('Named nurse');
    const at = london(new Date(Date.now() - 30 * 60_000));
    const when = page.getByRole('group', { name: 'When is it?' });
    await when.getByLabel('Day').fill(at.day);
    await when.getByLabel('Month').fill(at.month);
    await when.getByLabel('Year').fill(at.year);
    await when.getByLabel('Time').fill(at.time);
    await shoot(page, 'schedule');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Schedule the discussion' }).click();
    await page
      .getByText(/^Scheduled for .*Invited: LA children’s social care, Police, Health, Education\.$/)
      .waitFor();
    expect(await tasks.textContent()).toMatch(
      /Schedule the discussion.*Education \(Head teacher\).*Scheduled/,
    );
    // the queue says so, live, with when it is (the queue item's scheduledFor)
    const scheduled = await view(sd.id);
    await page.getByRole('link', { name: 'Strategy', exact: true }).click();
    await row.getByText('Scheduled', { exact: true }).waitFor();
    const scheduledFor = row.locator('td[data-label="Scheduled for"] time');
    await scheduledFor.waitFor();
    expect(await scheduledFor.getAttribute('datetime')).toBe(scheduled.scheduledFor);
    expect(await scheduledFor.textContent()).toMatch(
      new RegExp(`^(Today|\\w{3} \\d{1,2} \\w{3}) ${at.time}$`),
    );
    await shoot(page, 'queue-scheduled');
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('link', { name: child }).click();
    await page.getByRole('heading', { name: child }).waitFor();
    expect(scheduled.status).toBe('SCHEDULED');
    expect(scheduled.invitees).toEqual([
      { agency: 'LA_SOCIAL_CARE' },
      { agency: 'POLICE' },
      { agency: 'HEALTH', name: 'Named nurse' },
      { agency: 'EDUCATION', name: 'Head teacher' },
    ]);

    // record it: an empty submit first (held at comes from the schedule)
    await page.getByRole('link', { name: 'Record the discussion' }).click();
    await page.getByRole('heading', { name: 'Record the strategy discussion' }).waitFor();
    expect(await page.getByTestId('quorum').textContent()).toBe(
      'LA children’s social care, police and health must all attend for the discussion to be quorate.',
    );
    const held = page.getByRole('group', { name: 'When was it held?' });
    expect(await held.getByLabel('Day').inputValue()).toBe(at.day);
    expect(await held.getByLabel('Time').inputValue()).toBe(at.time);
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.title()).toMatch(/^Error: /);
    const links = await summary
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toEqual([
      ['Select whether LA children’s social care attended', '#attendance-LA_SOCIAL_CARE'],
      ['Select whether Police attended', '#attendance-POLICE'],
      ['Select whether Health attended', '#attendance-HEALTH'],
      ['Select whether Education attended', '#attendance-EDUCATION'],
      ['Select the outcome of the discussion', '#outcome'],
      ['Rationale must be at least 20 characters; you have 0', '#rationale'],
    ]);
    expect(await page.locator('.govuk-form-group--error').count()).toBe(6);
    await shoot(page, 'record-errors');
    expect(await seriousViolations(page)).toEqual([]);
    await summary.getByRole('link', { name: 'Select the outcome of the discussion' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('outcome');

    // health sends apologies
    const attendance = (agency: string, status: string) =>
      page.getByRole('group', { name: agency, exact: true }).getByLabel(status).check();
    await attendance('LA children’s social care', 'Attended');
    await attendance('Police', 'Attended');
    await attendance('Health', 'Apologies');
    await attendance('Education', 'Attended');
    await page.getByLabel('Section 47 enquiry, joint with police').check();
    await page.getByLabel('Rationale').fill(RATIONALE);
    await page.getByRole('button', { name: 'Add an action' }).click();
    const first = page.getByRole('group', { name: 'Action 1' });
    await first.getByLabel('What is to be done').fill('Joint visit to the family home');
    await first.getByLabel('Owner agency').selectOption('POLICE');
    const due = london(new Date(Date.now() + 2 * 86_400_000));
    await first.getByLabel('Day').fill(due.day);
    await first.getByLabel('Month').fill(due.month);
    await first.getByLabel('Year').fill(due.year);
    await page.getByRole('button', { name: 'Add another action' }).click();
    await page.getByRole('group', { name: 'Action 2' }).getByLabel('What is to be done').fill('Not needed');
    await page.getByRole('button', { name: 'Remove action 2' }).click();
    expect(await page.getByRole('group', { name: 'Action 2' }).count()).toBe(0);
    await shoot(page, 'record');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your answers before recording the discussion' }).waitFor();
    const answers = await page.getByTestId('check-answers').textContent();
    expect(answers).toContain('Health: Apologies');
    expect(answers).toContain('Joint visit to the family home (Police, due');
    expect(answers).toContain('Not quorate: Health sent apologies');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record the discussion' }).click();
    await page.getByRole('heading', { name: 'Strategy discussion recorded' }).waitFor();

    // the result, from the api's answer and the attendance it recorded
    expect(await page.getByTestId('result-quorate').textContent()).toBe('Not quorate: Health sent apologies');
    expect(await page.getByTestId('quorate').textContent()).toBe('Not quorate: Health sent apologies');
    expect(await page.getByTestId('timescale').textContent()).toMatch(/^Yes: held /);
    const recorded = await view(sd.id);
    expect(recorded.record).toMatchObject({ version: 1, quorate: false });
    const s47 = await page.getByTestId('s47-start').textContent();
    const icpc = await page.getByTestId('icpc-due').textContent();
    // calendar dates, as the api reads them back
    expect(recorded.record?.s47StartDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(recorded.record?.icpcDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const long = (date: string | undefined) =>
      new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${date}T12:00:00Z`));
    expect(s47).toBe(long(recorded.record?.s47StartDate));
    expect(icpc).toBe(long(recorded.record?.icpcDueDate));
    await shoot(page, 'result');
    expect(await seriousViolations(page)).toEqual([]);

    // amend it: health did attend. Without a reason the amendment is refused
    await page.getByRole('link', { name: 'View the strategy discussion' }).click();
    await page.getByRole('heading', { name: child }).waitFor();
    expect(await tasks.textContent()).toMatch(/Record the discussion.*version 1.*Held/);
    expect(await page.getByTestId('current-record').textContent()).toContain(
      'Not quorate: Health sent apologies',
    );
    await page.getByRole('link', { name: 'Record the discussion' }).click();
    await page.getByRole('heading', { name: 'Amend the record of the strategy discussion' }).waitFor();
    // it starts from the record it replaces
    expect(await page.getByLabel('Rationale').inputValue()).toBe(RATIONALE);
    expect(
      await page.getByRole('group', { name: 'Health', exact: true }).getByLabel('Apologies').isChecked(),
    ).toBe(true);
    await attendance('Health', 'Attended');
    await page.getByRole('button', { name: 'Continue' }).click();
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Enter the amendment reason: why this record replaces the one made before (at least 5 characters)',
    ]);
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#amendmentReason');
    await shoot(page, 'amend-errors');
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .getByLabel('Amendment reason')
      .fill('Health did attend: the named nurse joined late by phone.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your answers before amending the record' }).waitFor();
    await page.getByRole('button', { name: 'Record the amendment' }).click();
    await page.getByRole('heading', { name: 'Record amended' }).waitFor();
    expect(await page.getByTestId('result-quorate').textContent()).toBe(
      'Quorate: LA children’s social care, police and health all attended',
    );
    const earlier = page.getByTestId('earlier-versions');
    expect(await earlier.textContent()).toContain('Version 1');
    expect(await earlier.textContent()).toContain('Not quorate: Health sent apologies');
    expect(await page.getByTestId('record-done').textContent()).toContain(child);
    await shoot(page, 'amended');
    expect(await seriousViolations(page)).toEqual([]);
    const amended = await view(sd.id);
    expect(amended.record).toMatchObject({ version: 2, quorate: true });
    expect(amended.history).toEqual([expect.objectContaining({ version: 1, quorate: false })]);

    // the discussion page shows both, newest first; held with an s47 enquiry, it stays on the
    // queue until the ICPC is held (issue 17: flagged ICPC_DUE, due on the ICPC target date)
    await page.getByRole('link', { name: 'View the strategy discussion' }).click();
    await page.getByTestId('current-record').waitFor();
    expect(await page.getByTestId('current-record').textContent()).toContain(
      'Why it was amendedHealth did attend',
    );
    await shoot(page, 'discussion-held');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Back to the strategy discussions' }).click();
    await page.getByTestId('strategy-queue').locator('tr[data-reference]').first().waitFor();
    const onQueue = (
      (await t.http().get('/api/queues/strategy').set('authorization', `Bearer ${screener}`).expect(200))
        .body as { items: { id: string; status: string; flags: string[] }[] }
    ).items.find((i) => i.id === sd.id);
    expect(onQueue).toMatchObject({ status: 'HELD', flags: expect.arrayContaining(['ICPC_DUE']) as unknown });
  }, 120_000);

  it('should let a manager start a strategy discussion for a decided contact, with a reason, and link to it', async () => {
    const auth = { authorization: `Bearer ${manager}` };
    const made = (await t.http().post('/api/contacts').set(auth).send(contactBody()).expect(201)).body as {
      id: string;
    };
    await t
      .http()
      .post(`/api/contacts/${made.id}/decision`)
      .set(auth)
      .send({
        level: 3,
        outcome: 'SOCIAL_CARE_ASSESSMENT',
        primaryNeedCode: 'N1',
        rationale: 'Neglect over several weeks reported by the school; an assessment of need is required.',
      })
      .expect(201);
    const page = await signedIn('manager@mach.example');
    await page.goto(`/contacts/${made.id}`);
    const section = page.getByTestId('strategy-on-contact');
    await section.waitFor();
    expect(await section.textContent()).toContain('This contact has no strategy discussion.');
    await section.getByRole('button', { name: 'Start strategy discussion' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reason');
    await section.getByRole('button', { name: 'Start strategy discussion' }).click();
    await section.locator('.govuk-error-summary').waitFor();
    expect(await section.locator('.govuk-error-summary').textContent()).toContain(
      'Enter why this child needs a strategy discussion now',
    );
    // the contact page's title says so while the form shows problems
    expect(await page.title()).toMatch(/^Error: .* – contact /);
    await shoot(page, 'start-errors');
    expect(await seriousViolations(page)).toEqual([]);
    const reason = 'The child disclosed new injuries to the school nurse after the decision.';
    await page.getByLabel('Why does this child need a strategy discussion now?').fill(reason);
    await section.getByRole('button', { name: 'Start strategy discussion' }).click();
    await page.getByText(/^Strategy discussion started\. It is due /).waitFor();
    expect(await page.title()).not.toMatch(/^Error: /);
    await shoot(page, 'started');
    expect(await seriousViolations(page)).toEqual([]);
    await section.getByRole('link', { name: 'Open the strategy discussion' }).click();
    await page.getByTestId('started-by').waitFor();
    expect(await page.getByTestId('started-by').textContent()).toBe(
      `Started by Morgan Manager (you) after the decision: ${reason}`,
    );
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect((await view(id)).startedBy?.reason).toBe(reason);
    await shoot(page, 'escalated');
    expect(await seriousViolations(page)).toEqual([]);

    // a screener sees no start action on a decided contact
    const sam = await signedIn('screener@mach.example');
    const other = (await t.http().post('/api/contacts').set(auth).send(contactBody()).expect(201)).body as {
      id: string;
    };
    await t
      .http()
      .post(`/api/contacts/${other.id}/decision`)
      .set(auth)
      .send({
        level: 3,
        outcome: 'SOCIAL_CARE_ASSESSMENT',
        primaryNeedCode: 'N1',
        rationale: 'Neglect over several weeks reported by the school; an assessment of need is required.',
      })
      .expect(201);
    await sam.goto(`/contacts/${other.id}`);
    await sam.getByTestId('contact-header').waitFor();
    expect(await sam.getByTestId('strategy-on-contact').count()).toBe(0);
  }, 90_000);

  it('should take the quorum from the discussion the api reads back, not a copy of its own', async () => {
    const sd = await strategyDiscussionFor(t, screener);
    const page = await signedIn('screener@mach.example');
    // the same read with education added to the quorum: every screen follows it
    await page.route(`**/api/strategy-discussions/${sd.id}`, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      const body = (await response.json()) as View;
      await route.fulfill({
        response,
        json: { ...body, requiredAgencies: [...body.requiredAgencies, 'EDUCATION'] },
      });
    });
    await page.goto(`/strategy-discussions/${sd.id}/schedule`);
    await page.getByRole('heading', { name: 'Schedule the strategy discussion' }).waitFor();
    for (const agency of ['LA children’s social care', 'Police', 'Health', 'Education']) {
      const box = page.getByRole('checkbox', { name: agency, exact: true });
      expect(await box.isChecked()).toBe(true);
      expect(await box.isDisabled()).toBe(true);
    }
    expect(await page.locator('.govuk-checkboxes__hint').allTextContents()).toEqual([
      'Required',
      'Required',
      'Required',
      'Required',
    ]);
    expect(await page.locator('#invitees-hint').textContent()).toMatch(
      /^LA children’s social care, police, health and education must take part/,
    );
    await shoot(page, 'quorum-from-api');

    await page.goto(`/strategy-discussions/${sd.id}/record`);
    await page.getByRole('heading', { name: 'Record the strategy discussion' }).waitFor();
    expect(await page.getByTestId('quorum').textContent()).toBe(
      'LA children’s social care, police, health and education must all attend for the discussion to be quorate.',
    );
    const attendance = (agency: string, status: string) =>
      page.getByRole('group', { name: agency, exact: true }).getByLabel(status).check();
    await attendance('LA children’s social care', 'Attended');
    await attendance('Police', 'Attended');
    await attendance('Health', 'Attended');
    await attendance('Education', 'Absent');
    await page.getByLabel('No further action').check();
    await page.getByLabel('Rationale').fill(RATIONALE);
    const held = london(new Date(Date.now() - 10 * 60_000));
    const group = page.getByRole('group', { name: 'When was it held?' });
    await group.getByLabel('Day').fill(held.day);
    await group.getByLabel('Month').fill(held.month);
    await group.getByLabel('Year').fill(held.year);
    await group.getByLabel('Time').fill(held.time);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your answers before recording the discussion' }).waitFor();
    expect(await page.getByTestId('check-answers').textContent()).toContain(
      'Not quorate: Education did not attend',
    );
  }, 60_000);

  // issue 17 item 7 (decision 0023): a held s47 discussion taken to its outcome: an action done
  // with a note, the s47 enquiry's outcome, and the initial child protection conference with a plan
  it('should mark an action done, record the s47 outcome, then the ICPC with a plan held within the target', async () => {
    const sd = await strategyDiscussionFor(t, screener);
    // the real clock: held two working days ago (the s47 start), concluded and conferenced on the
    // working day after, all in the past and none on a weekend
    const [startDate, nextDate] = [workingDaysAgo(2), workingDaysAgo(1)];
    const heldAt = new Date(`${startDate}T10:00:00Z`);
    const concludedAt = new Date(`${nextDate}T10:00:00Z`);
    const conferenceAt = new Date(`${nextDate}T14:00:00Z`);
    // the actions are read back by due date: the visit first
    const inDays = (days: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
        new Date(Date.now() + days * 86_400_000),
      );
    await t
      .http()
      .post(`/api/strategy-discussions/${sd.id}/record`)
      .set('authorization', `Bearer ${screener}`)
      .send({
        heldAt: heldAt.toISOString(),
        attendance: ['LA_SOCIAL_CARE', 'POLICE', 'HEALTH'].map((agency) => ({ agency, status: 'ATTENDED' })),
        outcome: 'S47_JOINT',
        rationale: RATIONALE,
        actions: [
          { description: 'Joint visit to the family home', ownerAgency: 'POLICE', dueDate: inDays(2) },
          { description: 'Child protection medical', ownerAgency: 'HEALTH', dueDate: inDays(3) },
        ],
      })
      .expect(200);
    const recorded = await view(sd.id);
    expect(recorded.record?.s47StartDate).toBe(startDate);
    const long = (date: string | undefined) =>
      new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${date}T12:00:00Z`));
    const icpcDue = long(recorded.record?.icpcDueDate);

    const page = await signedIn('screener@mach.example');
    await page.goto(`/strategy-discussions/${sd.id}`);
    const tasks = page.getByTestId('task-list');
    await tasks.waitFor();
    // held with an s47 enquiry: its outcome is the next task; no conference is called yet
    expect(await tasks.textContent()).toMatch(
      /Record the discussion.*Held.*Record the outcome of the s47 enquiry.*Not started$/,
    );
    expect(await tasks.textContent()).not.toContain('initial child protection conference');
    const actions = page.getByTestId('action');
    expect(await actions.count()).toBe(2);
    expect(await actions.getByTestId('action-status').allTextContents()).toEqual(['Not done', 'Not done']);
    expect(await page.getByTestId('actions-done').textContent()).toBe('0 of 2 actions done.');
    await shoot(page, 'outcome-tasks');
    expect(await seriousViolations(page)).toEqual([]);

    // mark the visit done: without a note first
    const visit = actions.first();
    expect(await visit.locator('h3').textContent()).toBe('Joint visit to the family home');
    await visit.getByRole('button', { name: /^Mark as done\s*: Joint visit to the family home$/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('note');
    await visit.getByRole('button', { name: 'Mark as done', exact: true }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.title()).toMatch(/^Error: /);
    expect(
      await summary
        .getByRole('link')
        .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')])),
    ).toEqual([['Enter what was done', '#note']]);
    expect(await visit.locator('.govuk-form-group--error').count()).toBe(1);
    await shoot(page, 'action-errors');
    expect(await seriousViolations(page)).toEqual([]);
    const note = 'Visited with DS Holt; both parents and the child seen.';
    await visit.getByLabel('What was done?').fill(note);
    await visit.getByRole('button', { name: 'Mark as done', exact: true }).click();
    await page.getByText('Action marked as done: Joint visit to the family home.').waitFor();
    expect(await page.title()).not.toMatch(/^Error: /);
    expect(await visit.getByTestId('action-status').textContent()).toBe('Done');
    expect(await visit.getByTestId('action-note').textContent()).toBe(note);
    expect(await visit.getByTestId('action-done-by').textContent()).toMatch(
      /^Sam Screener \(you\), Today \d{2}:\d{2}$/,
    );
    expect(await page.getByTestId('actions-done').textContent()).toBe('1 of 2 actions done.');
    expect(await actions.nth(1).getByTestId('action-status').textContent()).toBe('Not done');
    const done = await view(sd.id);
    expect(done.record?.actions?.[0]).toMatchObject({
      description: 'Joint visit to the family home',
      completion: { note },
    });
    expect(done.record?.actions?.[1].completion).toBeUndefined();
    await shoot(page, 'action-done');
    expect(await seriousViolations(page)).toEqual([]);

    // the s47 outcome: an empty submit first
    await page.getByRole('link', { name: 'Record the outcome of the s47 enquiry' }).click();
    await page.getByRole('heading', { name: 'Record the outcome of the section 47 enquiry' }).waitFor();
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(
      await summary
        .getByRole('link')
        .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')])),
    ).toEqual([
      ['Enter the date and time the enquiry concluded, for example 27 3 2026 and 14:30', '#concludedAt-day'],
      ['Select the outcome of the section 47 enquiry', '#outcome'],
      ['Rationale must be at least 20 characters; you have 0', '#rationale'],
    ]);
    await shoot(page, 's47-outcome-errors');
    expect(await seriousViolations(page)).toEqual([]);
    await typeInto(page.getByRole('group', { name: 'When did the enquiry conclude?' }), london(concludedAt));
    await page.getByLabel('Concerns substantiated: an initial child protection conference is needed').check();
    await page
      .getByLabel('Rationale')
      .fill('Bruising consistent with the disclosure; the medical confirmed non-accidental injury.');
    await shoot(page, 's47-outcome');
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await page
      .getByText(
        `Outcome of the section 47 enquiry recorded: Concerns substantiated: an initial child protection conference is needed. The initial child protection conference is due by ${icpcDue}.`,
      )
      .waitFor();
    expect(await tasks.textContent()).toMatch(
      new RegExp(
        `Record the outcome of the s47 enquiry.*Completed.*Record the initial child protection conferenceDue by ${icpcDue}.*Due$`,
      ),
    );
    expect(await page.getByTestId('s47-outcome').textContent()).toContain(
      'Concerns substantiated: an initial child protection conference is needed',
    );
    expect((await view(sd.id)).s47Outcome).toMatchObject({
      outcome: 'CONCERNS_SUBSTANTIATED_ICPC',
      concludedAt: concludedAt.toISOString(),
    });
    await shoot(page, 's47-outcome-recorded');
    expect(await seriousViolations(page)).toEqual([]);

    // the ICPC: a plan without its category first
    await page.getByRole('link', { name: 'Record the initial child protection conference' }).click();
    await page.getByRole('heading', { name: 'Record the initial child protection conference' }).waitFor();
    expect(await page.getByTestId('icpc-target').textContent()).toContain(`due by ${icpcDue}`);
    await typeInto(page.getByRole('group', { name: 'When was the conference held?' }), london(conferenceAt));
    await page.getByRole('radio', { name: 'Yes', exact: true }).check();
    const category = page.getByRole('group', { name: 'Under which category of abuse?' });
    await category.waitFor();
    await page.getByRole('button', { name: 'Record the conference' }).click();
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(
      await summary
        .getByRole('link')
        .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')])),
    ).toEqual([['Select the category of abuse the child protection plan is under', '#category']]);
    expect(await page.locator('.govuk-form-group--error').count()).toBe(1);
    expect(await page.locator('.govuk-form-group--error').textContent()).toContain(
      'Under which category of abuse?',
    );
    await shoot(page, 'icpc-errors');
    expect(await seriousViolations(page)).toEqual([]);
    await category.getByLabel('Physical abuse').check();
    // the api's field error lands on the date boxes (an answer the api could give; staged once)
    await page.route(`**/api/strategy-discussions/${sd.id}/icpc`, (route) =>
      route.fulfill({
        status: 400,
        json: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Validation failed',
            details: [{ field: 'heldAt', message: 'must not be on a weekend (CIN census 8875)' }],
          },
        },
      }),
    );
    await page.getByRole('button', { name: 'Record the conference' }).click();
    await summary.getByRole('link', { name: /weekend/ }).waitFor();
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#heldAt-day');
    expect(await page.locator('#heldAt-error').textContent()).toContain(
      'The date and time it was held must not be on a weekend (CIN census 8875)',
    );
    await page.unroute(`**/api/strategy-discussions/${sd.id}/icpc`);
    await page.getByRole('button', { name: 'Record the conference' }).click();
    await page.getByText(/^Initial child protection conference recorded\. Held within the target/).waitFor();
    expect(await page.getByTestId('icpc-within-target').textContent()).toBe(
      `Yes: held ${long(nextDate)}, due by ${icpcDue} (15 working days from the s47 start)`,
    );
    expect(await page.getByTestId('icpc-plan').textContent()).toBe('Yes: Physical abuse');
    expect(await tasks.textContent()).toMatch(
      /Record the initial child protection conferenceHeld within the target.*Completed$/,
    );
    expect((await view(sd.id)).icpc).toMatchObject({
      heldDate: nextDate,
      childProtectionPlan: true,
      category: 'PHY',
      heldWithinTarget: true,
    });
    await shoot(page, 'icpc-recorded');
    expect(await seriousViolations(page)).toEqual([]);
    // the ICPC held, the discussion leaves the strategy queue
    const queue = (
      (await t.http().get('/api/queues/strategy').set('authorization', `Bearer ${screener}`).expect(200))
        .body as { items: { id: string }[] }
    ).items;
    expect(queue.find((i) => i.id === sd.id)).toBeUndefined();
  }, 120_000);
});
