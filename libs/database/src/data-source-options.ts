import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

// one options function for the Nest module, the migration CLI and the test harness
export function dataSourceOptions(url: string, poolSize = 10, ssl = false): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    ssl: ssl ? { rejectUnauthorized: true } : false,
    logging: false,
    extra: { max: poolSize, application_name: 'front-door' },
  };
}
