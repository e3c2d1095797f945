import { hashSecret, normaliseCode, typeableCode } from '../secrets';

// issue 14 item 6: ten single-use recovery codes, stored hashed
export const RECOVERY_CODE_COUNT = 10;
// four groups of four Crockford base32 characters: 80 bits each (secrets.ts)
const RECOVERY_CODE_GROUPS = 4;

export interface RecoveryCodes {
  // shown to the user once
  codes: string[];
  // kept, as sign-in compares them (second-factor.ts)
  hashes: string[];
}

export function newRecoveryCodes(): RecoveryCodes {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(typeableCode(RECOVERY_CODE_GROUPS));
  const list = [...codes];
  return { codes: list, hashes: list.map((code) => hashSecret(normaliseCode(code))) };
}
