import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 64;
const BLOCK_SIZE = 8;
const PARALLEL = 1;

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  const N = 2 ** cost;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N, r: BLOCK_SIZE, p: PARALLEL, maxmem: 256 * N * BLOCK_SIZE },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

// scrypt (memory-hard, built into node): `scrypt$<cost>$<salt>$<key>`, so the cost can
// rise later without breaking stored hashes
export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

// the costs PASSWORD_HASH_COST allows; a stored hash outside them is treated as corrupt
export const MIN_HASH_COST = 10;
export const MAX_HASH_COST = 20;

// false for anything malformed: a bad row must read as a failed sign-in, never as a 500
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, costText, saltText, keyText, ...rest] = stored.split('$');
  const cost = /^\d{1,2}$/.test(costText ?? '') ? Number(costText) : NaN;
  if (scheme !== 'scrypt' || rest.length > 0 || !saltText || !keyText) return false;
  if (!(cost >= MIN_HASH_COST && cost <= MAX_HASH_COST)) return false;
  const expected = Buffer.from(keyText, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  try {
    const actual = await derive(password, Buffer.from(saltText, 'base64url'), cost);
    return timingSafeEqual(expected, actual);
  } catch {
    return false;
  }
}
