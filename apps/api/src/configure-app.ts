import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  isTokenForm,
  OAUTH_TOKEN_PATH,
  oauthTokenRefusals,
  TOKEN_FORM_LIMIT,
  TOKEN_FORM_PARAMETERS,
} from '@app/auth';
import { correlationIdFor, RequestContext } from '@app/core';
import { appConfig } from './config/app.config';
import { serveConsole } from './http/console';
import { requestHygiene } from './http/request-hygiene';

export const BODY_LIMIT = '256kb';
const CACHEABLE = /^\/api\/(health|docs)(\/|-json|$)/;

// everything about the HTTP surface that is not a module: shared by main.ts and the e2e
// harness, so tests exercise exactly what runs
export function configureApp(app: NestExpressApplication): INestApplication {
  const settings = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', settings.trustProxy);
  // slow clients: node checks these on an interval, read when the server starts listening
  const server = app.getHttpServer() as Server & { connectionsCheckingInterval: number };
  server.headersTimeout = settings.http.headersTimeoutMs;
  server.requestTimeout = settings.http.requestTimeoutMs;
  server.connectionsCheckingInterval = Math.min(1000, settings.http.headersTimeoutMs);
  app.disable('x-powered-by');
  // responses are live, per-user data that clients do not revalidate: no ETag (a SHA-1 of
  // every body, half a megabyte for a long queue)
  app.set('etag', false);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const correlationId = correlationIdFor(req as unknown as Parameters<typeof correlationIdFor>[0]);
    res.setHeader('x-correlation-id', correlationId);
    RequestContext.run({ correlationId }, next);
  });
  app.use(helmet());
  // ASVS 14.3.2: responses carry personal data, so no cache (browser, proxy) keeps them;
  // health and the API docs are not personal
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!CACHEABLE.test(req.path)) res.setHeader('cache-control', 'no-store');
    next();
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // RFC 6749 4.4.2: the token endpoint's body is a form, the only one the api reads (small,
  // flat); the request hygiene applies to it as to JSON, and what it refuses there is answered
  // in the RFC's error shape
  app.useBodyParser('urlencoded', {
    extended: false,
    limit: TOKEN_FORM_LIMIT,
    parameterLimit: TOKEN_FORM_PARAMETERS,
    type: isTokenForm,
  });
  app.use(requestHygiene);
  app.use(OAUTH_TOKEN_PATH, oauthTokenRefusals);
  app.setGlobalPrefix('api');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Front door API')
      .setDescription(
        "The public contract of the multi-agency children's hub front door (see API.md in the design). " +
          'Sign in with POST /api/auth/login and send the token as `Authorization: Bearer <token>`.',
      )
      .setVersion('1')
      // paths carry /api: the server is wherever the document was fetched from
      .addServer('/', 'this service')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  serveConsole(app, settings.consoleDir);
  return app;
}
