import { ratio, roundToTenth, wholeMinutesSince, windowStarts } from './metrics-math';

const at = (iso: string): Date => new Date(iso);

describe('ratio', () => {
  it.each`
    numerator | denominator | percent | rule
    ${4}      | ${5}        | ${80}   | ${'a plain fraction'}
    ${5}      | ${7}        | ${71.4} | ${'71.428... rounds down to one decimal'}
    ${2}      | ${3}        | ${66.7} | ${'66.666... rounds up to one decimal'}
    ${1}      | ${3}        | ${33.3} | ${'33.333... rounds down'}
    ${1}      | ${16}       | ${6.3}  | ${'an exact half (6.25) rounds up'}
    ${1}      | ${8}        | ${12.5} | ${'an exact tenth stays as it is'}
    ${0}      | ${9}        | ${0}    | ${'none of many is 0, not null'}
    ${9}      | ${9}        | ${100}  | ${'all is 100'}
    ${1}      | ${1999}     | ${0.1}  | ${'a tiny share still shows'}
    ${0}      | ${0}        | ${null} | ${'nothing to divide by is null, not 0 or NaN'}
  `('should give $percent when $numerator of $denominator ($rule)', ({ numerator, denominator, percent }) => {
    expect(ratio(numerator, denominator)).toEqual({ numerator, denominator, percent });
  });

  it.each`
    numerator | denominator   | rule
    ${3}      | ${2}          | ${'more than the whole'}
    ${-1}     | ${2}          | ${'a negative count'}
    ${1.5}    | ${2}          | ${'a fractional count'}
    ${1}      | ${Number.NaN} | ${'not a number'}
  `('should throw when the counts are impossible ($rule)', ({ numerator, denominator }) => {
    expect(() => ratio(numerator, denominator)).toThrow('ratio');
  });
});

describe('roundToTenth', () => {
  it.each`
    value       | rounded   | rule
    ${90}       | ${90}     | ${'a whole median stays whole'}
    ${2910.5}   | ${2910.5} | ${'a median between two minutes keeps its half'}
    ${12.34}    | ${12.3}   | ${'below the half rounds down'}
    ${12.35001} | ${12.4}   | ${'above the half rounds up'}
    ${null}     | ${null}   | ${'no decisions stays null'}
  `('should give $rounded when the value is $value ($rule)', ({ value, rounded }) => {
    expect(roundToTenth(value)).toBe(rounded);
  });
});

describe('wholeMinutesSince', () => {
  const NOW = at('2026-12-01T10:00:00.000Z');
  it.each`
    earliest                      | minutes | rule
    ${'2026-12-01T05:00:00.000Z'} | ${300}  | ${'five hours'}
    ${'2026-12-01T09:58:00.001Z'} | ${1}    | ${'a part minute rounds down'}
    ${'2026-12-01T09:59:59.999Z'} | ${0}    | ${'under a minute is 0'}
    ${'2026-12-01T10:00:00.000Z'} | ${0}    | ${'received now is 0'}
    ${'2026-12-01T10:30:00.000Z'} | ${0}    | ${'received after now has not waited'}
    ${'2026-11-30T15:00:00.000Z'} | ${1140} | ${'across midnight'}
  `('should give $minutes when the oldest item came at $earliest ($rule)', ({ earliest, minutes }) => {
    expect(wholeMinutesSince(at(earliest), NOW)).toBe(minutes);
  });

  it('should give null when the queue is empty', () => {
    expect(wholeMinutesSince(null, NOW)).toBeNull();
  });
});

describe('windowStarts', () => {
  it.each`
    now                           | last24h                       | last7d                        | last30d                       | rule
    ${'2026-12-01T10:00:00.000Z'} | ${'2026-11-30T10:00:00.000Z'} | ${'2026-11-24T10:00:00.000Z'} | ${'2026-11-01T10:00:00.000Z'} | ${'winter'}
    ${'2026-04-01T09:00:00.000Z'} | ${'2026-03-31T09:00:00.000Z'} | ${'2026-03-25T09:00:00.000Z'} | ${'2026-03-02T09:00:00.000Z'} | ${'across the March clock change: elapsed hours, not local days'}
  `(
    'should start each window whole elapsed days before now when now is $now ($rule)',
    ({ now, last24h, last7d, last30d }) => {
      const since = windowStarts(at(now));
      expect({
        last24h: since.last24h.toISOString(),
        last7d: since.last7d.toISOString(),
        last30d: since.last30d.toISOString(),
      }).toEqual({ last24h, last7d, last30d });
    },
  );
});
