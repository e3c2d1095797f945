import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { correlationIdFor } from '@app/core';

// personal data never reaches a log line: requests are logged as method + path (no query
// string, no headers, no body), and any field with a personal name is censored
const PERSONAL_FIELDS = [
  'password',
  'email',
  'firstName',
  'lastName',
  'name',
  'dateOfBirth',
  'expectedDateOfBirth',
  'nhsNumber',
  'postcode',
  'address',
  'phone',
  'concerns',
  'summary',
  'accessToken',
  'token',
];

function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}

export function requestProps(req: IncomingMessage): { userId?: string } {
  const user = (req as IncomingMessage & { user?: { id?: string } }).user;
  return user?.id ? { userId: user.id } : {};
}

export function loggingOptions(level: string): Params {
  return {
    pinoHttp: {
      level,
      genReqId: (req, res) => {
        const id = correlationIdFor(req as unknown as Parameters<typeof correlationIdFor>[0]);
        res.setHeader('x-correlation-id', id);
        return id;
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          ...PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id?: string; method?: string; url?: string }) => ({
          id: req.id,
          method: req.method,
          path: pathOnly(req.url),
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      // who asked (a user id, never a name), so a refused request can be traced to its caller;
      // read as the response is logged, after the guard has signed the user in
      customProps: requestProps,
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => pathOnly(req.url) === '/api/health' },
    },
  };
}
