import { checkRecord, HELD_AT_SKEW_MS } from './record-checks';

const now = new Date('2026-03-10T12:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const attended = (...agencies: string[]) => agencies.map((agency) => ({ agency }));

describe('checkRecord (decision 0009: held not in the future, each agency listed once)', () => {
  it.each([
    ['held an hour ago', at(-3_600_000), attended('LA_SOCIAL_CARE', 'POLICE', 'HEALTH'), []],
    ['held now', now, attended('LA_SOCIAL_CARE'), []],
    ['within the clock skew', at(HELD_AT_SKEW_MS), attended('LA_SOCIAL_CARE'), []],
    ['just past the skew', at(HELD_AT_SKEW_MS + 1), attended('LA_SOCIAL_CARE'), ['heldAt']],
    ['tomorrow', at(86_400_000), attended('LA_SOCIAL_CARE'), ['heldAt']],
    ['an agency twice', now, attended('LA_SOCIAL_CARE', 'POLICE', 'LA_SOCIAL_CARE'), ['attendance']],
    ['no attendance listed', now, attended(), []],
    ['both wrong', at(86_400_000), attended('HEALTH', 'HEALTH'), ['heldAt', 'attendance']],
  ])('%s -> %j', (_what, heldAt, attendance, fields) => {
    expect(checkRecord({ heldAt, attendance }, now).map((e) => e.field)).toEqual(fields);
  });
});
