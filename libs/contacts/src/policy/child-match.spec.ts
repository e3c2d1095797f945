import fc from 'fast-check';
import { childMatchKey, normaliseName } from './child-match';

// API.md Contacts: the same child is recognised by NHS number, else by first name + last name
// + date of birth (case- and space-insensitive)
describe('normaliseName', () => {
  it.each`
    value                   | expected           | rule
    ${'  Mary  Ann '}       | ${'maryann'}       | ${'API.md Contacts: space-insensitive, every space removed'}
    ${'MARY'}               | ${'mary'}          | ${'API.md Contacts: case-insensitive'}
    ${'Mary\tAnn\n'}        | ${'maryann'}       | ${'tabs and newlines are whitespace too'}
    ${'Mary\u00a0Ann'}      | ${'maryann'}       | ${'a no-break space from a pasted document'}
    ${'ＭＡＲＹ'}           | ${'mary'}          | ${'NFKC: full-width letters'}
    ${'Zo\u00eb'}           | ${'zo\u00eb'}      | ${'NFKC: a composed accent stays composed'}
    ${'Zoe\u0308'}          | ${'zo\u00eb'}      | ${'NFKC: a decomposed accent is composed'}
    ${'\ufb01fi'}           | ${'fifi'}          | ${'NFKC: the fi ligature is two letters'}
    ${"O'Brien-Smith"}      | ${"o'brien-smith"} | ${'hyphens and apostrophes are kept'}
    ${'O\u2019Brien'}       | ${"o'brien"}       | ${'a curly apostrophe (phone keyboards) is the plain one'}
    ${'Smith\u2010Jones'}   | ${'smith-jones'}   | ${'a typographic hyphen is the plain one'}
    ${'Smith \u2013 Jones'} | ${'smith-jones'}   | ${'an en dash between spaces is a hyphen'}
    ${'   '}                | ${''}              | ${'only spaces leaves nothing'}
  `('should return $expected when the name is $value ($rule)', ({ value, expected }) => {
    expect(normaliseName(value)).toBe(expected);
  });

  it.each`
    a                | b               | rule
    ${'Smith-Jones'} | ${'SmithJones'} | ${'a hyphen is part of the name, not a space'}
    ${"O'Brien"}     | ${'OBrien'}     | ${'an apostrophe is part of the name, not a space'}
    ${'Zoë'}         | ${'Zoe'}        | ${'an accent is part of the name'}
  `('should tell $a and $b apart when $rule', ({ a, b }) => {
    expect(normaliseName(a)).not.toBe(normaliseName(b));
  });

  it('should give the same result when a normalised name is normalised again', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (value) => {
        const once = normaliseName(value);
        expect(normaliseName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('should ignore case and spacing when the name is written in ASCII letters and spaces', () => {
    const name = fc.stringMatching(/^[A-Za-z ]{0,20}$/);
    fc.assert(
      fc.property(name, (value) => {
        expect(normaliseName(value.toUpperCase())).toBe(normaliseName(value.replace(/ /g, '').toLowerCase()));
      }),
      { numRuns: 500 },
    );
  });
});

describe('childMatchKey', () => {
  it.each`
    firstName      | lastName   | dateOfBirth     | expected                      | rule
    ${'Mary Ann'}  | ${'Smith'} | ${'2019-04-01'} | ${'maryann|smith|2019-04-01'} | ${'API.md Contacts: first name + last name + date of birth'}
    ${' MARYANN '} | ${'SMITH'} | ${'2019-04-01'} | ${'maryann|smith|2019-04-01'} | ${'API.md Contacts: case- and space-insensitive'}
    ${'Mary'}      | ${'Smith'} | ${null}         | ${null}                       | ${'no date of birth: matched by NHS number only'}
    ${'Mary'}      | ${'Smith'} | ${undefined}    | ${null}                       | ${'an unborn child has no date of birth: NHS number only'}
    ${'Mary'}      | ${'Smith'} | ${''}           | ${null}                       | ${'an empty date of birth is no date of birth'}
    ${'  '}        | ${'Smith'} | ${'2019-04-01'} | ${null}                       | ${'a blank first name must not match every other blank first name'}
    ${'Mary'}      | ${''}      | ${'2019-04-01'} | ${null}                       | ${'a blank last name must not match every other blank last name'}
  `(
    'should return $expected when the child is $firstName $lastName born $dateOfBirth ($rule)',
    ({ firstName, lastName, dateOfBirth, expected }) => {
      expect(childMatchKey(firstName, lastName, dateOfBirth)).toBe(expected);
    },
  );

  it.each`
    a                                      | b                                     | same     | rule
    ${['Mary Ann', 'Smith', '2019-04-01']} | ${['maryann', 'SMITH', '2019-04-01']} | ${true}  | ${'API.md Contacts: same child whatever the case and spacing'}
    ${['Mary', 'Smith', '2019-04-01']}     | ${['Mary', 'Smith', '2019-04-02']}    | ${false} | ${'API.md Contacts: another date of birth is another child'}
    ${['Mary', 'Smith', '2019-04-01']}     | ${['Marie', 'Smith', '2019-04-01']}   | ${false} | ${'API.md Contacts: another first name is another child'}
    ${['Mary', 'Smith', '2019-04-01']}     | ${['Smith', 'Mary', '2019-04-01']}    | ${false} | ${'first and last names are not interchangeable'}
  `('should say same = $same when $rule', ({ a, b, same }) => {
    const [keyA, keyB] = [childMatchKey(a[0], a[1], a[2]), childMatchKey(b[0], b[1], b[2])];
    expect(keyA === keyB).toBe(same);
  });
});
