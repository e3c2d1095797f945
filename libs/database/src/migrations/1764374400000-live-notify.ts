import type { MigrationInterface, QueryRunner } from 'typeorm';

// a transaction that writes live events notifies the other instances itself: NOTIFY is
// transactional (delivered at commit, never for a rollback), so no extra round trip after
// commit and no notification lost between a commit and a crash. Identical notifications in
// one transaction are delivered once.
export class LiveNotify1764374400000 implements MigrationInterface {
  name = 'LiveNotify1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function live_event_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('frontdoor_live', '');
        return null;
      end;
      $$`);
    await q.query(`
      create trigger tg_live_event_notify after insert on live_event
      for each statement execute function live_event_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger tg_live_event_notify on live_event`);
    await q.query(`drop function live_event_notify()`);
  }
}
