import AxeBuilder from '@axe-core/playwright';

// the console built as `npm start` builds it (into a folder of the caller's own), Debian's
// Chromium, and a sign-in through the console: one set for the e2e suites and the bench
export { buildConsole, launchChromium, signInThroughConsole } from '../../bench/browser';

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
