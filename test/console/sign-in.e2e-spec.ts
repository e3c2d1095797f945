/// <reference lib="dom" />
// functions passed to page.evaluate run in the browser: the DOM types are theirs
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, launchChromium, seriousViolations } from '../support/browser';
import { totpCode } from '../support/mfa';
import { createTestApp, type TestApp } from '../support/test-app';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'console');

// axe on the page as it is (WCAG 2.2 AA tags): no serious or critical violation
async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

// issue 15 screen 1 in a real Chromium against the real api: sign in (and the second factor),
// the GOV.UK error pattern, signed in as, sign out; axe on every page; keyboard alone
describe('console: sign in (issue 15 screen 1)', () => {
  let consoleDir: string;
  let browser: Browser;
  let t: TestApp;
  const problems: string[] = [];

  beforeAll(async () => {
    consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir } });
    await mkdir(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path = '/'): Promise<Page> {
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    // a blocked script or style (CSP), a failed request or an error: each is a failure
    page.on('console', (m) => {
      if (m.type() === 'error' && !/401 \(Unauthorized\)|status of 401/.test(m.text()))
        problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(path);
    return page;
  }

  async function accessible(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  }

  it('should serve the console at / and its routes, and leave /api to the api', async () => {
    const root = await t.http().get('/').expect(200);
    expect(root.headers['content-type']).toMatch(/text\/html/);
    expect(root.headers['content-security-policy']).toContain("script-src 'self'");
    expect(root.text).not.toMatch(/<script>(?!\s*<\/script>)/); // no inline script
    await t.http().get('/contacts/123').expect(200);
    const api = await t.http().get('/api/no-such-route').expect(404);
    expect(api.body.error.code).toBe('NOT_FOUND');
    await t.http().post('/sign-in').expect(404);
  });

  it('should show the sign-in page at / to someone not signed in, accessible', async () => {
    const page = await open('/');
    await page.waitForURL('**/sign-in');
    await page.waitForFunction(() => document.title === 'Sign in – Front door');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in');
    await accessible(page, 'sign-in');
    await page.context().close();
  });

  it('should show the GOV.UK error summary, focused, when the password is wrong or missing', async () => {
    const page = await open('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await summary.locator('a').allTextContents()).toEqual([
      'Enter your email address',
      'Enter your password',
    ]);
    await page.waitForFunction(() => document.title === 'Error: Sign in – Front door');
    await page.getByLabel('Email address').fill('screener@mach.example');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Email or password is not right.' }).waitFor();
    await accessible(page, 'sign-in-error');
    await page.context().close();
  });

  it('should sign in by keyboard alone, say who is signed in, and sign out', async () => {
    const page = await open('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.keyboard.press('Tab'); // the skip link
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Tab'); // the service name
    await page.keyboard.press('Tab');
    await page.keyboard.type('screener@mach.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-password');
    await page.keyboard.press('Enter');
    const signedIn = page.getByTestId('signed-in-as');
    await signedIn.waitFor();
    expect(await signedIn.textContent()).toContain('Signed in as Sam Screener, Screener, MACH.');
    expect(new URL(page.url()).pathname).toBe('/screening'); // a screener's home is the queue
    // the session is a cookie the page's scripts cannot read
    expect(await page.evaluate(() => document.cookie)).not.toContain('fd_session');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'fd_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    await accessible(page, 'home');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    await accessible(page, 'signed-out');
    const after = await page.request.get('/api/auth/me');
    expect(after.status()).toBe(401);
    await page.context().close();
  });

  it('should have logged no error and no blocked resource in any page', () => {
    expect(problems).toEqual([]);
  });
});

describe('console: a second factor for staff (issue 15 screen 1, issue 14 item 6)', () => {
  let consoleDir: string;
  let browser: Browser;
  let t: TestApp;

  beforeAll(async () => {
    consoleDir = await buildConsole();
    browser = await launchChromium();
    t = await createTestApp({ listen: true, env: { CONSOLE_DIR: consoleDir, MFA_REQUIRED: 'true' } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('should send a manager to set up an authenticator app, then ask for its code at the next sign-in', async () => {
    const context = await browser.newContext({ baseURL: t.url });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('manager@mach.example');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.screenshot({ path: join(SHOTS, 'after-staff-sign-in.png'), fullPage: true });
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor({ timeout: 5000 });
    const secret = (await page.getByTestId('mfa-secret').textContent())!;
    await page.screenshot({ path: join(SHOTS, 'set-up-mfa.png'), fullPage: true });
    await expectNoSeriousViolations(page);
    await page.getByLabel('Code from your authenticator app').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await page.screenshot({ path: join(SHOTS, 'recovery-codes.png'), fullPage: true });
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    // the manager's home, with the full session (the recovery codes page has a header too)
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email address').fill('manager@mach.example');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Code from your authenticator app');
    await code.waitFor();
    // the step just used at confirmation cannot be used again: the next one
    await code.fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Morgan Manager, Manager');
    await context.close();
    // two sign-ins, an enrolment and two axe runs: more than jest's 30 s on a loaded machine
  }, 90_000);
});
