// API.md Contacts: the same child is recognised by NHS number, else by first name + last name
// + date of birth (case- and space-insensitive); this gives the second of those a key

// typed apostrophes and dashes differ by keyboard (phones insert curly ones), not by child
const APOSTROPHES = /[\u2018\u2019\u02bc]/g;
const HYPHENS = /[\u2010-\u2014\u2212]/g;

// NFKC folds full-width letters, ligatures and composed/decomposed accents to one form; it
// runs again last because removing a space can leave an accent next to a letter
export function normaliseName(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
    .normalize('NFKC');
}

// null when a child cannot be matched by name: no date of birth (an unborn child or an unknown
// date is matched by NHS number only), or a blank name that would match every other blank name
export function childMatchKey(
  firstName: string,
  lastName: string,
  dateOfBirth: string | null | undefined,
): string | null {
  if (!dateOfBirth) return null;
  const first = normaliseName(firstName);
  const last = normaliseName(lastName);
  if (!first || !last) return null;
  return `${first}|${last}|${dateOfBirth}`;
}
