import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

// a valid NHS number of this run's own (modulus 11), so intake matches no other suite's child
function nhsNumber(): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
    const check = 11 - (digits.reduce((sum, d, i) => sum + d * (10 - i), 0) % 11);
    if (check === 10) continue;
    return `${digits.join('')}${check === 11 ? 0 : check}`;
  }
}

const REASON = 'The school confirmed her name and her hearing support plan today.';

// issue 17 item 8: a screener corrects a child's record from it (the fields prefilled, a
// reason, a check page of only what changes, one PATCH), the api's field errors land on the
// fields, and the record then lists the change with who, when and why
describe('console: correct a child’s record (issue 17)', () => {
  let browser: Browser;
  let t: TestApp;
  let screener: string;

  beforeAll(async () => {
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
    page.screenshot({ path: `/tmp/child-edit-${name}.png`, fullPage: true });
  // Tab (at most 40 times) until the named button has focus
  const tabTo = async (page: Page, name: string) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      if (focused === name) return;
    }
    throw new Error(`no "${name}" in the tab order`);
  };

  it('should correct the first name and add a disability after a check page, with one change per field', async () => {
    const lastName = `Lowe${randomUUID().slice(0, 6)}`;
    const nhs = nhsNumber();
    const made = (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${screener}`)
        .send(
          contactBody({
            child: { firstName: 'Amy', lastName, dateOfBirth: '2016-05-04', sex: 'F', nhsNumber: nhs },
          }),
        )
        .expect(201)
    ).body as { id: string; child: { id: string } };
    const childId = made.child.id;

    const page = await open('screener@mach.example');
    await page.goto(`/children/${childId}`);
    await page.getByRole('heading', { name: `Amy ${lastName}`, level: 1 }).waitFor();
    expect(await page.getByTestId('child-changes').textContent()).toContain('No changes yet.');
    await page.getByRole('link', { name: 'Correct this record' }).click();

    // the question page: prefilled; NHS number and date of birth shown, not editable
    await page.getByRole('heading', { name: `Correct Amy ${lastName}’s record`, level: 1 }).waitFor();
    expect(await page.getByLabel('First name').inputValue()).toBe('Amy');
    expect(await page.getByLabel('Last name').inputValue()).toBe(lastName);
    expect(await page.getByRole('radio', { name: 'Female' }).isChecked()).toBe(true);
    expect(await page.getByTestId('fixed-fields').textContent()).toContain('cannot be corrected here');
    expect(await page.locator('main').textContent()).toContain(nhs);
    expect(await page.getByRole('textbox', { name: 'NHS number' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'form');

    // nothing changed and no reason: the error summary, focused, its links to the fields
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter why the record is being corrected');
    expect(await summary.textContent()).toContain('Change at least one detail');
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(
      await summary
        .getByRole('link', { name: 'Enter why the record is being corrected' })
        .getAttribute('href'),
    ).toBe('#reason');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#reason-error').textContent()).toContain('Enter why');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'form-error');

    // "No disability" and another are never ticked together
    await page.getByRole('checkbox', { name: 'No disability' }).check();
    await page.getByRole('checkbox', { name: 'Hearing' }).check();
    expect(await page.getByRole('checkbox', { name: 'No disability' }).isChecked()).toBe(false);

    // a UPN whose check letter is wrong: only the api knows; its 400 lands on the field
    await page.getByLabel('First name').fill('Amelia');
    await page.getByLabel('Unique pupil number (UPN)').fill('B123456789012');
    await page.getByLabel('Why are you correcting this record?').fill(REASON);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your changes', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: `Correct Amy ${lastName}’s record`, level: 1 }).waitFor();
    await summary.waitFor();
    const upnLink = summary.getByRole('link', { name: /Unique pupil number \(UPN\)/ });
    expect(await upnLink.getAttribute('href')).toBe('#upn');
    expect(await page.locator('#upn-error').textContent()).toContain('check letter');
    expect(await page.getByLabel('First name').inputValue()).toBe('Amelia');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'server-error');

    // keyboard only from here: empty the UPN again, continue
    await upnLink.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await page.getByLabel('Why are you correcting this record?').focus();
    await tabTo(page, 'Continue');
    await page.keyboard.press('Enter');

    // the check page: only the changed fields, before and after, and the reason
    await page.getByRole('heading', { name: 'Check your changes', level: 1 }).waitFor();
    const changes = page.getByTestId('child-edit-changes');
    const keys = await changes.locator('.govuk-summary-list__key').allTextContents();
    expect(keys).toEqual(['First name', 'Disabilities', 'Why']);
    const text = (await changes.textContent()) ?? '';
    expect(text).toContain('Was: Amy');
    expect(text).toContain('Now: Amelia');
    expect(text).toContain('Now: Hearing');
    expect(text).toContain(REASON);
    expect(await page.getByRole('link', { name: 'Change first name' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'check');

    // one PATCH however many presses
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes(`/api/children/${childId}`))
        patches.push(r.postData() ?? '');
    });
    await tabTo(page, 'Save changes');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByTestId('done-banner').waitFor();
    expect(await page.getByTestId('done-banner').textContent()).toContain(
      'Record corrected: first name, disabilities',
    );
    await page.getByRole('heading', { name: `Amelia ${lastName}`, level: 1 }).waitFor();
    expect(patches).toHaveLength(1);
    // only the changed fields are sent
    expect(JSON.parse(patches[0])).toEqual({ reason: REASON, firstName: 'Amelia', disabilities: ['HEAR'] });
    const record = (await page.getByTestId('child-changes').textContent()) ?? '';
    expect(record).toContain('First name: from Amy to Amelia');
    expect(record).toContain('Disabilities: from Not known to Hearing');
    expect(record).toContain(REASON);
    expect(record).toContain('Sam Screener');
    expect(await page.locator('main').textContent()).toContain('Hearing');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'record');

    // exactly one change stored per field
    const stored = (await t.dataSource.query(
      `select field, count(*)::int as n from child_change where child_id = $1 group by field order by field`,
      [childId],
    )) as { field: string; n: number }[];
    expect(stored).toEqual([
      { field: 'disabilities', n: 1 },
      { field: 'firstName', n: 1 },
    ]);
    await page.context().close();
  }, 120_000);

  // issue 19 (decision 0030): the date the case system shows the child's case open from, which
  // keeps a referral made while open out of the CIN census; not a date that is not real, nor one
  // to come (the api's word, on the field); cleared again to null
  it('should record and clear the date a case is open to children’s social care from', async () => {
    const lastName = `Open${randomUUID().slice(0, 6)}`;
    const made = (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${screener}`)
        .send(contactBody({ child: { firstName: 'Cara', lastName, dateOfBirth: '2014-03-02' } }))
        .expect(201)
    ).body as { child: { id: string } };
    const childId = made.child.id;
    const page = await open('screener@mach.example');
    const patches: unknown[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes(`/api/children/${childId}`))
        patches.push(JSON.parse(r.postData() ?? '{}'));
    });
    const since = page.getByRole('group', { name: /Open to children’s social care since/ });
    const typeDate = async (day: string, month: string, year: string) => {
      await since.getByLabel('Day').fill(day);
      await since.getByLabel('Month').fill(month);
      await since.getByLabel('Year').fill(year);
    };
    await page.goto(`/children/${childId}/edit`);
    await page.getByRole('heading', { name: `Correct Cara ${lastName}’s record`, level: 1 }).waitFor();
    await page.getByLabel('Why are you correcting this record?').fill(REASON);

    // not a real date: refused on the page
    await typeDate('31', '2', '2025');
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter a real date');
    expect(await seriousViolations(page)).toEqual([]);

    // a date to come: only the api knows today; its 400 lands on the date
    await typeDate('1', '1', '2099');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your changes', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await summary.waitFor();
    expect(await summary.textContent()).toContain('must not be a date to come');

    await typeDate('3', '11', '2025');
    const caseId = `CS${Date.now()}`;
    await page.getByLabel('Case system ID (optional)').fill(caseId);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your changes', level: 1 }).waitFor();
    const changes = (await page.getByTestId('child-edit-changes').textContent()) ?? '';
    expect(changes).toContain('Open to children’s social care since');
    expect(changes).toContain('Now: 3 Nov 2025');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('done-banner').waitFor();
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).toContain('Since 3 Nov 2025');
    expect(shown).toContain(caseId);
    expect(shown).toMatch(/Returns ID \(LAchildID\)FD\d{10}/);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'open-to-social-care');

    // cleared: sent as null, the record no longer says open
    await page.getByRole('link', { name: 'Correct this record' }).click();
    await page.getByRole('heading', { name: `Correct Cara ${lastName}’s record`, level: 1 }).waitFor();
    expect(await since.getByLabel('Day').inputValue()).toBe('3');
    await typeDate('', '', '');
    await page.getByLabel('Why are you correcting this record?').fill(REASON);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your changes', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('done-banner').waitFor();
    expect(await page.locator('main').textContent()).toContain('Not known to be open');
    expect(patches).toEqual([
      { reason: REASON, openToSocialCareSince: '2099-01-01' },
      { reason: REASON, openToSocialCareSince: '2025-11-03', caseSystemId: caseId },
      { reason: REASON, openToSocialCareSince: null },
    ]);
    await page.context().close();
  }, 120_000);
});
