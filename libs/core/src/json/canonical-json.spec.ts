import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  // audit-hash.ts: jsonb does not keep key order, so the hash is taken over a canonical form
  it.each`
    left                                       | right                                      | rule
    ${{ a: 1, b: 2 }}                          | ${{ b: 2, a: 1 }}                          | ${'top-level key order'}
    ${{ x: { c: 3, d: [1, { f: 1, e: 2 }] } }} | ${{ x: { d: [1, { e: 2, f: 1 }], c: 3 } }} | ${'nested and in-array key order'}
    ${{ a: 1, b: undefined }}                  | ${{ a: 1 }}                                | ${'undefined is dropped, as jsonb drops it'}
    ${{ a: { b: undefined, c: 1 } }}           | ${{ a: { c: 1 } }}                         | ${'nested undefined is dropped'}
  `('should give the same text when only $rule differs', ({ left, right }) => {
    expect(canonicalJson(left)).toBe(canonicalJson(right));
  });

  it.each`
    value                            | expected
    ${{ b: 1, a: 'x' }}              | ${'{"a":"x","b":1}'}
    ${{ z: { y: 2, x: [3, null] } }} | ${'{"z":{"x":[3,null],"y":2}}'}
    ${[{ b: 1, a: 2 }, 'q']}         | ${'[{"a":2,"b":1},"q"]'}
    ${{}}                            | ${'{}'}
    ${[]}                            | ${'[]'}
    ${null}                          | ${'null'}
    ${undefined}                     | ${'null'}
    ${'text "quoted"'}               | ${'"text \\"quoted\\""'}
    ${true}                          | ${'true'}
    ${1.5}                           | ${'1.5'}
    ${{ 'k"ey': 1 }}                 | ${'{"k\\"ey":1}'}
    ${{ B: 1, a: 2, _: 3 }}          | ${'{"B":1,"_":3,"a":2}'}
  `('should return $expected when the value is $value', ({ value, expected }) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('should parse back to the same value when the input is plain JSON data', () => {
    const value = { b: [1, 'two', { d: null, c: false }], a: { z: 'é', y: -0.5 } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('should keep array order when the arrays differ only in order', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
