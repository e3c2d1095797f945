import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');

// the console built as `npm start` builds it, into a folder of this run's own
export async function buildConsole(): Promise<string> {
  const outDir = join(await mkdtemp(join(tmpdir(), 'frontdoor-console-')), 'console');
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(ROOT, 'apps/console/vite.config.mts'),
      '--logLevel',
      'error',
      // each build has an out dir of its own, so two suites (or a developer's build) may
      // build at once: Vite 8's one-build-per-project lock would refuse the second
      '--bypass-lock',
    ],
    { cwd: ROOT, env: { ...process.env, CONSOLE_OUT_DIR: outDir } },
  );
  return outDir;
}

// Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing)
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

// signs in through the console's own sign-in page (a demo user, no second factor)
export async function signInThroughConsole(
  page: import('playwright-core').Page,
  email: string,
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

// axe on the page as it is (WCAG 2.0, 2.1 and 2.2 A and AA tags): its serious and critical
// violations, each with where it is, so a test expects none
export async function seriousViolations(page: import('playwright-core').Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')})`);
}
