import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { databaseConfig, startEmbeddedPostgres, type EmbeddedDatabase } from '@app/database';
import { AppModule } from './app.module';
import { appConfig } from './config/app.config';
import { configureApp } from './configure-app';

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
