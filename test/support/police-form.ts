import type { Page } from 'playwright-core';

// yesterday in London, as an officer types it (the time is late evening, so always past)
export function yesterday(): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).formatToParts(new Date(Date.now() - 86_400_000));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: get('day'), month: get('month'), year: get('year') };
}

// the police portal's notification form as an officer fills it with the mouse: standard risk,
// DASH 8, two school-age children (Kai in the home, Ada a witness), so the suggestion is a contact
export async function fillNotificationForm(page: Page, reference: string, family: string): Promise<void> {
  const day = yesterday();
  await page.getByLabel('Police reference').fill(reference);
  await page.locator('#incident-day').fill(day.day);
  await page.locator('#incident-month').fill(day.month);
  await page.locator('#incident-year').fill(day.year);
  await page.getByLabel('Time of the incident').fill('22:30');
  await page.getByLabel('DASH', { exact: true }).check();
  await page.getByLabel('DASH score (optional)').fill('8');
  await page.getByRole('group', { name: 'Risk level' }).getByLabel('Standard').check();
  await page.locator('#victim-firstName').fill('Vera');
  await page.locator('#victim-lastName').fill(family);
  await page.locator('#perpetrator-firstName').fill('Pete');
  await page.locator('#perpetrator-lastName').fill(family);
  await page
    .getByRole('group', { name: /arrested/ })
    .getByLabel('Yes')
    .check();
  await page.getByLabel('Partner', { exact: true }).check();
  const first = page.getByRole('group', { name: 'Child', exact: true });
  await first.getByLabel('First name').fill('Kai');
  await first.getByLabel('Last name').fill(family);
  await first.getByLabel('Day').fill('3');
  await first.getByLabel('Month').fill('3');
  await first.getByLabel('Year').fill('2016');
  await first.getByLabel('School or nursery (optional)').fill('Acklam Primary School');
  await first.getByLabel('In the home at the time').check();
  await page.getByRole('button', { name: 'Add another child' }).click();
  // the new child's first name has focus (GOV.UK add another)
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('children-1-firstName');
  const second = page.getByRole('group', { name: 'Child 2' });
  await second.getByLabel('First name').fill('Ada');
  await second.getByLabel('Last name').fill(family);
  await second.getByLabel('Day').fill('14');
  await second.getByLabel('Month').fill('2');
  await second.getByLabel('Year').fill('2019');
  await second.getByLabel('School or nursery (optional)').fill('Linthorpe Community Primary');
  await second.getByLabel('A witness (saw or heard it)').check();
  await page.getByRole('group', { name: 'Was anyone injured?' }).getByLabel('No').check();
  await page.getByRole('group', { name: 'Was a weapon used?' }).getByLabel('No').check();
  await page
    .getByLabel('Summary of the incident')
    .fill('Neighbour reported shouting; officers attended; the children were in the home, one saw it.');
}
