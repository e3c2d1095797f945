import {
  carryActionIds,
  checkAmendmentAfterOutcome,
  checkIcpc,
  checkS47Outcome,
  icpcAwaited,
  icpcHeldWithinTarget,
  type S47EnquiryOutcome,
} from './outcome-rules';
import { HELD_AT_SKEW_MS } from './record-checks';
import type { StrategyOutcome } from './strategy-rules';

const now = new Date('2026-12-10T12:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('s47 outcome entry (decision 0023: not before the s47 start, not in the future)', () => {
  it.each<[string, Date, string, string, string[]]>([
    ['concluded a week after the start', at(-86_400_000), '2026-12-09', '2026-12-02', []],
    ['concluded the day it started', now, '2026-12-10', '2026-12-10', []],
    ['concluded before the s47 start', at(-86_400_000), '2026-12-09', '2026-12-10', ['concludedAt']],
    ['within the clock skew', at(HELD_AT_SKEW_MS), '2026-12-10', '2026-12-01', []],
    ['tomorrow', at(86_400_000), '2026-12-11', '2026-12-01', ['concludedAt']],
  ])('should check an outcome %s -> %j', (_what, concludedAt, concludedDate, s47StartDate, fields) => {
    expect(checkS47Outcome({ concludedAt, concludedDate, s47StartDate }, now).map((e) => e.field)).toEqual(
      fields,
    );
  });
});

describe('ICPC entry (CIN census 8615, 8875, 8905)', () => {
  const base = {
    heldAt: at(-3_600_000),
    heldDate: '2026-12-10', // a Thursday
    childProtectionPlan: true,
    category: 'PHY',
    s47StartDate: '2026-12-01',
    concludedDate: '2026-12-08',
  };
  it.each<[string, Partial<typeof base> & { category?: string }, string[]]>([
    ['a plan with its category', {}, []],
    ['no plan and no category', { childProtectionPlan: false, category: undefined }, []],
    ['8905: a plan without a category', { category: undefined }, ['category']],
    ['8905: a category without a plan', { childProtectionPlan: false }, ['category']],
    ['8615: before the s47 start', { heldDate: '2026-11-30', concludedDate: '2026-11-30' }, ['heldAt']],
    ['on the s47 start day', { heldDate: '2026-12-01', concludedDate: '2026-12-01' }, []],
    ['before the enquiry concluded', { heldDate: '2026-12-07' }, ['heldAt']],
    ['8875: on a Saturday', { heldDate: '2026-12-12', heldAt: at(-3_600_000) }, ['heldAt']],
    ['in the future', { heldAt: at(86_400_000) }, ['heldAt']],
    [
      'in the future and a plan without category',
      { heldAt: at(86_400_000), category: undefined },
      ['heldAt', 'category'],
    ],
  ])('should check an ICPC %s -> %j', (_what, change, fields) => {
    expect(checkIcpc({ ...base, ...change }, now).map((e) => e.field)).toEqual(fields);
  });

  it.each([
    // CIN census InitialCPCtarget: 15 working days from the s47 start
    ['held before the target', '2026-12-10', '2026-12-14', true],
    ['held on the target day', '2026-12-14', '2026-12-14', true],
    ['held the day after', '2026-12-15', '2026-12-14', false],
  ])('should say whether an ICPC %s is within target', (_what, held, due, within) => {
    expect(icpcHeldWithinTarget(held, due)).toBe(within);
  });
});

describe('ICPC awaited on the strategy queue (decision 0023)', () => {
  it.each<[StrategyOutcome, S47EnquiryOutcome | undefined, boolean, boolean]>([
    ['S47_JOINT', undefined, false, true],
    ['S47_SINGLE_AGENCY', 'CONCERNS_SUBSTANTIATED_ICPC', false, true],
    ['S47_JOINT', 'CONCERNS_SUBSTANTIATED_ICPC', true, false],
    ['S47_JOINT', 'CONCERNS_SUBSTANTIATED_NO_ICPC', false, false],
    ['S47_JOINT', 'NOT_SUBSTANTIATED', false, false],
    ['NO_S47_ASSESSMENT', undefined, false, false],
    ['NFA', undefined, false, false],
  ])(
    'should say for %s with s47 outcome %s and ICPC held %s: %s',
    (outcome, s47Outcome, icpcHeld, awaited) => {
      expect(icpcAwaited({ outcome, s47Outcome, icpcHeld })).toBe(awaited);
    },
  );
});

describe('amending a record after the s47 outcome (decision 0023)', () => {
  it.each<
    [string, StrategyOutcome, string | null, { concludedDate?: string; icpcHeldDate?: string }, boolean]
  >([
    ['no outcome yet: anything goes', 'NFA', null, {}, true],
    ['keeps s47, earlier start', 'S47_JOINT', '2026-12-01', { concludedDate: '2026-12-08' }, true],
    ['drops the s47 enquiry', 'NO_S47_ASSESSMENT', null, { concludedDate: '2026-12-08' }, false],
    [
      'moves the start after the conclusion',
      'S47_JOINT',
      '2026-12-09',
      { concludedDate: '2026-12-08' },
      false,
    ],
    [
      'moves the start after the ICPC',
      'S47_JOINT',
      '2026-12-09',
      { concludedDate: '2026-12-09', icpcHeldDate: '2026-12-08' },
      false,
    ],
  ])('should decide when %s', (_what, outcome, s47StartDate, recorded, allowed) => {
    expect(checkAmendmentAfterOutcome({ outcome, s47StartDate }, recorded) === null).toBe(allowed);
  });
});

describe('action ids across amendments (decision 0023)', () => {
  const current = [
    { id: 'a1', description: 'Joint visit with police', ownerAgency: 'POLICE' },
    { id: 'a2', description: 'Medical examination', ownerAgency: 'HEALTH' },
  ];
  it.each<[string, { id?: string; description: string; ownerAgency: string }[], (string | null)[], string[]]>(
    [
      [
        'the same actions re-sent without ids',
        [
          { description: 'Medical  examination ', ownerAgency: 'HEALTH' },
          { description: 'joint visit with police', ownerAgency: 'POLICE' },
        ],
        ['a2', 'a1'],
        [],
      ],
      [
        'an action named by id, reworded',
        [{ id: 'a1', description: 'Joint visit with police and school', ownerAgency: 'POLICE' }],
        ['a1'],
        [],
      ],
      [
        'a new action and a changed owner',
        [
          { description: 'Speak to the school', ownerAgency: 'EDUCATION' },
          { description: 'Medical examination', ownerAgency: 'OTHER' },
        ],
        [null, null],
        [],
      ],
      [
        'an id that is not current',
        [{ id: 'zz', description: 'Joint visit with police', ownerAgency: 'POLICE' }],
        [null],
        ['actions.0.id'],
      ],
      [
        'one id twice',
        [
          { id: 'a1', description: 'Joint visit with police', ownerAgency: 'POLICE' },
          { id: 'a1', description: 'Again', ownerAgency: 'POLICE' },
        ],
        ['a1', null],
        ['actions.1.id'],
      ],
      [
        'a named id is not matched again by its words',
        [
          { id: 'a1', description: 'Something else', ownerAgency: 'POLICE' },
          { description: 'Joint visit with police', ownerAgency: 'POLICE' },
        ],
        ['a1', null],
        [],
      ],
    ],
  )('should carry ids for %s', (_what, incoming, ids, fields) => {
    const carried = carryActionIds(current, incoming);
    expect(carried.ids).toEqual(ids);
    expect(carried.errors.map((e) => e.field)).toEqual(fields);
  });
});
