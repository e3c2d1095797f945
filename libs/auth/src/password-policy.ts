// issue 14 item 8: the password rule (OWASP ASVS 5.0 level 2, NIST SP 800-63B): a length
// bound, a blocklist of common passwords and nothing personal. No composition rules (no
// "one digit, one symbol"): NIST says not to, they push people to predictable passwords.
// Pure: no I/O but loading the shipped list, once, the first time it is needed.

// counted in Unicode code points after NFKC, the form password-hasher.ts hashes
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblemCode = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'PERSONAL';

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

export interface PasswordContext {
  email?: string;
  name?: string;
}

export const PASSWORD_MESSAGES: Readonly<Record<PasswordProblemCode, string>> = {
  TOO_SHORT: `Password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  TOO_LONG: `Password must be at most ${PASSWORD_MAX_LENGTH} characters`,
  COMMON: 'Password is one of the most common passwords: choose another',
  PERSONAL: 'Password must not be your email address or name',
};

// the same comparison form for the password, the list and the user's details
function canonical(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

// @zxcvbn-ts/language-common's common-passwords dictionary (about 49,000 entries, lower case),
// shipped compressed and decompressed when the package is first required: so it is required
// here, on first use, rather than imported (which would cost every process that loads the
// auth library, checks passwords or not, the decompression and the memory)
let blocklist: ReadonlySet<string> | undefined;

function commonPasswords(): ReadonlySet<string> {
  if (!blocklist) {
    type LanguageCommon = typeof import('@zxcvbn-ts/language-common');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, see above
    const { dictionary } = require('@zxcvbn-ts/language-common') as LanguageCommon;
    blocklist = new Set(dictionary['passwords-common'].map(canonical));
  }
  return blocklist;
}

export function blocklistSize(): number {
  return commonPasswords().size;
}

// the user's email, its local part and their name, as given (empty ones ignored)
function personalValues({ email, name }: PasswordContext): string[] {
  const values: string[] = [];
  const address = email?.trim();
  if (address) {
    values.push(canonical(address));
    const at = address.lastIndexOf('@');
    if (at > 0) values.push(canonical(address.slice(0, at)));
  }
  const fullName = name?.trim();
  if (fullName) values.push(canonical(fullName));
  return values;
}

// every problem with the password, none when it is acceptable
export function checkPassword(password: string, context: PasswordContext = {}): PasswordProblem[] {
  const codes: PasswordProblemCode[] = [];
  const candidate = canonical(password);
  const length = [...password.normalize('NFKC')].length;
  if (length < PASSWORD_MIN_LENGTH) codes.push('TOO_SHORT');
  if (length > PASSWORD_MAX_LENGTH) codes.push('TOO_LONG');
  if (commonPasswords().has(candidate)) codes.push('COMMON');
  if (personalValues(context).includes(candidate)) codes.push('PERSONAL');
  return codes.map((code) => ({ code, message: PASSWORD_MESSAGES[code] }));
}
