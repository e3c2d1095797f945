import { decodeCursor, encodeCursor, intervalProblems, partnerFilterProblems } from './contact-list';

const ID = '7a0c1f52-9f4e-4d0b-8a4f-0a9e1d2c3b4a';

// issue 17 item 5: the contacts list's cursor and who may filter by what
describe('the contacts list (issue 17 item 5)', () => {
  it.each`
    receivedAt                         | why
    ${'2026-12-02 13:22:01.123456+00'} | ${'microseconds kept'}
    ${'2026-12-02 13:22:01+00'}        | ${'a whole second'}
    ${'2026-06-02 14:22:01.5+01'}      | ${'a session in summer time'}
  `('should read back the cursor it wrote ($why)', ({ receivedAt }: { receivedAt: string }) => {
    expect(decodeCursor(encodeCursor({ receivedAt, id: ID }))).toEqual({ receivedAt, id: ID });
  });

  it.each`
    cursor                                                                         | why
    ${'not-base64-json'}                                                           | ${'not JSON'}
    ${Buffer.from('[1,2]').toString('base64url')}                                  | ${'numbers'}
    ${Buffer.from(`["2026-12-02", "${ID}"]`).toString('base64url')}                | ${'a date without a time'}
    ${Buffer.from('["2026-12-02 13:22:01+00", "x"]').toString('base64url')}        | ${'an id that is not a UUID'}
    ${Buffer.from(`["2026-12-02 13:22:01+00", "${ID}", 3]`).toString('base64url')} | ${'extra parts'}
    ${Buffer.from(`{"r":"2026-12-02 13:22:01+00"}`).toString('base64url')}         | ${'an object'}
  `('should refuse a cursor it did not write: $why', ({ cursor }: { cursor: string }) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });

  it.each`
    query                            | fields                   | rule
    ${{}}                            | ${[]}                    | ${'status and time are open to a partner'}
    ${{ rag: 'RED' }}                | ${['rag']}               | ${'the rating is social care’s'}
    ${{ source: '2A', childId: ID }} | ${['source', 'childId']} | ${'the child’s record is not the partner’s'}
    ${{ agencyId: ID }}              | ${['agencyId']}          | ${'a partner sees its own agency only'}
  `(
    'should allow a partner $rule',
    ({ query, fields }: { query: Record<string, unknown>; fields: string[] }) => {
      expect(partnerFilterProblems(query).map((p) => p.field)).toEqual(fields);
    },
  );

  it.each`
    from                      | to                        | fields
    ${undefined}              | ${'2026-12-02T00:00:00Z'} | ${[]}
    ${'2026-12-01T00:00:00Z'} | ${'2026-12-02T00:00:00Z'} | ${[]}
    ${'2026-12-02T00:00:00Z'} | ${'2026-12-02T00:00:00Z'} | ${['to']}
    ${'2026-12-03T00:00:00Z'} | ${'2026-12-02T00:00:00Z'} | ${['to']}
  `(
    'should refuse an empty interval $from .. $to',
    ({ from, to, fields }: { from?: string; to?: string; fields: string[] }) => {
      expect(intervalProblems(from, to).map((p) => p.field)).toEqual(fields);
    },
  );
});
