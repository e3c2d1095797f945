import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { databaseConfig, startEmbeddedPostgres, type EmbeddedDatabase } from '@app/database';
import { appConfig } from './config/app.config';
import { instanceEnv } from './config/instance-env';

const INSTANCES = 2;

// npm run start:cluster: two api processes on one database (the embedded one unless
// DATABASE_URL is set), on PORT and PORT+1, to see the live layer cross instances
async function main(): Promise<void> {
  const settings = appConfig();
  const database = databaseConfig();
  let embedded: EmbeddedDatabase | undefined;
  if (!database.url) {
    embedded = await startEmbeddedPostgres({
      dir: database.embeddedDir,
      port: database.embeddedPort,
      log: (message) => console.error(message),
    });
  }
  const url = database.url ?? embedded!.url;
  const children: ChildProcess[] = [];
  for (let i = 0; i < INSTANCES; i += 1) {
    const port = String(settings.port + i);
    const child = fork(join(__dirname, 'main.js'), [], {
      env: instanceEnv({
        DATABASE_URL: url,
        PORT: port,
        // the embedded database is a demo: seeded, as by npm start
        ...(embedded && database.seedDemo('embedded') ? { SEED_DEMO: 'true' } : {}),
      }),
    });
    child.on('exit', (code) => console.error(`instance on port ${port} exited (${code ?? 'signal'})`));
    children.push(child);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await embedded?.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
