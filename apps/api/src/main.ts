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
  const app0 = appConfig();
  const database = databaseConfig();

  let embedded: EmbeddedDatabase | undefined;
  if (!database.url) {
    embedded = await startEmbeddedPostgres({
      dir: database.embeddedDir,
      port: database.embeddedPort,
      log: (message) => console.error(message),
    });
  }

  let app: NestExpressApplication | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    try {
      await app?.close();
    } finally {
      await embedded?.stop();
      if (signal !== 'error') process.exit(0);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));

  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ url: embedded?.url, embedded: !!embedded }),
      { bodyParser: false, bufferLogs: true },
    );
    configureApp(app, { trustProxy: app0.trustProxy });
    await app.listen(app0.port);
    const url = await app.getUrl();
    app.get(Logger).log(
      `front door ready in ${Date.now() - started} ms on ${url.replace('[::1]', 'localhost')}/api ` +
        `(docs ${url.replace('[::1]', 'localhost')}/api/docs; database ${embedded ? 'embedded' : 'DATABASE_URL'})`,
    );
  } catch (error) {
    await stop('error');
    throw error;
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
