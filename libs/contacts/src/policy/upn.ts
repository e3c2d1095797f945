// DfE Unique Pupil Number (CIN schema upntype: [A-Za-z]\d{11}(\d|[A-Za-z])): a check letter,
// then the LA code (3 digits), the establishment (4), the year of allocation (2) and a serial
// (2 digits, then a digit, or a letter in a temporary UPN). The check letter is the sum of
// characters 2 to 13, each times its position (2..13), mod 23, as a letter of
// ABCDEFGHJKLMNPQRTUVWXYZ (no I, O or S); a letter at character 13 counts as its place in that
// same alphabet (A = 0).
const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
const SHAPE = /^[A-Z]\d{11}[0-9A-Z]$/;

export function normaliseUpn(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export function upnCheckLetter(body: string): string | null {
  if (!/^\d{11}[0-9A-Z]$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    let value: number;
    if (/\d/.test(ch)) value = Number(ch);
    else {
      value = CHECK_LETTERS.indexOf(ch);
      if (value < 0) return null;
    }
    sum += value * (i + 2);
  }
  return CHECK_LETTERS[sum % 23];
}

export function isValidUpn(value: string): boolean {
  const upn = normaliseUpn(value);
  if (!SHAPE.test(upn)) return false;
  return upnCheckLetter(upn.slice(1)) === upn[0];
}
