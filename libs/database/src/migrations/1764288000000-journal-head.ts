import type { MigrationInterface, QueryRunner } from 'typeorm';

// the journal's head in one round trip: takes the journal lock, then (a volatile function's
// next statement has a fresh snapshot, so it sees the previous holder's commit) reads the
// chain's last hash and takes the ids for the rows about to be written
export class JournalHead1764288000000 implements MigrationInterface {
  name = 'JournalHead1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function journal_head(lock_key bigint, n int) returns table (prev text, ids text[])
      language plpgsql volatile as $$
      begin
        perform pg_advisory_xact_lock(lock_key);
        return query
          select (select a.hash::text from audit_entry a order by a.id desc limit 1),
                 array(select nextval('audit_entry_id_seq')::text from generate_series(1, n));
      end;
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function journal_head(bigint, int)`);
  }
}
