import { createHash } from 'node:crypto';
import { auditHash, GENESIS_HASH, type HashedContent } from './audit-hash';

const entry: HashedContent = {
  id: '42',
  occurredAt: new Date('2026-01-19T10:15:30.123Z'),
  actorId: '5b0c6a4e-6a3e-4f57-9a1b-2f0f3f1a9c01',
  actorRole: 'SCREENER',
  actorAgencyId: '0e7c2a1d-3b4f-4c5e-8d9f-a0b1c2d3e4f5',
  action: 'CONTACT_CREATED',
  entityType: 'contact',
  entityId: 'c-1001',
  correlationId: 'corr-1',
  details: { rating: 'RED', children: 2, overridden: false, reasons: ['CSE', 'MISSING'], previous: null },
};

const PREV = 'a'.repeat(64);

describe('auditHash', () => {
  it('should return 64 lowercase hex characters when hashing an entry', () => {
    expect(auditHash(PREV, entry)).toMatch(/^[0-9a-f]{64}$/);
  });

  // audit-hash.ts: sha256 over prevHash, a newline and the canonical content; stored chains depend on this exact form
  it('should return the sha256 of prevHash, newline and the sorted content when hashing the sample entry', () => {
    const content =
      '{"action":"CONTACT_CREATED","actorAgencyId":"0e7c2a1d-3b4f-4c5e-8d9f-a0b1c2d3e4f5",' +
      '"actorId":"5b0c6a4e-6a3e-4f57-9a1b-2f0f3f1a9c01","actorRole":"SCREENER","correlationId":"corr-1",' +
      '"details":{"children":2,"overridden":false,"previous":null,"rating":"RED","reasons":["CSE","MISSING"]},' +
      '"entityId":"c-1001","entityType":"contact","id":"42","occurredAt":"2026-01-19T10:15:30.123Z"}';
    const expected = createHash('sha256').update(`${PREV}\n${content}`).digest('hex');
    expect(auditHash(PREV, entry)).toBe(expected);
    expect(expected).toBe('3c2efb8b31fc16ecbaf2c855a5a5940b3bb0e66bed5b1fd64c01cbea70169b04');
  });

  it('should return the same hash when the same entry is hashed twice', () => {
    expect(auditHash(PREV, entry)).toBe(auditHash(PREV, { ...entry, details: { ...entry.details } }));
  });

  it('should return the same hash when the details keys come back from jsonb in another order', () => {
    const reordered = {
      previous: null,
      reasons: ['CSE', 'MISSING'],
      overridden: false,
      children: 2,
      rating: 'RED',
    };
    expect(auditHash(PREV, { ...entry, details: reordered })).toBe(auditHash(PREV, entry));
  });

  it('should return the same hash when occurredAt is another Date for the same instant', () => {
    expect(auditHash(PREV, { ...entry, occurredAt: new Date(entry.occurredAt.getTime()) })).toBe(
      auditHash(PREV, entry),
    );
  });

  // audit-hash.ts: each row's hash covers its content, so editing any field breaks the chain
  it.each`
    field              | value
    ${'id'}            | ${'43'}
    ${'occurredAt'}    | ${new Date('2026-01-19T10:15:30.124Z')}
    ${'actorId'}       | ${'6b0c6a4e-6a3e-4f57-9a1b-2f0f3f1a9c02'}
    ${'actorId'}       | ${null}
    ${'actorRole'}     | ${'MANAGER'}
    ${'actorRole'}     | ${null}
    ${'actorAgencyId'} | ${'1e7c2a1d-3b4f-4c5e-8d9f-a0b1c2d3e4f5'}
    ${'actorAgencyId'} | ${null}
    ${'action'}        | ${'CONTACT_VIEWED'}
    ${'entityType'}    | ${'decision'}
    ${'entityId'}      | ${'c-1002'}
    ${'entityId'}      | ${null}
    ${'correlationId'} | ${'corr-2'}
    ${'correlationId'} | ${null}
    ${'details'}       | ${{ ...entry.details, rating: 'AMBER' }}
    ${'details'}       | ${{ ...entry.details, reasons: ['MISSING', 'CSE'] }}
    ${'details'}       | ${{ ...entry.details, extra: 1 }}
    ${'details'}       | ${{ ...entry.details, children: '2' }}
    ${'details'}       | ${{}}
  `(
    'should change the hash when $field changes to $value',
    ({ field, value }: { field: keyof HashedContent; value: unknown }) => {
      const changed = { ...entry, [field]: value } as HashedContent;
      expect(auditHash(PREV, changed)).not.toBe(auditHash(PREV, entry));
    },
  );

  it('should cover every field of HashedContent when the change table is built', () => {
    // guards the table above: a new content field must be added to it
    const covered = [
      'id',
      'occurredAt',
      'actorId',
      'actorRole',
      'actorAgencyId',
      'action',
      'entityType',
      'entityId',
    ];
    covered.push('correlationId', 'details');
    expect(Object.keys(entry).sort()).toEqual(covered.sort());
  });

  // audit-hash.ts: each row's hash covers the previous row's hash, so removing a row breaks every hash after it
  it.each([GENESIS_HASH, 'b'.repeat(64), `${'a'.repeat(63)}b`])(
    'should change the hash when prevHash is %s instead of the original',
    (other) => {
      expect(auditHash(other, entry)).not.toBe(auditHash(PREV, entry));
    },
  );

  it('should chain when each hash is the next prevHash', () => {
    const first = auditHash(GENESIS_HASH, entry);
    const second = auditHash(first, { ...entry, id: '43' });
    expect(second).not.toBe(first);
    expect(auditHash(auditHash(GENESIS_HASH, entry), { ...entry, id: '43' })).toBe(second);
  });

  // audit-hash.ts: a row read back carries its own hashes, which must not be hashed
  it.each`
    extra
    ${{ prevHash: PREV, hash: 'f'.repeat(64) }}
    ${{ prevHash: GENESIS_HASH, hash: '0'.repeat(64) }}
    ${{ somethingElse: 'ignored' }}
  `('should ignore $extra when the entry object carries extra properties', ({ extra }) => {
    const row = { ...entry, ...(extra as Record<string, unknown>) } as HashedContent;
    expect(auditHash(PREV, row)).toBe(auditHash(PREV, entry));
  });

  it('should throw when occurredAt is an invalid Date', () => {
    expect(() => auditHash(PREV, { ...entry, occurredAt: new Date('not a date') })).toThrow(RangeError);
  });
});

describe('GENESIS_HASH', () => {
  it('should be 64 zeros when the chain starts', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    expect(GENESIS_HASH).toHaveLength(64);
  });
});
