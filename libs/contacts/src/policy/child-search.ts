import { isCalendarDate } from '@app/core';
import { normaliseName } from './child-match';

// DOMAIN.md "The child's record": search is fuzzy (similar names, phonetic codes, day and
// month swapped) and always shows why it matched. The database measures (trigram
// similarity, phonetic codes); this decides what a measurement means and how much it counts.

export const SEARCH_LIMIT = 20;

// how much each kind of agreement counts; a score is the points won over the points the
// search could win with the criteria it was given
export const WEIGHTS = {
  firstName: 0.2,
  lastName: 0.25,
  // a one-word name is compared with the first and with the last name, the better counts
  singleName: 0.25,
  dateOfBirth: 0.3,
  postcode: 0.1,
} as const;

// a match by sound or by spelling counts less than the same name
const SOUNDS_LIKE = 0.7;
// pg_trgm's default similarity threshold: below it two names are not alike
export const SIMILAR_AT = 0.3;
const DATE_SWAPPED = 0.7;
const DATE_ONE_DIGIT = 0.5;
// without the NHS number nothing is certain; with another NHS number it is another child
// (API.md Contacts) unless the number was mistyped, so it stays listed, well down
const WITHOUT_NHS = 0.95;
const OTHER_NHS = 0.5;

export interface SearchCriteria {
  name?: string;
  dateOfBirth?: string;
  nhsNumber?: string;
  postcode?: string;
}

export type CriterionName = keyof SearchCriteria;

// "Aimee Smith": the last word is the last name, the rest the first; one word is either
export interface NameQuery {
  full: string;
  first: string;
  last: string;
  single: boolean;
}

export function nameQuery(name: string): NameQuery {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) {
    const word = words[0] ?? '';
    return { full: word, first: word, last: word, single: true };
  }
  return {
    full: words.join(' '),
    first: words.slice(0, -1).join(' '),
    last: words[words.length - 1],
    single: false,
  };
}

export function criteriaGiven(criteria: SearchCriteria): CriterionName[] {
  return (['name', 'dateOfBirth', 'nhsNumber', 'postcode'] as const).filter((k) => !!criteria[k]);
}

// postcodes compare without spaces or case: 'ts5 7aa' is 'TS5 7AA'
export function normalisePostcode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export type DateRelation = 'SAME' | 'DAY_MONTH_SWAPPED' | 'ONE_DIGIT_OFF' | 'OTHER';

// how a recorded date of birth stands to the one searched for: the same, day and month
// transposed (04/05 for 05/04: UK and US order), or one digit mistyped
export function dateRelation(searched: string, recorded: string): DateRelation {
  if (searched === recorded) return 'SAME';
  if (swapDayMonth(searched) === recorded) return 'DAY_MONTH_SWAPPED';
  const [a, b] = [searched.replace(/-/g, ''), recorded.replace(/-/g, '')];
  let differing = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) differing += 1;
  return a.length === b.length && differing === 1 ? 'ONE_DIGIT_OFF' : 'OTHER';
}

function swapDayMonth(date: string): string | null {
  const [year, month, day] = date.split('-');
  const swapped = `${year}-${day}-${month}`;
  return swapped !== date && isCalendarDate(swapped) ? swapped : null;
}

// every real date the searched one could have been recorded as: itself, day and month
// swapped, each digit of YYYYMMDD typed as another (the candidates the date index is asked for)
export function dateOfBirthVariants(date: string): string[] {
  const variants = new Set<string>([date]);
  const swapped = swapDayMonth(date);
  if (swapped) variants.add(swapped);
  const digits = date.replace(/-/g, '');
  for (let i = 0; i < digits.length; i += 1) {
    for (let d = 0; d <= 9; d += 1) {
      const typed = `${digits.slice(0, i)}${d}${digits.slice(i + 1)}`;
      const candidate = `${typed.slice(0, 4)}-${typed.slice(4, 6)}-${typed.slice(6, 8)}`;
      if (isCalendarDate(candidate)) variants.add(candidate);
    }
  }
  return [...variants];
}

// one part of the name as the database measured it against the candidate
export interface NamePartFacts {
  // trigram similarity 0..1 (pg_trgm similarity of the lower-cased names)
  similarity: number;
  // the phonetic codes agree (double metaphone or soundex)
  soundsLike: boolean;
}

export interface Candidate {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  first: NamePartFacts;
  last: NamePartFacts;
}

export interface ScoredCandidate {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  score: number;
  reasons: string[];
}

interface Part {
  points: number;
  reason: string | null;
}

const NONE: Part = { points: 0, reason: null };

// exact (names compare as at intake: case and spaces aside), then by sound, then by spelling
function namePart(
  label: string,
  searched: string,
  recorded: string,
  facts: NamePartFacts,
  weight: number,
): Part {
  if (normaliseName(searched) === normaliseName(recorded))
    return { points: weight, reason: `${label} matches` };
  if (facts.soundsLike) return { points: weight * SOUNDS_LIKE, reason: `${label} sounds like ${searched}` };
  if (facts.similarity >= SIMILAR_AT)
    return {
      points: weight * SOUNDS_LIKE * facts.similarity,
      reason: `${label} is spelt like ${searched} (${Math.round(facts.similarity * 100)}% alike)`,
    };
  return NONE;
}

function better(a: Part, b: Part): Part {
  return b.points > a.points ? b : a;
}

function datePart(searched: string, recorded: string | null): Part {
  if (!recorded) return NONE;
  switch (dateRelation(searched, recorded)) {
    case 'SAME':
      return { points: WEIGHTS.dateOfBirth, reason: 'date of birth matches' };
    case 'DAY_MONTH_SWAPPED':
      return {
        points: WEIGHTS.dateOfBirth * DATE_SWAPPED,
        reason: 'date of birth with day and month swapped',
      };
    case 'ONE_DIGIT_OFF':
      return { points: WEIGHTS.dateOfBirth * DATE_ONE_DIGIT, reason: 'date of birth one digit off' };
    default:
      return NONE;
  }
}

// the most a search with these criteria can win, the NHS number aside
function possible(criteria: SearchCriteria, name: NameQuery | null): number {
  return (
    (name ? (name.single ? WEIGHTS.singleName : WEIGHTS.firstName + WEIGHTS.lastName) : 0) +
    (criteria.dateOfBirth ? WEIGHTS.dateOfBirth : 0) +
    (criteria.postcode ? WEIGHTS.postcode : 0)
  );
}

// a candidate's score (0..1) and why; null when nothing searched for agrees with it
export function scoreCandidate(criteria: SearchCriteria, candidate: Candidate): ScoredCandidate | null {
  const name = criteria.name ? nameQuery(criteria.name) : null;
  const parts: Part[] = [];
  if (name?.single) {
    parts.push(
      better(
        namePart('name', name.first, candidate.firstName, candidate.first, WEIGHTS.singleName),
        namePart('name', name.last, candidate.lastName, candidate.last, WEIGHTS.singleName),
      ),
    );
  } else if (name) {
    const first = namePart('first name', name.first, candidate.firstName, candidate.first, WEIGHTS.firstName);
    const last = namePart('last name', name.last, candidate.lastName, candidate.last, WEIGHTS.lastName);
    if (first.points === WEIGHTS.firstName && last.points === WEIGHTS.lastName)
      parts.push({ points: first.points + last.points, reason: 'first and last names match' });
    else parts.push(first, last);
  }
  if (criteria.dateOfBirth) parts.push(datePart(criteria.dateOfBirth, candidate.dateOfBirth));
  if (
    criteria.postcode &&
    candidate.postcode &&
    normalisePostcode(criteria.postcode) === normalisePostcode(candidate.postcode)
  )
    parts.push({ points: WEIGHTS.postcode, reason: 'same postcode' });

  const won = parts.reduce((sum, p) => sum + p.points, 0);
  const reasons = parts.map((p) => p.reason).filter((r): r is string => r !== null);
  const max = possible(criteria, name);
  let score = max > 0 ? won / max : 0;
  if (criteria.nhsNumber && candidate.nhsNumber === criteria.nhsNumber) {
    score = 1;
    reasons.unshift('NHS number matches');
  } else if (criteria.nhsNumber && candidate.nhsNumber) {
    score *= OTHER_NHS;
    if (reasons.length > 0) reasons.push('NHS number differs');
  } else {
    score *= WITHOUT_NHS;
  }
  if (reasons.length === 0) return null;
  return {
    id: candidate.id,
    firstName: candidate.firstName,
    lastName: candidate.lastName,
    dateOfBirth: candidate.dateOfBirth,
    score: Math.round(score * 100) / 100,
    reasons,
  };
}

// the candidates that agree with anything searched for, best first (then by name, so one
// search gives one order), at most SEARCH_LIMIT
export function rankCandidates(criteria: SearchCriteria, candidates: Candidate[]): ScoredCandidate[] {
  return candidates
    .map((c) => scoreCandidate(criteria, c))
    .filter((c): c is ScoredCandidate => c !== null)
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.lastName.localeCompare(b.lastName, 'en') ||
        a.firstName.localeCompare(b.firstName, 'en') ||
        a.id.localeCompare(b.id),
    )
    .slice(0, SEARCH_LIMIT);
}
