import { hashSecret, normaliseCode, randomSecret, secretMatches, typeableCode } from './secrets';

// Crockford base32: the digits and the letters without I, L, O and U
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('typeableCode', () => {
  it.each`
    groups | groupLength  | shape                                                           | rule
    ${1}   | ${undefined} | ${/^[0-9A-HJKMNP-TV-Z]{4}$/}                                    | ${'secrets.ts: one group of four by default'}
    ${4}   | ${undefined} | ${/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/}         | ${'secrets.ts: groups joined by dashes, e.g. 7K3Q-9XPM-...'}
    ${2}   | ${5}         | ${/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/}              | ${'secrets.ts: groups of the given length'}
    ${3}   | ${1}         | ${/^[0-9A-HJKMNP-TV-Z]-[0-9A-HJKMNP-TV-Z]-[0-9A-HJKMNP-TV-Z]$/} | ${'secrets.ts: groups of one'}
  `(
    'should give $groups groups of Crockford base32 when asked for $groups groups of $groupLength ($rule)',
    ({ groups, groupLength, shape }: { groups: number; groupLength?: number; shape: RegExp }) => {
      for (let i = 0; i < 50; i += 1) expect(typeableCode(groups, groupLength)).toMatch(shape);
    },
  );

  // secrets.ts: a person types it, so no I, L, O or U to mistake for 1, 1, 0 or V; every one of
  // the 32 characters is used (5 bits a character)
  it('should use every character of the alphabet and no other when many codes are made', () => {
    const seen = new Set(Array.from({ length: 500 }, () => normaliseCode(typeableCode(4))).join(''));
    expect([...seen].sort().join('')).toBe(ALPHABET);
  });

  it('should give different codes when asked twice', () => {
    const codes = new Set(Array.from({ length: 100 }, () => typeableCode(4)));
    expect(codes.size).toBe(100);
  });
});

describe('normaliseCode', () => {
  // secrets.ts: case, spaces and dashes do not matter when a typed code is compared
  it.each`
    typed              | expected       | rule
    ${'7K3Q-9XPM'}     | ${'7K3Q9XPM'}  | ${'secrets.ts: the dashes go'}
    ${'7k3q-9xpm'}     | ${'7K3Q9XPM'}  | ${'secrets.ts: case does not matter'}
    ${'7K3Q 9XPM'}     | ${'7K3Q9XPM'}  | ${'secrets.ts: spaces instead of dashes'}
    ${'  7K3Q9XPM\n'}  | ${'7K3Q9XPM'}  | ${'secrets.ts: pasted with whitespace around'}
    ${'7K3Q\t-- 9XPM'} | ${'7K3Q9XPM'}  | ${'secrets.ts: any mix of whitespace and dashes'}
    ${'7K3Q9XPM'}      | ${'7K3Q9XPM'}  | ${'secrets.ts: already normal'}
    ${'7K3Q_9XPM'}     | ${'7K3Q_9XPM'} | ${'secrets.ts: other punctuation is kept (and will not match)'}
    ${''}              | ${''}          | ${'secrets.ts: nothing typed'}
  `(
    'should read "$expected" when "$typed" is typed ($rule)',
    ({ typed, expected }: { typed: string; expected: string }) => {
      expect(normaliseCode(typed)).toBe(expected);
    },
  );

  it('should read a code the same when it is typed in lower case with spaces', () => {
    const code = typeableCode(4);
    expect(normaliseCode(code.toLowerCase().replace(/-/g, ' '))).toBe(normaliseCode(code));
  });
});

describe('randomSecret', () => {
  it.each`
    bytes        | length | rule
    ${undefined} | ${32}  | ${'secrets.ts: 24 random bytes by default, at least 80 bits'}
    ${32}        | ${43}  | ${'secrets.ts: the given number of bytes, base64url'}
  `(
    'should give $length base64url characters when asked for $bytes bytes ($rule)',
    ({ bytes, length }: { bytes?: number; length: number }) => {
      expect(randomSecret(bytes)).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
    },
  );

  it('should give different secrets when asked twice', () => {
    expect(randomSecret()).not.toBe(randomSecret());
  });
});

describe('hashSecret and secretMatches', () => {
  const secret = randomSecret();
  const stored = hashSecret(secret);

  // secrets.ts: a generated secret is stored as its SHA-256, base64url
  it('should give the SHA-256 of the secret in base64url when a secret is hashed', () => {
    expect(hashSecret('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(hashSecret(secret)).toBe(stored);
    expect(stored).not.toContain(secret);
  });

  it.each`
    given                   | against                   | matches  | rule
    ${secret}               | ${stored}                 | ${true}  | ${'secrets.ts: the secret that was stored'}
    ${'é-secret'}           | ${hashSecret('é-secret')} | ${true}  | ${'secrets.ts: hashed as UTF-8'}
    ${`${secret}x`}         | ${stored}                 | ${false} | ${'secrets.ts: another secret'}
    ${secret.toUpperCase()} | ${stored}                 | ${false} | ${'secrets.ts: compared exactly (case matters)'}
    ${''}                   | ${stored}                 | ${false} | ${'secrets.ts: nothing given'}
    ${secret}               | ${secret}                 | ${false} | ${'secrets.ts: the stored value is a hash, never the secret'}
    ${secret}               | ${stored.slice(0, -1)}    | ${false} | ${'secrets.ts: a stored hash of another length'}
    ${secret}               | ${''}                     | ${false} | ${'secrets.ts: no stored hash'}
    ${secret}               | ${stored.toLowerCase()}   | ${false} | ${'secrets.ts: a stored hash with one difference or more'}
  `(
    'should answer $matches when checking a secret against a stored hash ($rule)',
    ({ given, against, matches }: { given: string; against: string; matches: boolean }) => {
      expect(secretMatches(given, against)).toBe(matches);
    },
  );
});
