import type { DataSource } from 'typeorm';
import { LockKey } from './lock-keys';

// several instances may boot at once on one database: one migrates, the others wait
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('select pg_advisory_lock($1)', [LockKey.MIGRATIONS]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await runner.query('select pg_advisory_unlock($1)', [LockKey.MIGRATIONS]).catch(() => undefined);
    await runner.release();
  }
}
