import type { MigrationInterface, QueryRunner } from 'typeorm';

// child search (issue 17): trigram similarity (pg_trgm) and phonetic codes (fuzzystrmatch),
// both shipped with PostgreSQL, and an index under every way a candidate is found, so a
// search reads the candidates, never the whole register. The expressions here are the ones
// libs/contacts/src/child-search.ts asks for, character for character.
export class ChildSearch1764633600000 implements MigrationInterface {
  name = 'ChildSearch1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create extension if not exists pg_trgm`);
    await q.query(`create extension if not exists fuzzystrmatch`);
    // the whole name, lower-cased, for trigram similarity (%)
    await q.query(`
      create index ix_child_search_name on child
        using gin ((lower(first_name || ' ' || last_name)) gin_trgm_ops)`);
    // "sounds like": double metaphone of the last name (with the first), and of the first alone
    await q.query(
      `create index ix_child_last_name_sound on child (dmetaphone(last_name), dmetaphone(first_name))`,
    );
    await q.query(`create index ix_child_first_name_sound on child (dmetaphone(first_name))`);
    await q.query(`create index ix_child_date_of_birth on child (date_of_birth)`);
    // postcodes compare without spaces or case
    await q.query(`create index ix_child_postcode on child (upper(replace(postcode, ' ', '')))`);
    // nhs_number already has uq_child_nhs_number's index
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index ix_child_postcode`);
    await q.query(`drop index ix_child_date_of_birth`);
    await q.query(`drop index ix_child_first_name_sound`);
    await q.query(`drop index ix_child_last_name_sound`);
    await q.query(`drop index ix_child_search_name`);
    // the extensions stay: other objects may have come to use them
  }
}
