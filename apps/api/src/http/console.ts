import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

// the api's own paths: everything else is the console's (issue 15: one port, one process)
const API_PATHS = /^\/(api|live|socket\.io)(\/|$)/;

// the built console (apps/console, `vite build` into dist/console) at /: its files as they are,
// hashed assets cached for a year, and index.html for any other GET so the console's own
// routes (/sign-in, /contacts/…) load it. Absent (a build without it): the api alone
export function serveConsole(app: NestExpressApplication, dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    res.setHeader('cache-control', 'no-store');
    res.sendFile(index);
  });
  return true;
}
