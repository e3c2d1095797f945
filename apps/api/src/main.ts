import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DomainError } from '@app/core';
import { databaseConfig, startEmbeddedPostgres, type EmbeddedDatabase } from '@app/database';
import { AppModule } from './app.module';
import { appConfig } from './config/app.config';
import { configureApp } from './configure-app';
import { seedDemoCaseload } from './demo-caseload';

async function bootstrap(): Promise<void> {
  const started = Date.now();
  // settings are validated before anything starts: a bad one stops here, named
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

  // the service closes first (in-flight requests, pool), then its database
  let app: NestExpressApplication | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      try {
        await app?.close();
      } finally {
        await embedded?.stop();
      }
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void shutdown().finally(() => process.exit(0)));
  }

  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ url: embedded?.url, embedded: !!embedded }),
      { bodyParser: false, bufferLogs: true },
    );
    configureApp(app);
    // the demo world is seeded as the app initialises (DemoSeeder); its caseload after it, on the
    // embedded database only (npm start), before the doors open so the first queue has it
    await app.init();
    if (embedded && database.seedDemo('embedded')) {
      const logger = app.get(Logger);
      try {
        const made = await seedDemoCaseload(app);
        if (made.contacts > 0) {
          logger.log(
            `demo caseload seeded: ${made.contacts} contacts, ${made.notifications} DA notifications`,
            'DemoCaseload',
          );
        }
      } catch (error) {
        // the service still starts; a domain error is logged by its code and fields (its message
        // may name whoever holds a claim), anything else by its message
        const reason =
          error instanceof DomainError
            ? [error.code, ...(error.details ?? []).map((d) => d.field)].join(' ')
            : error instanceof Error
              ? error.message
              : String(error);
        logger.error(`demo caseload not seeded: ${reason}`, 'DemoCaseload');
      }
    }
    await app.listen(settings.port);
    const url = (await app.getUrl()).replace('[::1]', 'localhost');
    app
      .get(Logger)
      .log(
        `front door ready in ${Date.now() - started} ms on ${url}/api ` +
          `(docs ${url}/api/docs; database ${embedded ? 'embedded' : 'DATABASE_URL'})`,
      );
  } catch (error) {
    await shutdown();
    throw error;
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
