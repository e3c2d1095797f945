import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');

interface Note {
  id: string;
  kind: string;
  text: string;
  author: { name: string; agency: { name: string } };
  corrects?: string;
  correctedBy?: string;
}

// issue 17 item 6 (decision 0024): a school adds what it has learnt to its open referral, the
// screener's queue flags it live, the screener reads it (the flag goes), and adds and corrects a
// case note of their own that the school never sees
describe('console: notes on a contact (issue 17 item 6)', () => {
  let browser: Browser;
  let t: TestApp;
  let partner: string;
  let screener: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
    [partner, screener] = await Promise.all([
      t.login('school@partner.example'),
      t.login('screener@mach.example'),
    ]);
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const signedIn = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ baseURL: t.url });
    contexts.push(context);
    const page = await context.newPage();
    await signInThroughConsole(page, email);
    return page;
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `notes-${name}.png`), fullPage: true });
  const notesOver = async (token: string, id: string) =>
    (
      (await t.http().get(`/api/contacts/${id}`).set(as(token)).expect(200)).body as {
        notes?: Note[];
      }
    ).notes ?? [];
  const notesStored = async (id: string) =>
    Number(
      (
        (await t.dataSource.query(`select count(*) as n from contact_note where contact_id = $1`, [id])) as {
          n: string;
        }[]
      )[0].n,
    );
  const readsBy = async (email: string, id: string) =>
    Number(
      (
        (await t.dataSource.query(
          `select count(*) as n from audit_entry a join app_user u on u.id = a.actor_id
            where a.action = 'CONTACT_VIEWED' and a.entity_id = $1 and u.email = $2`,
          [id, email],
        )) as { n: string }[]
      )[0].n,
    );
  const markPage = (page: Page) =>
    page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const notReloaded = (page: Page) =>
    page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);
  const isFocused = (page: Page, selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => el === document.activeElement);
  const notePosts = (page: Page) => {
    const sent: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/contacts\/[^/]+\/notes$/.test(r.url())) sent.push(r);
    });
    return sent;
  };

  it('should carry a partner’s new information to the screener live, and keep staff notes and corrections from the partner', async () => {
    const family = `Osei${Date.now().toString(36)}`;
    const referral = (
      await t
        .http()
        .post('/api/contacts')
        .set(as(partner))
        .send(contactBody({ child: { firstName: 'Kofi', lastName: family, dateOfBirth: '2015-06-01' } }))
        .expect(201)
    ).body as { id: string; reference: string };
    const childName = `Kofi ${family}`;

    const [sam, sasha, pat] = await Promise.all([
      signedIn('screener@mach.example'),
      signedIn('screener2@mach.example'),
      signedIn('school@partner.example'),
    ]);
    const samRow = sam.locator(`tr[data-reference="${referral.reference}"]`);
    const sashaRow = sasha.locator(`tr[data-reference="${referral.reference}"]`);
    await Promise.all([samRow.waitFor(), sashaRow.waitFor()]);
    expect(await samRow.getByText('New information').count()).toBe(0);
    await markPage(sam);
    await markPage(sasha);

    // the school opens its referral: nothing added yet, and the form to add to it
    await pat.goto(`/contacts/${referral.id}`);
    await pat.getByRole('heading', { name: referral.reference, level: 1 }).waitFor();
    const partnerNotes = pat.getByTestId('partner-notes');
    await partnerNotes.getByTestId('no-notes').waitFor();
    await partnerNotes.getByRole('heading', { name: 'Add information for the front door' }).waitFor();
    await shot(pat, 'partner-open');
    expect(await seriousViolations(pat)).toEqual([]);

    // nothing written: the error summary, focused, and the title says so
    const send = pat.getByRole('button', { name: 'Send information' });
    await send.click();
    const patSummary = pat.locator('.govuk-error-summary');
    await patSummary.waitFor();
    expect(await isFocused(pat, '.govuk-error-summary')).toBe(true);
    expect(await pat.title()).toMatch(/^Error: /);
    expect(await patSummary.textContent()).toContain('Enter what you want to tell the front door');
    await shot(pat, 'partner-error');
    expect(await seriousViolations(pat)).toEqual([]);
    await patSummary.getByRole('link').click();
    expect(await pat.evaluate(() => document.activeElement?.id)).toBe('noteText');

    // a double press sends one note (single flight; and the Idempotency-Key would replay it)
    const posts = notePosts(pat);
    const told =
      'Kofi told his teacher this morning that his uncle has moved in.\nHe does not want to go home.';
    await pat.getByLabel('What do you want to tell the front door?').fill(told);
    expect(await partnerNotes.getByTestId('note-count').textContent()).toBe(
      `You have ${(5000 - told.length).toLocaleString('en-GB')} characters remaining`,
    );
    const answered = pat.waitForResponse(
      (r) => /\/notes$/.test(r.url()) && r.request().method() === 'POST' && r.status() === 201,
    );
    await send.dblclick();
    await answered;
    const answeredAt = Date.now();
    await pat.getByTestId('note-added').waitFor();
    expect(posts.length).toBe(1);
    expect(posts[0].headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const afterOne = await notesOver(partner, referral.id);
    expect(afterOne.map((n) => [n.kind, n.text])).toEqual([['REFERRER_UPDATE', told]]);
    expect(await notesStored(referral.id)).toBe(1);

    // the open screening queues flag it within 2 s, with no reload
    await samRow.getByText('New information').waitFor({ timeout: 2000 });
    await sashaRow.getByText('New information').waitFor({ timeout: 2000 });
    expect(Date.now() - answeredAt).toBeLessThan(2000);
    expect(await notReloaded(sam)).toBe(true);
    expect(await notReloaded(sasha)).toBe(true);
    await shot(sasha, 'queue-new-information');
    expect(await seriousViolations(sasha)).toEqual([]);

    // the school's page lists what it added, with its line breaks, and the form is empty again
    const patList = partnerNotes.getByTestId('note');
    await patList.first().waitFor();
    expect(await patList.count()).toBe(1);
    expect(await patList.first().getByTestId('note-text').innerText()).toBe(told);
    expect(await pat.getByLabel('What do you want to tell the front door?').inputValue()).toBe('');
    await shot(pat, 'partner-added');
    expect(await seriousViolations(pat)).toEqual([]);

    // a retry after a lost answer: the api stored the note, the browser never heard; the second
    // press carries the same key, so the api replays the first note and no second is stored
    const later = 'His mother rang the school: she is worried about the uncle too.';
    await pat.route(
      '**/api/contacts/*/notes',
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await pat.getByLabel('What do you want to tell the front door?').fill(later);
    await send.click();
    await patSummary.getByText('Sorry, there is a problem with the service').waitFor();
    expect(await notesStored(referral.id)).toBe(2);
    const replayed = pat.waitForResponse((r) => /\/notes$/.test(r.url()) && r.request().method() === 'POST');
    await send.click();
    const replay = await replayed;
    expect(replay.status()).toBe(201);
    expect(replay.headers()['idempotent-replayed']).toBe('true');
    await pat.getByTestId('note-added').waitFor();
    expect(posts.length).toBe(3);
    expect(posts[2].headers()['idempotency-key']).toBe(posts[1].headers()['idempotency-key']);
    expect(posts[1].headers()['idempotency-key']).not.toBe(posts[0].headers()['idempotency-key']);
    expect(await notesStored(referral.id)).toBe(2);
    await partnerNotes.getByTestId('note').nth(1).waitFor();

    // the screener opens the contact and reads the school's notes; the flag leaves the queue
    await samRow.getByRole('link', { name: childName }).click();
    await sam.getByRole('heading', { name: childName, level: 1 }).waitFor();
    const staffNotes = sam.getByTestId('contact-notes');
    const samList = staffNotes.getByTestId('note');
    await samList.nth(1).waitFor();
    expect(await samList.count()).toBe(2);
    expect(await samList.first().getByRole('heading').textContent()).toBe('Information from the referrer');
    expect(await samList.first().getByTestId('note-text').innerText()).toBe(told);
    expect(await samList.first().getByTestId('note-byline').textContent()).toContain('Acklam Primary School');
    await sashaRow.getByText('New information').waitFor({ state: 'detached', timeout: 2000 });
    expect(await notReloaded(sasha)).toBe(true);
    await shot(sam, 'staff-contact');
    expect(await seriousViolations(sam)).toEqual([]);

    // an empty note: the error summary, focused, the title, each field's message
    const addNote = sam.getByTestId('add-note');
    await addNote.getByRole('button', { name: 'Add note' }).click();
    const samSummary = addNote.locator('.govuk-error-summary');
    await samSummary.waitFor();
    expect(await isFocused(sam, '[data-testid="add-note"] .govuk-error-summary')).toBe(true);
    expect(await sam.title()).toMatch(/^Error: /);
    expect(await samSummary.textContent()).toContain('Select what kind of note this is');
    expect(await samSummary.textContent()).toContain('Enter the note');
    await addNote.locator('#noteText-error').waitFor();
    await shot(sam, 'staff-error');
    expect(await seriousViolations(sam)).toEqual([]);

    // a case note: added, the contact read again once, and a banner says so
    const readsBefore = await readsBy('screener@mach.example', referral.id);
    const caseNote = 'Spoke to the DSL.\nUncle not known to us; checking with police.';
    await addNote.getByLabel('Case note').check();
    await addNote.getByLabel('Note', { exact: true }).fill(caseNote);
    await addNote.getByRole('button', { name: 'Add note' }).click();
    await staffNotes.getByTestId('note-added').waitFor();
    expect(await staffNotes.getByTestId('note-added').textContent()).toContain('Note added');
    await samList.nth(2).waitFor();
    expect(await sam.title()).not.toMatch(/^Error: /);
    expect(await samList.nth(2).getAttribute('data-kind')).toBe('CASE_NOTE');
    expect(await samList.nth(2).getByTestId('note-text').innerText()).toBe(caseNote);
    expect(await readsBy('screener@mach.example', referral.id)).toBe(readsBefore + 1);
    await shot(sam, 'staff-added');
    expect(await seriousViolations(sam)).toEqual([]);

    // correct it: the same form, on that note, with its text shown
    await samList
      .nth(2)
      .getByRole('button', { name: /^Correct this note/ })
      .click();
    await addNote.getByRole('heading', { name: 'Correct a note' }).waitFor();
    expect(await isFocused(sam, '#add-note-heading')).toBe(true);
    expect(await addNote.getByTestId('correcting-text').innerText()).toBe(caseNote);
    const fixed = addNote.getByLabel('The corrected note');
    expect(await fixed.inputValue()).toBe(caseNote);
    await shot(sam, 'staff-correcting');
    expect(await seriousViolations(sam)).toEqual([]);
    const correction = 'Spoke to the DSL.\nUncle is known to us: open to early help in 2023.';
    await fixed.fill(correction);
    await addNote.getByRole('button', { name: 'Add correction' }).click();
    await staffNotes.getByTestId('note-added').getByText('Correction added').waitFor();
    await samList.nth(3).waitFor();
    const earlier = samList.nth(2);
    const fix = samList.nth(3);
    await earlier.getByTestId('note-corrected-by').waitFor();
    expect(await earlier.getByTestId('note-corrected-by').textContent()).toContain(
      'Corrected by a later note',
    );
    expect(await earlier.getByRole('button', { name: /^Correct this note/ }).count()).toBe(0);
    expect(await fix.getByTestId('note-corrects').textContent()).toBe('Corrects an earlier note');
    expect(await fix.getByTestId('note-text').innerText()).toBe(correction);
    expect(await addNote.getByRole('heading', { name: 'Add a note' }).count()).toBe(1);
    // each of the pair links to the other
    await fix.getByRole('link', { name: 'Corrects an earlier note' }).click();
    expect(await earlier.evaluate((el) => el === document.activeElement)).toBe(true);
    await earlier.getByRole('link', { name: 'Corrected by a later note' }).click();
    expect(await fix.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(sam, 'staff-corrected');
    expect(await seriousViolations(sam)).toEqual([]);
    const staffSees = await notesOver(screener, referral.id);
    expect(staffSees.map((n) => n.kind)).toEqual([
      'REFERRER_UPDATE',
      'REFERRER_UPDATE',
      'CASE_NOTE',
      'CASE_NOTE',
    ]);
    expect(staffSees[2].correctedBy).toBe(staffSees[3].id);
    expect(staffSees[3].corrects).toBe(staffSees[2].id);

    // the school sees only its own agency's notes, never the screener's
    await pat.reload();
    await pat.getByRole('heading', { name: referral.reference, level: 1 }).waitFor();
    await partnerNotes.getByTestId('note').nth(1).waitFor();
    expect(await partnerNotes.getByTestId('note').count()).toBe(2);
    const partnerText = (await pat.locator('main').textContent()) ?? '';
    expect(partnerText).not.toContain('Uncle');
    expect(partnerText).not.toContain('Case note');
    expect((await notesOver(partner, referral.id)).map((n) => n.kind)).toEqual([
      'REFERRER_UPDATE',
      'REFERRER_UPDATE',
    ]);
    expect(await seriousViolations(pat)).toEqual([]);

    // once decided, the school's page offers no form (the live status moves it on)
    await markPage(pat);
    await t.http().post(`/api/contacts/${referral.id}/claim`).set(as(screener)).send({}).expect(200);
    await t
      .http()
      .post(`/api/contacts/${referral.id}/decision`)
      .set(as(screener))
      .send({
        level: 2,
        outcome: 'EARLY_HELP',
        primaryNeedCode: 'N1',
        rationale: 'The uncle is known; the family agree to early help, and school will keep watch daily.',
      })
      .expect(201);
    await partnerNotes.getByTestId('notes-closed').waitFor({ timeout: 3000 });
    expect(await pat.getByTestId('add-note').count()).toBe(0);
    expect(await partnerNotes.getByTestId('note').count()).toBe(2);
    expect(await notReloaded(pat)).toBe(true);
    await shot(pat, 'partner-decided');
    expect(await seriousViolations(pat)).toEqual([]);

    // reflow at 320 px (WCAG 1.4.10): the notes and their forms fit
    for (const page of [sam, pat]) {
      await page.setViewportSize({ width: 320, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    }
    await shot(sam, 'staff-narrow');
  }, 120_000);
});
