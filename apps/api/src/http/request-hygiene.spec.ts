import { bodyProblems, MAX_BODY_DEPTH, urlProblems } from './request-hygiene';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
};

// issue 12 items 1 and 3: what no handler could store is refused before any route runs
describe('request hygiene', () => {
  it.each<[string, unknown, { field: string; message: RegExp }[]]>([
    ['a plain body', { child: { firstName: 'Amy', tags: ['a', 'b'] } }, []],
    ['no body', undefined, []],
    ['an array', [], [{ field: 'body', message: /JSON object/ }]],
    ['a number', 42, [{ field: 'body', message: /JSON object/ }]],
    ['null', null, [{ field: 'body', message: /JSON object/ }]],
    [
      'a NUL in a nested string',
      { child: { lastName: '\u0000nul' } },
      [{ field: 'child.lastName', message: /NUL/ }],
    ],
    [
      'a NUL in an array item',
      { categories: ['OK', 'x\u0000'] },
      [{ field: 'categories.1', message: /NUL/ }],
    ],
    ['a lone high surrogate', { email: '\ud800' }, [{ field: 'email', message: /Unicode/ }]],
    ['a lone low surrogate', { email: 'a\udfffb' }, [{ field: 'email', message: /Unicode/ }]],
    ['a whole surrogate pair (an emoji)', { concerns: 'said \ud83d\ude00' }, []],
    [
      '__proto__ as an own key',
      JSON.parse('{"__proto__":{"role":"ADMIN"}}'),
      [{ field: '__proto__', message: /unknown field/ }],
    ],
    [
      'constructor one level down',
      { child: { constructor: {} } },
      [{ field: 'child.constructor', message: /unknown field/ }],
    ],
    [
      'prototype in an array item',
      { children: [{ prototype: 1 }] },
      [{ field: 'children.0.prototype', message: /unknown field/ }],
    ],
    ['a NUL in a key', { 'a\u0000': 1 }, [{ field: 'body', message: /field name/ }]],
    ['nesting at the limit', nested(MAX_BODY_DEPTH - 1), []],
    [
      'nesting past the limit',
      nested(MAX_BODY_DEPTH + 1),
      [{ field: expect.stringMatching(/^a(\.a)+$/), message: /nested too deeply/ }],
    ],
  ])('should find %s', (_what, body, expected) => {
    const found = bodyProblems(body);
    expect(found).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      expect(found[i].field).toEqual(e.field);
      expect(found[i].message).toMatch(e.message);
    });
  });

  it('should walk a body nested 20,000 deep without overflowing the stack', () => {
    expect(bodyProblems(nested(20_000))[0].message).toMatch(/nested too deeply/);
  });

  it.each<[string, string, unknown, string[]]>([
    ['a clean url', '/api/audit?entityId=x', { entityId: 'x' }, []],
    ['a NUL in a query value', '/api/audit?entityId=%00', { entityId: '\u0000' }, ['entityId']],
    ['a NUL in one of repeated values', '/api/audit?a=1&a=%00', { a: ['1', '\u0000'] }, ['a']],
    ['a NUL in the path', '/api/contacts/%00', {}, ['path']],
    ['a lone surrogate in a query value', '/api/x', { q: '\udfff' }, ['q']],
  ])('should find %s', (_what, url, query, fields) => {
    expect(urlProblems(url, query).map((p) => p.field)).toEqual(fields);
  });
});
