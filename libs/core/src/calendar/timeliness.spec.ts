import fc from 'fast-check';
import { timelinessAt, TimelinessClock } from './timeliness';

const at = (iso: string): Date => new Date(iso);
// an 8-hour allowance: 25% left (2 hours) is reached at 15:00
const START = '2026-01-19T09:00:00.000Z';
const DUE = '2026-01-19T17:00:00.000Z';

describe('timelinessAt', () => {
  it.each`
    now                           | timeliness    | next                          | rule
    ${'2026-01-19T08:00:00.000Z'} | ${'ON_TRACK'} | ${'2026-01-19T15:00:00.001Z'} | ${'before the clock starts is on track'}
    ${'2026-01-19T09:00:00.000Z'} | ${'ON_TRACK'} | ${'2026-01-19T15:00:00.001Z'} | ${'all the time left is on track'}
    ${'2026-01-19T14:59:59.999Z'} | ${'ON_TRACK'} | ${'2026-01-19T15:00:00.001Z'} | ${'more than 25% left is on track'}
    ${'2026-01-19T15:00:00.000Z'} | ${'ON_TRACK'} | ${'2026-01-19T15:00:00.001Z'} | ${'exactly 25% left is on track (due soon is strictly less)'}
    ${'2026-01-19T15:00:00.001Z'} | ${'DUE_SOON'} | ${DUE}                        | ${'strictly less than 25% left is due soon'}
    ${'2026-01-19T16:59:59.999Z'} | ${'DUE_SOON'} | ${DUE}                        | ${'1 ms before due is due soon'}
    ${DUE}                        | ${'OVERDUE'}  | ${null}                       | ${'exactly at due is overdue'}
    ${'2026-01-20T09:00:00.000Z'} | ${'OVERDUE'}  | ${null}                       | ${'after due is overdue and never changes again'}
  `('should be $timeliness until $next when now is $now ($rule)', ({ now, timeliness, next }) => {
    const result = timelinessAt(at(now), at(START), at(DUE));
    expect(result.timeliness).toBe(timeliness);
    expect(result.nextTransitionAt?.toISOString() ?? null).toBe(next);
  });

  it.each`
    now                           | fraction | timeliness    | next                          | rule
    ${'2026-01-19T13:00:00.000Z'} | ${0.5}   | ${'ON_TRACK'} | ${'2026-01-19T13:00:00.001Z'} | ${'fraction 0.5: exactly half left is on track'}
    ${'2026-01-19T13:00:00.001Z'} | ${0.5}   | ${'DUE_SOON'} | ${DUE}                        | ${'fraction 0.5: less than half left is due soon'}
    ${'2026-01-19T16:59:59.999Z'} | ${0}     | ${'ON_TRACK'} | ${DUE}                        | ${'fraction 0: never due soon, next change is overdue'}
    ${'2026-01-19T09:00:00.000Z'} | ${1}     | ${'ON_TRACK'} | ${'2026-01-19T09:00:00.001Z'} | ${'fraction 1: due soon as soon as the clock runs'}
  `(
    'should be $timeliness until $next when now is $now and the fraction is $fraction ($rule)',
    ({ now, fraction, timeliness, next }) => {
      const result = timelinessAt(at(now), at(START), at(DUE), fraction);
      expect(result.timeliness).toBe(timeliness);
      expect(result.nextTransitionAt?.toISOString() ?? null).toBe(next);
    },
  );

  it.each`
    now                           | start                         | timeliness    | next    | rule
    ${'2026-01-19T16:00:00.000Z'} | ${DUE}                        | ${'DUE_SOON'} | ${DUE}  | ${'no allowed time: due soon until due'}
    ${'2026-01-19T16:00:00.000Z'} | ${'2026-01-19T18:00:00.000Z'} | ${'DUE_SOON'} | ${DUE}  | ${'negative allowed time: due soon until due'}
    ${DUE}                        | ${DUE}                        | ${'OVERDUE'}  | ${null} | ${'no allowed time: overdue at due'}
  `(
    'should be $timeliness when the allowed time is not positive ($rule)',
    ({ now, start, timeliness, next }) => {
      const result = timelinessAt(at(now), at(start), at(DUE));
      expect(result.timeliness).toBe(timeliness);
      expect(result.nextTransitionAt?.toISOString() ?? null).toBe(next);
    },
  );

  it.each`
    now           | fraction | message                  | rule
    ${'nonsense'} | ${0.25}  | ${/now must be a valid/} | ${'an invalid instant'}
    ${START}      | ${1.5}   | ${/dueSoonFraction/}     | ${'a fraction above 1'}
    ${START}      | ${-0.1}  | ${/dueSoonFraction/}     | ${'a negative fraction'}
  `('should throw when given $rule', ({ now, fraction, message }) => {
    expect(() => timelinessAt(at(now), at(START), at(DUE), fraction)).toThrow(message);
  });

  it('should change state exactly at nextTransitionAt when given any clock', () => {
    const base = at('2026-01-19T09:00:00Z').getTime();
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 10_000_000 }),
        fc.integer({ min: -1_000, max: 10_000_000 }),
        fc.integer({ min: -1_000_000, max: 20_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (startOffset, allowed, nowOffset, fraction) => {
          const startAt = new Date(base + startOffset);
          const dueAt = new Date(base + startOffset + allowed);
          const now = new Date(base + nowOffset);
          const { timeliness, nextTransitionAt } = timelinessAt(now, startAt, dueAt, fraction);
          if (nextTransitionAt === null) {
            expect(timeliness).toBe('OVERDUE');
            return;
          }
          expect(nextTransitionAt.getTime()).toBeGreaterThan(now.getTime());
          const justBefore = new Date(nextTransitionAt.getTime() - 1);
          expect(timelinessAt(justBefore, startAt, dueAt, fraction).timeliness).toBe(timeliness);
          expect(timelinessAt(nextTransitionAt, startAt, dueAt, fraction).timeliness).not.toBe(timeliness);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("TimelinessClock (the council's DUE_SOON fraction, config/timeliness.yml)", () => {
  const start = new Date('2026-03-02T09:00:00Z');
  const due = new Date('2026-03-02T13:00:00Z');

  it.each`
    fraction | now                       | timeliness
    ${0.25}  | ${'2026-03-02T11:59:00Z'} | ${'ON_TRACK'}
    ${0.25}  | ${'2026-03-02T12:00:01Z'} | ${'DUE_SOON'}
    ${0.5}   | ${'2026-03-02T11:00:01Z'} | ${'DUE_SOON'}
    ${0.5}   | ${'2026-03-02T10:59:00Z'} | ${'ON_TRACK'}
    ${0.25}  | ${'2026-03-02T13:00:00Z'} | ${'OVERDUE'}
  `('with $fraction at $now -> $timeliness, as timelinessAt says', ({ fraction, now, timeliness }) => {
    const clock = new TimelinessClock(fraction as number);
    expect(clock.at(at(now as string), start, due).timeliness).toBe(timeliness);
    expect(clock.at(at(now as string), start, due)).toEqual(
      timelinessAt(at(now as string), start, due, fraction as number),
    );
    expect(clock.nextTransitionAt(at(now as string), start, due)).toEqual(
      timelinessAt(at(now as string), start, due, fraction as number).nextTransitionAt,
    );
  });

  it.each([1.5, -0.1, Number.NaN])('refuses a fraction of %p', (fraction) => {
    expect(() => new TimelinessClock(fraction)).toThrow(/dueSoonFraction/);
  });
});
