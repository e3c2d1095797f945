import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// issue 18 (decision 0029), the console: a screener asks Cleveland Police and South Tees Health
// what they know about a RED contact's child (the form's error summary first, then keyboard
// only), chases the police, health answers on its own page and the screener's contact page shows
// the answer without a reload, then the police decline with a reason
describe('console: information from partner agencies (issue 18)', () => {
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
    page.screenshot({ path: join(SHOTS, `information-${name}.png`), fullPage: true });
  const noViolations = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);

  it('should ask two agencies, chase one, show an answer live and a refusal with its reason', async () => {
    const u = randomUUID().slice(0, 6);
    const first = `Nia${u}`;
    const name = `${first} Evans`;
    const contact = (
      await t
        .http()
        .post('/api/contacts')
        .set(bearer(screener))
        .send(
          contactBody({
            immediateRisk: true,
            consent: { status: 'NOT_SOUGHT', reason: 'Immediate risk: no time to ask the family first' },
            concerns: `Secret concern ${u}: bruising seen on the arm at school.`,
            child: { firstName: first, lastName: 'Evans', dateOfBirth: '2015-02-03', address: '4 Mill Lane' },
          }),
        )
        .expect(201)
    ).body as { id: string; householdId: string; rag: string };
    expect(contact.rag).toBe('RED');
    await t
      .http()
      .post('/api/contacts')
      .set(bearer(screener))
      .send(
        contactBody({
          householdId: contact.householdId,
          child: { firstName: `Owen${u}`, lastName: 'Evans', dateOfBirth: '2018-07-08' },
        }),
      )
      .expect(201);
    await t.http().post(`/api/contacts/${contact.id}/claim`).set(bearer(screener)).send({}).expect(200);

    // the screener's contact page: nobody asked yet
    const page = await open('screener@mach.example');
    await page.goto(`/contacts/${contact.id}`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const section = page.getByTestId('information-requests');
    await section.getByTestId('no-information-requests').waitFor();
    await page.getByRole('link', { name: 'Ask partner agencies' }).click();
    await page.getByRole('heading', { name: 'Ask partner agencies', level: 1 }).waitFor();
    await page.getByRole('checkbox', { name: 'Cleveland Police' }).waitFor();
    expect(await page.getByTestId('consent-hint').textContent()).toContain('Not sought');
    await noViolations(page);

    // nothing chosen: the error summary, focused, and the title says so
    await page.getByRole('button', { name: 'Send requests' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    const problems = await summary.textContent();
    expect(problems).toContain('Select at least one agency to ask');
    expect(problems).toContain('Enter what you want to ask');
    expect(problems).toContain('Select the lawful basis for sharing');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(
      true,
    );
    expect(await page.title()).toMatch(/^Error: /);
    await noViolations(page);
    await shoot(page, 'ask-errors');

    // consent was not given: consent is refused as a basis, on the form
    await page.getByRole('radio', { name: 'Consent given' }).check();
    await page.getByRole('button', { name: 'Send requests' }).click();
    await page.getByText('You cannot choose consent').first().waitFor();

    // keyboard only: the two agencies, the questions, section 47, why without consent, send
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/information-requests')) posts++;
    });
    await page.getByRole('checkbox', { name: 'Cleveland Police' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'South Tees Health' }).focus();
    await page.keyboard.press('Space');
    await page.getByLabel('What do you want to know?').focus();
    await page.keyboard.type('Is the family known to you? Any incidents at the address in the last year?');
    await page.getByRole('radio', { name: 'Public task: section 47 (child protection)' }).focus();
    await page.keyboard.press('Space');
    const why = page.getByLabel('Why is information shared without consent?');
    await why.waitFor();
    await why.focus();
    await page.keyboard.type('Section 47 enquiry: asking the family first could put the child at risk.');
    await shoot(page, 'ask-filled');
    await noViolations(page);
    await page.getByRole('button', { name: 'Send requests' }).focus();
    await page.keyboard.press('Enter');

    // back on the contact: both requests, waiting, with the questions
    await page.getByText('Information requested from').waitFor();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await section.getByTestId('information-request').nth(1).waitFor();
    expect(posts).toBe(1);
    const police = section.locator('[data-agency="Cleveland Police"]');
    const health = section.locator('[data-agency="South Tees Health"]');
    expect(await police.getByTestId('request-status').textContent()).toBe('Waiting for an answer');
    expect(await health.getByTestId('request-questions').textContent()).toContain('Is the family known');
    expect(await health.textContent()).toContain('No answer yet');
    await noViolations(page);
    await shoot(page, 'contact-asked');

    const staffView = (await t.http().get(`/api/contacts/${contact.id}`).set(bearer(screener)).expect(200))
      .body as { informationRequests: { id: string; agencyName: string }[] };
    const idOf = (agency: string) => staffView.informationRequests.find((r) => r.agencyName === agency)!.id;

    // chase the police, with a note
    await police.getByRole('link', { name: /Chase/ }).click();
    await page.getByRole('heading', { name: 'Chase Cleveland Police', level: 1 }).waitFor();
    await noViolations(page);
    await page.getByLabel('How did you chase it? (optional)').fill('Phoned the public protection unit.');
    await shoot(page, 'chase');
    await page.getByRole('button', { name: 'Record the chase' }).click();
    await page.getByText('Cleveland Police chased').waitFor();
    await police.getByText('Chased once').waitFor();

    // health answers on its own page, in another browser
    const nurse = await open('health@partner.example');
    await nurse.goto(`/information-requests/${idOf('South Tees Health')}`);
    await nurse.getByRole('heading', { name: `Request for information about ${name}`, level: 1 }).waitFor();
    expect(await nurse.getByTestId('request-household').textContent()).toContain(`Owen${u} Evans`);
    expect(await nurse.getByTestId('request-questions').textContent()).toContain('Is the family known');
    expect(await nurse.locator('main').textContent()).not.toContain('Secret concern');
    await nurse.getByTestId('no-answers').waitFor();
    await noViolations(nurse);
    await shoot(nurse, 'partner-request');
    await nurse.getByRole('button', { name: 'Send answer' }).click();
    const nurseSummary = nurse.locator('.govuk-error-summary');
    await nurseSummary.waitFor();
    expect(await nurseSummary.textContent()).toContain('Enter a summary of what your agency knows');
    expect(await nurseSummary.textContent()).toContain('Select yes if the child or household is known');
    await noViolations(nurse);
    await nurse
      .getByLabel('What does your agency know?')
      .fill(`Known to the health visitor ${u}: missed checks.`);
    await nurse.getByRole('radio', { name: 'Yes' }).check();
    await nurse.getByLabel('Details (optional)').fill('Two missed 2-year reviews; GP letter sent in March.');
    await nurse
      .getByLabel('Anything you are sending separately (optional)')
      .fill('Chronology by secure email.');
    // meanwhile a colleague at health answers from another session: the page reads it in live
    // and keeps what the nurse has typed, which goes as the next version
    const colleague = await t.login('health@partner.example');
    await t
      .http()
      .post(`/api/information-requests/${idOf('South Tees Health')}/response`)
      .set(bearer(colleague))
      .send({ summary: `Colleague ${u}: the GP holds a safeguarding flag.`, knownToAgency: true })
      .expect(201);
    await nurse.getByText(`Colleague ${u}: the GP holds a safeguarding flag.`).waitFor({ timeout: 2_000 });
    await nurse.getByRole('heading', { name: 'Add to or correct your answer' }).waitFor();
    expect(await nurse.getByLabel('What does your agency know?').inputValue()).toBe(
      `Known to the health visitor ${u}: missed checks.`,
    );
    expect(await nurse.getByLabel('Details (optional)').inputValue()).toBe(
      'Two missed 2-year reviews; GP letter sent in March.',
    );
    let answers = 0;
    nurse.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/response')) answers++;
    });
    await nurse.getByRole('button', { name: 'Send answer' }).dblclick();
    await nurse.getByTestId('information-sent').waitFor();
    expect(await nurse.getByTestId('information-sent').textContent()).toContain('(version 2)');
    expect(answers).toBe(1);
    await nurse.getByTestId('information-answer').nth(1).waitFor();
    expect(await nurse.getByTestId('information-answer').nth(1).textContent()).toContain('missed checks');
    expect(await nurse.getByLabel('What does your agency know?').inputValue()).toBe('');
    await nurse.getByRole('heading', { name: 'Add to or correct your answer' }).waitFor();
    await noViolations(nurse);
    await shoot(nurse, 'partner-answered');

    // the screener's page shows it without a reload
    await health.getByText(`Known to the health visitor ${u}: missed checks.`).waitFor({ timeout: 15_000 });
    expect(await health.getByTestId('request-status').textContent()).toBe('Answered');
    expect(await health.textContent()).toContain('Sent separately');

    // the police cannot read health's request; they decline their own (keyboard for the reason)
    const officer = await open('police@cleveland.example');
    await officer.goto(`/information-requests/${idOf('South Tees Health')}`);
    await officer.getByRole('heading', { name: 'Page not found' }).waitFor();
    await officer.goto(`/information-requests/${idOf('Cleveland Police')}`);
    await officer.getByRole('heading', { name: `Request for information about ${name}`, level: 1 }).waitFor();
    await noViolations(officer);
    await officer.getByRole('button', { name: 'Decline the request' }).click();
    await officer
      .locator('.govuk-error-summary')
      .getByText('Enter why your agency is not answering')
      .waitFor();
    await officer.getByLabel('Why is your agency not answering?').fill('No');
    await officer.getByRole('button', { name: 'Decline the request' }).click();
    await officer
      .locator('.govuk-error-summary')
      .getByText('The reason must be 10 characters or more')
      .waitFor();
    await officer
      .getByLabel('Why is your agency not answering?')
      .fill('An active investigation: we cannot share until charging advice.');
    await officer.getByRole('button', { name: 'Decline the request' }).click();
    await officer.getByTestId('information-sent').waitFor();
    await officer.getByTestId('information-answer').waitFor();
    expect(await officer.getByTestId('decline-form').count()).toBe(0);
    await officer.getByRole('heading', { name: 'Answer the request after all' }).waitFor();
    await noViolations(officer);
    await shoot(officer, 'partner-declined');

    // and the screener sees the refusal with its reason, still without a reload
    await police.getByText('An active investigation').waitFor({ timeout: 15_000 });
    expect(await police.getByTestId('request-status').textContent()).toBe('Declined');
    expect(await police.getByRole('link', { name: /Chase/ }).count()).toBe(0);
    await noViolations(page);
    await shoot(page, 'contact-answered');

    for (const p of [page, nurse, officer]) await p.context().close();
  }, 180_000);

  // the acceptance: each asked agency has its own live queue. Police and health have it
  // open before anyone asks; each sees only its own new row without a reload, opens it from the
  // queue (the police by keyboard only) and answers; the screener's contact shows both answers
  // live, and each answered row leaves its agency's queue live
  it('should put each request on its own agency’s live queue, answered from there and seen live', async () => {
    const u = randomUUID().slice(0, 6);
    const first = `Mia${u}`;
    const name = `${first} Hart`;
    const contact = (
      await t
        .http()
        .post('/api/contacts')
        .set(bearer(screener))
        .send(
          contactBody({
            immediateRisk: true,
            consent: { status: 'NOT_SOUGHT', reason: 'Immediate risk: no time to ask the family first' },
            child: { firstName: first, lastName: 'Hart', dateOfBirth: '2016-05-06', address: '9 Quay Road' },
          }),
        )
        .expect(201)
    ).body as { id: string; rag: string };
    expect(contact.rag).toBe('RED');
    await t.http().post(`/api/contacts/${contact.id}/claim`).set(bearer(screener)).send({}).expect(200);

    // before anyone asks: each partner's queue is open, and empty; a second tab of each watches
    const officer = await open('police@cleveland.example');
    const nurse = await open('health@partner.example');
    const queueOf = async (p: Page) => {
      await p.goto('/information-requests');
      await p.getByRole('heading', { name: 'Requests for information', level: 1 }).waitFor();
      await p.getByText('Live', { exact: true }).waitFor();
      await p.locator('caption').getByText('No requests waiting').waitFor();
    };
    await queueOf(officer);
    await queueOf(nurse);
    const officerWatch = await officer.context().newPage();
    const nurseWatch = await nurse.context().newPage();
    await queueOf(officerWatch);
    await queueOf(nurseWatch);
    expect(await officer.locator('nav[aria-label="Menu"] a').nth(1).textContent()).toBe(
      'Requests for information',
    );
    await noViolations(officer);
    await shoot(officer, 'queue-empty');

    // the screener asks both, with questions longer than a row shows
    const questions =
      `Is the family known to you (${u})? Any incidents at 9 Quay Road in the last year, any ` +
      'missed appointments, and who else lives there or visits often? Please include dates and ' +
      'anything the school or the GP has told you.';
    expect(questions.length).toBeGreaterThan(160);
    const page = await open('screener@mach.example');
    await page.goto(`/contacts/${contact.id}/information-requests/new`);
    await page.getByRole('heading', { name: 'Ask partner agencies', level: 1 }).waitFor();
    await page.getByRole('checkbox', { name: 'Cleveland Police' }).check();
    await page.getByRole('checkbox', { name: 'South Tees Health' }).check();
    await page.getByLabel('What do you want to know?').fill(questions);
    await page.getByRole('radio', { name: 'Public task: section 47 (child protection)' }).check();
    await page
      .getByLabel('Why is information shared without consent?')
      .fill('Section 47 enquiry: asking the family first could put the child at risk.');
    await page.getByRole('button', { name: 'Send requests' }).click();
    await page.getByText('Information requested from').waitFor();
    const section = page.getByTestId('information-requests');
    await section.getByTestId('information-request').nth(1).waitFor();
    const staffView = (await t.http().get(`/api/contacts/${contact.id}`).set(bearer(screener)).expect(200))
      .body as { informationRequests: { id: string; agencyName: string }[] };
    const idOf = (agency: string) => staffView.informationRequests.find((r) => r.agencyName === agency)!.id;
    const policeId = idOf('Cleveland Police');
    const healthId = idOf('South Tees Health');

    // each queue shows its own new row within 2 s, never the other agency's
    const rowOf = (p: Page, id: string) => p.locator(`tr[data-request="${id}"]`);
    for (const [p, own, other] of [
      [officer, policeId, healthId],
      [officerWatch, policeId, healthId],
      [nurse, healthId, policeId],
      [nurseWatch, healthId, policeId],
    ] as const) {
      const row = rowOf(p, own);
      await row.waitFor({ timeout: 2_000 });
      expect(await row.getAttribute('class')).toContain('fd-new-row');
      expect(await p.locator('caption').textContent()).toBe('1 request for information waiting');
      expect(await row.getByRole('link', { name }).getAttribute('href')).toBe(`/information-requests/${own}`);
      expect(await row.getByRole('cell').nth(0).textContent()).toBe('RED');
      const shown = (await row.getByTestId('queue-questions').textContent()) ?? '';
      expect(shown.endsWith('…')).toBe(true);
      expect(shown.length).toBeLessThanOrEqual(141);
      expect(questions.startsWith(shown.slice(0, -1))).toBe(true);
      expect(await row.textContent()).toContain('Waiting for an answer');
      expect(await p.content()).not.toContain(other);
    }
    await officer.getByText(`New RED request for information: ${name}`).waitFor();
    await noViolations(officer);

    // a chase of the police marks their row, live
    await t
      .http()
      .post(`/api/information-requests/${policeId}/chase`)
      .set(bearer(screener))
      .send({})
      .expect(201);
    await rowOf(officer, policeId).getByTestId('chased-tag').waitFor({ timeout: 2_000 });
    await rowOf(officerWatch, policeId).getByTestId('chased-tag').waitFor({ timeout: 2_000 });
    expect(await rowOf(nurse, healthId).getByTestId('chased-tag').count()).toBe(0);
    await noViolations(officer);
    await shoot(officer, 'queue-row');

    // the officer opens it by keyboard only: Tab reaches the row's link, Enter opens it
    await officer.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await officer.keyboard.press('Tab');
      reached = await officer.evaluate(
        (href) => document.activeElement?.getAttribute('href') === href,
        `/information-requests/${policeId}`,
      );
    }
    expect(reached).toBe(true);
    await officer.keyboard.press('Enter');
    await officer.getByRole('heading', { name: `Request for information about ${name}`, level: 1 }).waitFor();
    expect(await officer.getByTestId('request-questions').textContent()).toBe(questions);
    await officer.getByTestId('request-chased').waitFor();

    // the nurse opens hers from the queue; a chase reaches her open request page, live
    await rowOf(nurse, healthId).getByRole('link', { name }).click();
    await nurse.getByRole('heading', { name: `Request for information about ${name}`, level: 1 }).waitFor();
    expect(await nurse.getByTestId('request-chased').count()).toBe(0);
    await t
      .http()
      .post(`/api/information-requests/${healthId}/chase`)
      .set(bearer(screener))
      .send({})
      .expect(201);
    await nurse.getByTestId('request-chased').waitFor({ timeout: 2_000 });
    await noViolations(nurse);
    await shoot(nurse, 'queue-request-chased');

    // each answers, once
    const answer = async (p: Page, summary: string, known: 'Yes' | 'No') => {
      let posts = 0;
      p.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/response')) posts++;
      });
      await p.getByLabel('What does your agency know?').fill(summary);
      await p.getByRole('radio', { name: known }).check();
      await p.getByRole('button', { name: 'Send answer' }).dblclick();
      await p.getByTestId('information-sent').waitFor();
      await p.getByTestId('information-answer').waitFor();
      expect(posts).toBe(1);
      expect(await p.getByTestId('request-chased').count()).toBe(0);
    };
    await answer(officer, `Police ${u}: two call-outs to 9 Quay Road in March.`, 'Yes');
    await answer(nurse, `Health ${u}: not known to the health visitor.`, 'No');
    await noViolations(nurse);
    await shoot(nurse, 'queue-answered');

    // the screener's contact shows both answers without a reload
    const police = section.locator('[data-agency="Cleveland Police"]');
    const health = section.locator('[data-agency="South Tees Health"]');
    await police.getByText(`Police ${u}: two call-outs`).waitFor({ timeout: 2_000 });
    await health.getByText(`Health ${u}: not known`).waitFor({ timeout: 2_000 });
    expect(await police.getByTestId('request-status').textContent()).toBe('Answered');
    expect(await health.getByTestId('request-status').textContent()).toBe('Answered');

    // the answered rows leave each agency's queue live (the watching tabs never reloaded)
    for (const [p, id] of [
      [officerWatch, policeId],
      [nurseWatch, healthId],
    ] as const) {
      await rowOf(p, id).waitFor({ state: 'detached', timeout: 2_000 });
      await p.locator('caption').getByText('No requests waiting').waitFor();
    }
    // and the way back from the answered request is an empty queue
    await officer.getByRole('link', { name: 'Back to requests for information' }).click();
    await officer.locator('caption').getByText('No requests waiting').waitFor();

    // neither agency can open the other's request
    await officer.goto(`/information-requests/${healthId}`);
    await officer.getByRole('heading', { name: 'Page not found' }).waitFor();
    await nurse.goto(`/information-requests/${policeId}`);
    await nurse.getByRole('heading', { name: 'Page not found' }).waitFor();

    for (const p of [page, nurse, officer]) await p.context().close();
  }, 180_000);
});
