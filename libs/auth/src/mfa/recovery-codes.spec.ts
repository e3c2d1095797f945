import { hashSecret, normaliseCode } from '../secrets';
import { newRecoveryCodes, RECOVERY_CODE_COUNT } from './recovery-codes';

describe('newRecoveryCodes', () => {
  it('should give ten distinct codes when a user confirms MFA (issue 14 item 6)', () => {
    const { codes } = newRecoveryCodes();
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
  });

  it('should make each code 16 Crockford base32 characters (80 bits) when it is generated', () => {
    for (const code of newRecoveryCodes().codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    }
  });

  it('should keep only hashes of the normalised codes when they are stored', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(hashes).toEqual(codes.map((code) => hashSecret(normaliseCode(code))));
    for (const [i, code] of codes.entries()) {
      expect(hashes[i]).not.toContain(code);
      expect(hashSecret(normaliseCode(code.toLowerCase().replace(/-/g, ' ')))).toBe(hashes[i]);
    }
  });
});
