import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

// one options function for the Nest module, the migration CLI and the test harness
// ssl: TLS with the server's certificate verified (against ca when given, a PEM text)
export function dataSourceOptions(url: string, poolSize = 10, ssl = false, ca?: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    ssl: ssl ? { rejectUnauthorized: true, ...(ca === undefined ? {} : { ca }) } : false,
    logging: false,
    extra: { max: poolSize, application_name: 'front-door' },
  };
}
