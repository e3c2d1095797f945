import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations, signInThroughConsole } from '../support/browser';
import { contactBody } from '../support/contacts';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');

// issue 17 items 4 and 8 (decision 0028): a manager merges "Aimee Smith" into "Amy Smyth" from
// Amy's record (the candidates with why they matched, a reason, a check page, one POST), the
// duplicate's link then leads to Amy's record, and the merge is undone from there
describe('console: merge and unmerge a child’s records (issue 17)', () => {
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
    page.screenshot({ path: join(SHOTS, `child-merge-${name}.png`), fullPage: true });
  const make = async (child: Record<string, unknown>) =>
    (
      await t
        .http()
        .post('/api/contacts')
        .set('authorization', `Bearer ${screener}`)
        .send(contactBody({ child }))
        .expect(201)
    ).body as { id: string; reference: string; child: { id: string } };

  it('should merge a duplicate after a check page, follow the duplicate to the kept record, and undo it', async () => {
    const stem = `Smy${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 5)}`;
    const amy = await make({ firstName: 'Amy', lastName: `${stem}th`, dateOfBirth: '2016-05-04' });
    const aimee = await make({
      firstName: 'Aimee',
      lastName: `${stem.replace('y', 'i')}th`,
      dateOfBirth: '2016-04-05',
    });
    const amyName = `Amy ${stem}th`;
    const aimeeName = `Aimee ${stem.replace('y', 'i')}th`;

    // a screener sees the merged records but cannot merge
    const screenerPage = await open('screener@mach.example');
    await screenerPage.goto(`/children/${amy.child.id}`);
    await screenerPage.getByTestId('merged-records').waitFor();
    expect(
      await screenerPage.getByRole('link', { name: 'Merge a duplicate record into this one' }).count(),
    ).toBe(0);
    await screenerPage.goto(`/children/${amy.child.id}/merge`);
    await screenerPage.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
    await screenerPage.context().close();

    const page = await open('manager@mach.example');
    await page.goto(`/children/${amy.child.id}`);
    await page.getByRole('heading', { name: amyName, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Merge a duplicate record into this one' }).click();
    await page.getByRole('heading', { name: `Merge a duplicate into ${amyName}’s record` }).waitFor();
    const candidate = page.getByRole('radio', { name: new RegExp(aimeeName) });
    await candidate.waitFor();
    // why it matched is shown with it
    expect(await page.locator('.govuk-radios__hint').first().textContent()).toMatch(/match/);
    expect(await seriousViolations(page)).toEqual([]);

    // nothing chosen, no reason: the error summary, focused
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Choose the record that is a duplicate');
    expect(await summary.textContent()).toContain('Enter the reason');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'choose');

    // keyboard only: choose, give the reason, continue
    await candidate.focus();
    await page.keyboard.press('Space');
    await page
      .getByLabel('Why are these the same child?')
      .fill('The school confirms one child: Amy, born 4 May.');
    await page.getByLabel('Why are these the same child?').press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check before merging these records' }).waitFor();
    expect(await page.getByTestId('merge-kept').textContent()).toContain(amyName);
    expect(await page.getByTestId('merge-duplicate').textContent()).toContain(aimeeName);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'check');

    // one merge however many presses
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/merge')) posts++;
    });
    await page.getByRole('button', { name: 'Merge records' }).dblclick();
    await page.getByTestId('done-banner').waitFor();
    expect(await page.getByTestId('done-banner').textContent()).toContain('1 contact');
    expect(posts).toBe(1);
    await page.getByRole('heading', { name: amyName, level: 1 }).waitFor();
    expect(await page.getByTestId('child-history').textContent()).toContain(aimee.reference);
    expect(await page.getByTestId('merged-records').textContent()).toContain(aimeeName);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'merged');

    // the duplicate's address leads to the kept record, and says so
    await page.goto(`/children/${aimee.child.id}`);
    await page.getByRole('heading', { name: amyName, level: 1 }).waitFor();
    await page.getByText('was merged into this one').waitFor();
    await shoot(page, 'redirected');
    expect(new URL(page.url()).pathname).toBe(`/children/${amy.child.id}`);

    // undo it
    await page.getByRole('link', { name: `Undo this merge of ${aimeeName}` }).click();
    await page.getByRole('heading', { name: `Undo the merge of ${aimeeName} into this record` }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Why are these not the same child?').fill('The health visitor knows two children.');
    await shoot(page, 'unmerge');
    await page.getByRole('button', { name: 'Undo merge' }).click();
    await page.getByTestId('done-banner').waitFor();
    expect(await page.getByTestId('done-banner').textContent()).toContain('moved back');
    expect(await page.getByTestId('child-history').textContent()).not.toContain(aimee.reference);
    expect(await page.getByTestId('merged-records').textContent()).toContain('Undone');
    const rows = (await t.dataSource.query(`select child_id from contact where id = $1`, [aimee.id])) as {
      child_id: string;
    }[];
    expect(rows[0].child_id).toBe(aimee.child.id);
    await page.context().close();
  }, 120_000);
});
