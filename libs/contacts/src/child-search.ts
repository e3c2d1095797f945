import type { EntityManager } from 'typeorm';
import {
  dateOfBirthVariants,
  nameQuery,
  normalisePostcode,
  type Candidate,
  type SearchCriteria,
} from './policy/child-search';

// the register's side of child search: the candidates, each found through an index
// (migration 1764633600000-child-search: the expressions below are the indexed ones), with
// what the database measures of them; policy/child-search.ts scores and ranks them. A merged
// duplicate's tombstone is never a candidate (decision 0028): its rows are its kept record's

// the most candidates one way of finding them brings: enough to rank, flat in the register's size
export const CANDIDATES_PER_WAY = 200;

// how alike two whole names must be (pg_trgm similarity) for the trigram index to bring one:
// stricter than pg_trgm's 0.3, because a common first name shares enough trigrams with
// thousands of whole names on a large register (bench figure 11: 0.3 read about 4,500 rows
// for "Oliver Jones" at 200,000 children, 0.5 a third of the time); names that sound alike
// come by their phonetic codes whatever their spelling
export const NAME_CANDIDATE_SIMILARITY = 0.5;

const FULL_NAME = `lower(c.first_name || ' ' || c.last_name)`;
const POSTCODE = `upper(replace(c.postcode, ' ', ''))`;
const COLUMNS = `c.id, c.first_name, c.last_name, c.date_of_birth, c.postcode, c.nhs_number`;

export interface SearchStatement {
  sql: string;
  params: unknown[];
}

// one statement: a union of index scans (NHS number; trigram on the whole name; the names'
// phonetic codes; the dates of birth it could be; the postcode), then the measurements. With a
// name, a date or postcode brings only children whose name is like it (the same date alone
// is thousands of children on a large register, not candidates)
export function childSearchStatement(criteria: SearchCriteria): SearchStatement {
  const params: unknown[] = [];
  const p = (value: unknown, cast = 'text') => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const name = criteria.name ? nameQuery(criteria.name) : null;
  // the outer select measures against these whatever was given (an empty name is like nothing)
  const first = p(name?.first ?? '');
  const last = p(name?.last ?? '');
  const ways: string[] = [];
  const way = (where: string, order = '') =>
    ways.push(
      `(select ${COLUMNS} from child c where (${where}) and c.merged_into is null${order} limit ${CANDIDATES_PER_WAY})`,
    );

  if (criteria.nhsNumber) way(`c.nhs_number = ${p(criteria.nhsNumber, 'char(10)')}`);
  let nameLike = '';
  if (name) {
    const full = p(name.full);
    way(`${FULL_NAME} % ${full}`, ` order by similarity(${FULL_NAME}, ${full}) desc`);
    if (name.single) {
      way(`dmetaphone(c.last_name) = dmetaphone(${last})`);
      way(`dmetaphone(c.first_name) = dmetaphone(${first})`);
    } else {
      way(
        `dmetaphone(c.last_name) = dmetaphone(${last}) and dmetaphone(c.first_name) = dmetaphone(${first})`,
      );
    }
    nameLike = ` and (dmetaphone(c.last_name) = dmetaphone(${last}) or dmetaphone(c.first_name) = dmetaphone(${first})
                      or ${FULL_NAME} % ${full})`;
  }
  if (criteria.dateOfBirth) {
    const exact = p(criteria.dateOfBirth, 'date');
    way(
      `c.date_of_birth = any(${p(dateOfBirthVariants(criteria.dateOfBirth), 'date[]')})${nameLike}`,
      ` order by (c.date_of_birth = ${exact}) desc, c.id`,
    );
  }
  if (criteria.postcode)
    way(`${POSTCODE} = ${p(normalisePostcode(criteria.postcode))}${nameLike}`, ' order by c.id');

  const sql = `select k.id, k.first_name, k.last_name, to_char(k.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
         k.postcode, k.nhs_number,
         similarity(lower(k.first_name), lower(${first})) as first_similarity,
         similarity(lower(k.last_name), lower(${last})) as last_similarity,
         (dmetaphone(k.first_name) = dmetaphone(${first}) or soundex(k.first_name) = soundex(${first})) as first_sounds,
         (dmetaphone(k.last_name) = dmetaphone(${last}) or soundex(k.last_name) = soundex(${last})) as last_sounds
    from (${ways.join('\n union ')}) k`;
  return { sql, params };
}

interface CandidateRow {
  id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  postcode: string | null;
  nhs_number: string | null;
  first_similarity: number;
  last_similarity: number;
  first_sounds: boolean | null;
  last_sounds: boolean | null;
}

export async function childCandidates(
  manager: EntityManager,
  criteria: SearchCriteria,
): Promise<Candidate[]> {
  const { sql, params } = childSearchStatement(criteria);
  // for this transaction only (%, in the trigram and name-like conditions)
  if (criteria.name)
    await manager.query(`select set_config('pg_trgm.similarity_threshold', $1, true)`, [
      String(NAME_CANDIDATE_SIMILARITY),
    ]);
  const rows = (await manager.query(sql, params)) as CandidateRow[];
  return rows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: r.date_of_birth,
    postcode: r.postcode,
    nhsNumber: r.nhs_number,
    // an empty searched name (no name given) is like nothing
    first: { similarity: Number(r.first_similarity), soundsLike: !!criteria.name && r.first_sounds === true },
    last: { similarity: Number(r.last_similarity), soundsLike: !!criteria.name && r.last_sounds === true },
  }));
}
