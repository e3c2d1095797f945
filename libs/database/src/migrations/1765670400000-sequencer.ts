import type { MigrationInterface, QueryRunner } from 'typeorm';

// issue 20 (decision 0031): no writer holds a global lock. A use case's transaction inserts its
// audit rows unchained (no chain position, no hashes) and its live events unsequenced (no seq,
// only what changed: the ref); the sequencer, one batch at a time under a transaction-scoped
// advisory lock, chains committed audit rows and sequences committed live events (projecting
// each from the state it then reads). journal_head and its lock go.
//
// audit_entry: chain_seq is the row's place in the hash chain (existing rows: their place in id
// order, the order they were chained in under the old lock); prev_hash and hash are set with it, once.
// The table stays append-only: the one update allowed sets the chain columns of an unchained
// row, content unchanged, in a transaction that took the chain lock through audit_chain_next
// (which marks the transaction); an insert cannot bring its own chain columns.
//
// live_event: id is the row (the pk); seq, payload and sequenced_at are set by the sequencer.
// NOTIFY now comes from the sequencer's update, once a batch, not from each writer's insert
// (NOTIFY takes a global lock at commit: writers would be serialised again).
export class Sequencer1765670400000 implements MigrationInterface {
  name = 'Sequencer1765670400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger tg_audit_entry_no_update_delete on audit_entry`);
    await q.query(`alter table audit_entry add column chain_seq bigint, add column chained_at timestamptz`);
    // their place in the old chain, numbered from 1 without the gaps a rolled-back id left
    await q.query(`
      update audit_entry a set chain_seq = r.n
        from (select id, row_number() over (order by id) as n from audit_entry) r where a.id = r.id`);
    await q.query(
      `alter table audit_entry alter column prev_hash drop not null, alter column hash drop not null`,
    );
    await q.query(`create unique index uq_audit_entry_chain_seq on audit_entry (chain_seq)`);
    await q.query(`create index ix_audit_entry_unchained on audit_entry (id) where chain_seq is null`);
    await q.query(`
      alter table audit_entry add constraint ck_audit_entry_chained
        check ((chain_seq is null) = (hash is null) and (chain_seq is null) = (prev_hash is null))`);
    await q.query(`alter table audit_entry alter column id set default nextval('audit_entry_id_seq')`);
    await q.query(`
      create function audit_entry_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          if new.chain_seq is not null or new.hash is not null or new.prev_hash is not null or new.chained_at is not null then
            raise exception 'audit_entry: a row is inserted unchained; the sequencer chains it'
              using errcode = 'insufficient_privilege';
          end if;
          return new;
        end if;
        if tg_op = 'UPDATE'
           and old.chain_seq is null and new.chain_seq is not null and new.hash is not null
           and new.prev_hash is not null and new.chained_at is not null
           and coalesce(current_setting('frontdoor.audit_chain', true), '') = 'on'
           and (new.id, new.occurred_at, new.actor_id, new.actor_role, new.actor_agency_id, new.action,
                new.entity_type, new.entity_id, new.correlation_id, new.details)
               is not distinct from
               (old.id, old.occurred_at, old.actor_id, old.actor_role, old.actor_agency_id, old.action,
                old.entity_type, old.entity_id, old.correlation_id, old.details) then
          return new;
        end if;
        raise exception 'audit_entry is append-only: % is not allowed', tg_op
          using errcode = 'insufficient_privilege';
      end;
      $$`);
    await q.query(`
      create trigger tg_audit_entry_guard before insert or update or delete on audit_entry
      for each row execute function audit_entry_guard()`);
    // the chain's next batch, in one round trip: takes the chain lock (held to commit, so batches
    // never interleave; a second sequencer waits, then sees this one's commit), marks the
    // transaction as the chainer's, and returns the committed unchained rows in id order with
    // the chain's head (its last position and hash) on each
    await q.query(`
      create function audit_chain_next(lock_key bigint, n int)
      returns table (head_seq bigint, head_hash text, id bigint, occurred_at timestamptz, actor_id uuid,
                     actor_role text, actor_agency_id uuid, action text, entity_type text, entity_id text,
                     correlation_id text, details jsonb)
      language plpgsql volatile as $$
      declare
        last_seq bigint;
        last_hash text;
      begin
        perform pg_advisory_xact_lock(lock_key);
        perform set_config('frontdoor.audit_chain', 'on', true);
        select a.chain_seq, a.hash::text into last_seq, last_hash
          from audit_entry a where a.chain_seq is not null order by a.chain_seq desc limit 1;
        return query
          select coalesce(last_seq, 0), last_hash, a.id, a.occurred_at, a.actor_id, a.actor_role,
                 a.actor_agency_id, a.action, a.entity_type, a.entity_id, a.correlation_id, a.details
            from audit_entry a where a.chain_seq is null order by a.id limit n;
      end;
      $$`);
    await q.query(`drop function journal_head(bigint, int)`);

    await q.query(`drop trigger tg_live_event_notify on live_event`);
    await q.query(`alter table live_event drop constraint pk_live_event`);
    await q.query(
      `alter table live_event add column id bigint, add column ref jsonb, add column sequenced_at timestamptz`,
    );
    await q.query(`update live_event set id = seq, sequenced_at = occurred_at`);
    await q.query(`create sequence live_event_id_seq as bigint owned by live_event.id`);
    await q.query(
      `select setval('live_event_id_seq', coalesce((select max(id) from live_event), 0) + 1, false)`,
    );
    await q.query(`
      alter table live_event alter column id set default nextval('live_event_id_seq'),
        alter column id set not null, alter column seq drop not null, alter column payload drop not null,
        add constraint pk_live_event primary key (id),
        add constraint ck_live_event_sequenced check ((seq is null) = (payload is null) and (seq is not null or ref is not null))`);
    await q.query(`create unique index uq_live_event_seq on live_event (seq)`);
    await q.query(`create index ix_live_event_unsequenced on live_event (id) where seq is null`);
    // the live sequencer's next batch: its lock, the last seq, the committed unsequenced events
    await q.query(`
      create function live_sequence_next(lock_key bigint, n int)
      returns table (head_seq bigint, id bigint, type text, ref jsonb)
      language plpgsql volatile as $$
      declare
        last_seq bigint;
      begin
        perform pg_advisory_xact_lock(lock_key);
        select coalesce(max(e.seq), 0) into last_seq from live_event e;
        return query
          select last_seq, e.id, e.type, e.ref from live_event e where e.seq is null order by e.id limit n;
      end;
      $$`);
    await q.query(`
      create trigger tg_live_event_notify after update on live_event
      for each statement execute function live_event_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger tg_live_event_notify on live_event`);
    await q.query(`drop function live_sequence_next(bigint, int)`);
    await q.query(`delete from live_event where seq is null`);
    await q.query(`drop index ix_live_event_unsequenced`);
    await q.query(`drop index uq_live_event_seq`);
    await q.query(
      `alter table live_event drop constraint ck_live_event_sequenced, drop constraint pk_live_event`,
    );
    await q.query(`alter table live_event drop column id, drop column ref, drop column sequenced_at`);
    await q.query(`alter table live_event alter column seq set not null, alter column payload set not null`);
    await q.query(`alter table live_event add constraint pk_live_event primary key (seq)`);
    await q.query(`
      create trigger tg_live_event_notify after insert on live_event
      for each statement execute function live_event_notify()`);

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
    await q.query(`drop function audit_chain_next(bigint, int)`);
    await q.query(`drop trigger tg_audit_entry_guard on audit_entry`);
    await q.query(`drop function audit_entry_guard()`);
    // unchained rows cannot go back under the old not-null columns: down refuses then
    await q.query(`alter table audit_entry alter column id drop default`);
    await q.query(`alter table audit_entry drop constraint ck_audit_entry_chained`);
    await q.query(`drop index ix_audit_entry_unchained`);
    await q.query(`drop index uq_audit_entry_chain_seq`);
    await q.query(
      `alter table audit_entry alter column prev_hash set not null, alter column hash set not null`,
    );
    await q.query(`alter table audit_entry drop column chain_seq, drop column chained_at`);
    await q.query(`
      create trigger tg_audit_entry_no_update_delete before update or delete on audit_entry
      for each row execute function audit_entry_is_append_only()`);
  }
}
