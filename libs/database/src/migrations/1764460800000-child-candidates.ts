import type { MigrationInterface, QueryRunner } from 'typeorm';

// child matching in one round trip: takes the advisory locks on the match keys (in the order
// given), then (a volatile function's next statement has a fresh snapshot, so it sees a child
// another intake committed while we waited) returns the records that could be this child
export class ChildCandidates1764460800000 implements MigrationInterface {
  name = 'ChildCandidates1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function child_candidates(p_lock_keys text[], p_nhs text, p_match_key text) returns setof child
      language plpgsql volatile as $$
      declare
        k text;
      begin
        foreach k in array p_lock_keys loop
          perform pg_advisory_xact_lock(hashtext(k));
        end loop;
        return query
          select * from child c
           where (p_nhs is not null and c.nhs_number = p_nhs)
              or (p_match_key is not null and c.match_key = p_match_key)
           order by c.created_at;
      end;
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function child_candidates(text[], text, text)`);
  }
}
