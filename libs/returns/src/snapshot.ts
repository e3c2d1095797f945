import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';

// rows fetched from a cursor at a time: memory holds a batch, not the return
const BATCH_ROWS = 500;

// what a return reads its rows from: one consistent snapshot on one connection
export interface Snapshot {
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
  // the rows through a cursor, a batch at a time
  stream<T>(sql: string, params: unknown[]): AsyncIterable<T>;
}

// issue 19 (decision 0030): `work` in a read-only repeatable-read transaction of its own, so a
// return streamed over seconds is of one instant; committed when it ends, rolled back when it
// fails (a download abandoned), the connection released either way
export async function inSnapshot<T>(
  dataSource: DataSource,
  work: (snapshot: Snapshot) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner('slave');
  let committed = false;
  try {
    const client = (await runner.connect()) as PoolClient;
    await runner.query('begin transaction isolation level repeatable read read only');
    const result = await work({
      query: <R>(sql: string, params: unknown[]) => runner.query(sql, params) as Promise<R[]>,
      stream: <R>(sql: string, params: unknown[]) =>
        client.query(new QueryStream(sql, params, { batchSize: BATCH_ROWS })) as AsyncIterable<R>,
    });
    await runner.query('commit');
    committed = true;
    return result;
  } finally {
    if (!committed) await runner.query('rollback').catch(() => undefined);
    await runner.release();
  }
}
