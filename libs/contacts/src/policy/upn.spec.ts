import { isValidUpn, normaliseUpn, upnCheckLetter } from './upn';

// DfE UPN check letter: characters 2..13 times their positions 2..13, summed, mod 23, as a
// letter of ABCDEFGHJKLMNPQRTUVWXYZ (no I, O, S); a letter at 13 (temporary UPN) counts as its
// place in that alphabet (A = 0)
describe('upnCheckLetter', () => {
  it.each`
    body              | expected | rule
    ${'123456789012'} | ${'A'}   | ${'1*2+2*3+3*4+4*5+5*6+6*7+7*8+8*9+9*10+0*11+1*12+2*13 = 368, 368 % 23 = 0 -> A'}
    ${'801204001011'} | ${'B'}   | ${'16+4+10+28+10+12+1*13 = 93, 93 % 23 = 1 -> B'}
    ${'801204001010'} | ${'M'}   | ${'80, 80 % 23 = 11 -> M (I is skipped)'}
    ${'80120400101A'} | ${'M'}   | ${'a temporary UPN: A counts 0, so as 801204001010'}
    ${'80120400101B'} | ${'B'}   | ${'B counts 1, so as 801204001011'}
    ${'80120400101I'} | ${null}  | ${'I is not in the alphabet'}
    ${'8012040010A1'} | ${null}  | ${'a letter only at character 13'}
    ${'80120400101'}  | ${null}  | ${'eleven characters'}
  `('should give $expected for $body ($rule)', ({ body, expected }) => {
    expect(upnCheckLetter(body)).toBe(expected);
  });
});

describe('isValidUpn', () => {
  it.each`
    value                 | expected | rule
    ${'A123456789012'}    | ${true}  | ${'the check letter A'}
    ${'B801204001011'}    | ${true}  | ${'the check letter B'}
    ${'M801204001010'}    | ${true}  | ${'the check letter M'}
    ${'M80120400101A'}    | ${true}  | ${'a temporary UPN, letter at 13'}
    ${'m80120400101a'}    | ${true}  | ${'lower case is the same UPN (the schema allows it)'}
    ${'B 8012 0400 1011'} | ${true}  | ${'spaces are ignored'}
    ${'B123456789012'}    | ${false} | ${'the check letter should be A'}
    ${'A801204001011'}    | ${false} | ${'the check letter should be B'}
    ${'N801204001010'}    | ${false} | ${'the check letter should be M'}
    ${'A12345678901'}     | ${false} | ${'twelve characters'}
    ${'A1234567890123'}   | ${false} | ${'fourteen characters'}
    ${'1123456789012'}    | ${false} | ${'a digit where the check letter goes'}
    ${'A12345678901I'}    | ${false} | ${'I is never a UPN letter'}
    ${'A1234567A9012'}    | ${false} | ${'characters 2 to 12 are digits'}
    ${''}                 | ${false} | ${'empty'}
  `('should be $expected for "$value" ($rule)', ({ value, expected }) => {
    expect(isValidUpn(value)).toBe(expected);
  });

  it('should normalise spaces and case', () => {
    expect(normaliseUpn(' m801 204001010 ')).toBe('M801204001010');
  });
});
