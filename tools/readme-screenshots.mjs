// The README's screenshots (docs/screenshots/*.png), taken from a running demo: start the
// service on a fresh embedded database (its demo caseload is seeded on the first start), then
//   EMBEDDED_PG_DIR=$(mktemp -d) npm start      # in another terminal
//   node tools/readme-screenshots.mjs [http://localhost:3000]
// Debian's Chromium drives the console as the demo screener, manager, officer and school would.
import { mkdir } from 'node:fs/promises';
import console from 'node:console';
import process from 'node:process';
import { URL } from 'node:url';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = new URL('../docs/screenshots/', import.meta.url);
await mkdir(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

async function signedIn(email) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1100, height: 720 } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

const shot = (page, name) => page.screenshot({ path: new URL(`${name}.png`, out).pathname });

try {
  const signIn = await (
    await browser.newContext({ baseURL: base, viewport: { width: 1100, height: 560 } })
  ).newPage();
  await signIn.goto('/sign-in');
  await signIn.getByRole('heading', { name: 'Sign in' }).waitFor();
  await shot(signIn, 'sign-in');

  const screener = await signedIn('screener@mach.example');
  await screener.getByTestId('screening-queue').waitFor();
  await screener.locator('tr[data-reference]').first().waitFor();
  await shot(screener, 'screening-queue');

  await screener.locator('tr[data-reference] a').first().click();
  await screener.getByTestId('contact-header').waitFor();
  await shot(screener, 'contact');

  await screener.getByRole('button', { name: 'Claim' }).click();
  await screener.getByRole('link', { name: 'Record decision' }).click();
  await screener.getByRole('heading', { name: 'Record a threshold decision' }).waitFor();
  await screener.getByRole('button', { name: 'Continue' }).click();
  await screener.locator('.govuk-error-summary').waitFor();
  await shot(screener, 'decision-error');

  const manager = await signedIn('manager@mach.example');
  await manager.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await manager.getByText(/Figures as of/).waitFor();
  await manager.waitForTimeout(1500); // the charts' first paint
  await shot(manager, 'dashboard');

  await manager.goto('/authorisation');
  await manager.locator('tr[data-reference]').first().waitFor();
  await shot(manager, 'authorisation-queue');
  // issue 16: DA triage, Encompass, strategy discussions, the police and partner portals
  await screener.goto('/triage');
  await screener.locator('tr[data-reference]').first().waitFor();
  await shot(screener, 'triage-queue');
  await screener.locator('tr[data-reference] a').first().click();
  await screener.getByTestId('suggestion').waitFor();
  await screener.getByText(/The matrix row this came from/).click();
  await shot(screener, 'triage-notification');

  await screener.goto('/encompass');
  await screener.locator('tr[data-reference]').first().waitFor();
  await shot(screener, 'encompass-queue');

  await manager.goto('/strategy');
  await manager.locator('tr[data-reference] a').first().click();
  await manager.locator('.govuk-task-list').waitFor();
  await shot(manager, 'strategy-discussion');

  const police = await signedIn('police@cleveland.example');
  await police.locator('tbody tr').first().waitFor();
  await shot(police, 'police-notifications');

  const partner = await signedIn('school@partner.example');
  await partner.locator('tbody tr').first().waitFor();
  await shot(partner, 'partner-referrals');
  console.log(`readme-screenshots: wrote ${out.pathname}`);
} finally {
  await browser.close();
}
