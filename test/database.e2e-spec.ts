import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS, runMigrations } from '@app/database';
import { DEMO_USERS, seedDemoWorld } from '@app/auth';
import { createTestApp, withAdmin } from './support/test-app';
import { TEST_ENV } from './support/test-env';

async function blankDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `blank_${process.pid}_${Date.now()}`;
  await withAdmin((c) => c.query(`create database "${name}" template template0`));
  const url = (process.env[TEST_ENV.adminUrl] ?? '').replace(/\/postgres$/, `/${name}`);
  return {
    url,
    drop: () =>
      withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

describe('database: migrations and the demo world', () => {
  it('should migrate a blank database up, all the way down, and up again', async () => {
    const db = await blankDatabase();
    const ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    try {
      expect(await runMigrations(ds)).toHaveLength(MIGRATIONS.length);
      // a second run (another instance booting) changes nothing
      expect(await runMigrations(ds)).toEqual([]);
      for (let i = 0; i < MIGRATIONS.length; i += 1) await ds.undoLastMigration({ transaction: 'each' });
      const tables: { n: number }[] = await ds.query(
        `select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name <> 'migrations'`,
      );
      expect(tables[0].n).toBe(0);
      expect(await runMigrations(ds)).toHaveLength(MIGRATIONS.length);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('should never synchronize the schema from entities', async () => {
    const t = await createTestApp();
    try {
      expect(t.dataSource.options.synchronize).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('should seed the demo world once when SEED_DEMO=true on an external database', async () => {
    const t = await createTestApp({ fresh: true, env: { SEED_DEMO: 'true', PASSWORD_HASH_COST: '10' } });
    try {
      const users: { email: string; role: string }[] = await t.dataSource.query(
        'select email, role from app_user',
      );
      expect(users.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
      await t.login('police@durham.example');
      // a second seeding (a restart, another instance) creates nothing
      expect(await seedDemoWorld(t.dataSource, 'demo-password', 10)).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('should not seed an external database when SEED_DEMO is unset', async () => {
    const t = await createTestApp({ fresh: true });
    try {
      const [{ n }] = await t.dataSource.query('select count(*)::int as n from app_user');
      expect(n).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('should refuse to boot when production is asked to seed', async () => {
    await expect(
      createTestApp({
        fresh: true,
        env: {
          NODE_ENV: 'production',
          SEED_DEMO: 'true',
          JWT_SECRET: 'a-production-secret-of-enough-length-123',
        },
      }),
    ).rejects.toThrow(/SEED_DEMO/);
  });
});
