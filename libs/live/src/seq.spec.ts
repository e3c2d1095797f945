import { jsonSeq, parseSeq, SeqOutOfRangeError } from './seq';

describe('jsonSeq', () => {
  it('should give a seq as the number it is, up to 2^53 - 1', () => {
    expect(jsonSeq(10n)).toBe(10);
    expect(jsonSeq('9')).toBe(9);
    expect(jsonSeq(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('should refuse a seq a JSON number cannot carry exactly, rather than send it rounded', () => {
    expect(() => jsonSeq(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(SeqOutOfRangeError);
    expect(() => jsonSeq('9223372036854775807')).toThrow(SeqOutOfRangeError);
    expect(() => jsonSeq(-1n)).toThrow(SeqOutOfRangeError);
  });
});

describe('parseSeq', () => {
  it.each([
    [0, 0n],
    [10, 10n],
    ['10', 10n],
    ['007', 7n],
    [Number.MAX_SAFE_INTEGER, BigInt(Number.MAX_SAFE_INTEGER)],
    [String(Number.MAX_SAFE_INTEGER), BigInt(Number.MAX_SAFE_INTEGER)],
  ])('should take %p as seq %p', (given, seq) => {
    expect(parseSeq(given)).toBe(seq);
  });

  it.each([
    -1,
    1.5,
    NaN,
    Infinity,
    Number.MAX_SAFE_INTEGER + 1,
    '9007199254740992',
    '1e3',
    '0x10',
    ' 1',
    '1 ',
    '-1',
    '',
    true,
    null,
    {},
    [1],
  ])('should refuse %p', (given) => {
    expect(parseSeq(given)).toBeNull();
  });
});
