import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// secrets we generate ourselves (setup codes, client secrets, recovery codes) carry at least
// 80 bits of randomness, so a fast keyed-less hash is enough to store them (unlike passwords,
// which people choose and scrypt protects)
export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

// a code a person types: groups of Crockford base32 (no I, L, O, U), e.g. 7K3Q-9XPM-...
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function typeableCode(groups: number, groupLength = 4): string {
  const bytes = randomBytes(groups * groupLength);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  const parts: string[] = [];
  for (let i = 0; i < groups; i += 1)
    parts.push(chars.slice(i * groupLength, (i + 1) * groupLength).join(''));
  return parts.join('-');
}

// how a typed code is compared: case, spaces and dashes do not matter
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret));
  const expected = Buffer.from(storedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
