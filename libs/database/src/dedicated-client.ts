import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';

// a connection of its own, outside the pool (LISTEN, a session advisory lock), to the same
// server the pool uses and the same way: same URL, same TLS settings (DATABASE_SSL,
// DATABASE_SSL_CA). Not connected yet; the caller owns it and ends it.
export function dedicatedClient(dataSource: DataSource, applicationName: string): Client {
  // dataSourceOptions built them: a postgres URL, and false or the TLS options
  const { url, ssl } = dataSource.options as { url?: string; ssl?: ClientConfig['ssl'] };
  return new Client({ connectionString: url, ssl: ssl ?? false, application_name: applicationName });
}
