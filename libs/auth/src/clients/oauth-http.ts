import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '@app/core';
import type { OAuthRefusal } from './token-request';

// the one route that takes a form (RFC 6749 4.4.2), and how large a form it takes: a token
// request is a few short parameters
export const OAUTH_TOKEN_PATH = '/api/oauth/token';
export const TOKEN_FORM_LIMIT = '8kb';
export const TOKEN_FORM_PARAMETERS = 20;

const FORM = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

const isTokenPath = (url: string | undefined): boolean =>
  (url ?? '').split('?')[0].replace(/\/+$/, '').toLowerCase() === OAUTH_TOKEN_PATH;

export const isForm = (req: { headers: IncomingHttpHeaders }): boolean =>
  FORM.test(req.headers['content-type'] ?? '');

// body-parser's `type`: a form is parsed on the token route only; everywhere else the api reads JSON
export const isTokenForm = (req: { url?: string; headers: IncomingHttpHeaders }): boolean =>
  isTokenPath(req.url) && isForm(req);

// RFC 6749 5.1 and 5.2: no cache keeps a token or a refusal
export function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
}

// RFC 6749 5.2; a 401 names the Basic scheme (RFC 6749 5.2, RFC 7235 3.1)
export function sendRefusal(res: Response, refusal: OAuthRefusal): void {
  noStore(res);
  if (refusal.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="front-door"');
  res.status(refusal.status).json({ error: refusal.error, error_description: refusal.description });
}

// a client error before the route runs (a body that is not a readable form, one too large,
// text the request hygiene refuses) is an invalid_request in the RFC's shape on the token
// route too; anything else goes on to the api's own error handling
export function oauthTokenRefusals(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const status = (error as { status?: unknown } | null)?.status;
  const clientError =
    error instanceof DomainError ||
    (typeof status === 'number' &&
      status >= 400 &&
      status < 500 &&
      (error as { expose?: unknown }).expose === true);
  if (res.headersSent || !clientError) {
    next(error);
    return;
  }
  sendRefusal(res, {
    status: 400,
    error: 'invalid_request',
    description:
      status === 413
        ? `The body is larger than ${TOKEN_FORM_LIMIT}.`
        : 'The request could not be read: send a small application/x-www-form-urlencoded body of valid text.',
  });
}
