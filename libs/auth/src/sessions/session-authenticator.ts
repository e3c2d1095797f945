import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { parse as parseCookies } from 'cookie';
import { DomainError } from '@app/core';
import type { AuthenticatedUser } from '@app/access';
import { AccessTokens } from '../access-tokens';
import { authConfig } from '../auth.config';
import { SessionRegistry } from './session-registry';
import type { OpenSession } from './session.repository';

// the browser's session: the access token in an HttpOnly, SameSite=Strict cookie
export const SESSION_COOKIE = 'fd_session';
// the CSRF defence for cookie sessions: state-changing requests carry this header with the
// token the login (and /api/auth/me) answered (synchroniser token bound to the session)
export const CSRF_HEADER = 'X-CSRF-Token';

export interface Credential {
  token: string;
  via: 'BEARER' | 'COOKIE';
}

export interface Authenticated {
  user: AuthenticatedUser;
  session: OpenSession;
  via: Credential['via'];
}

export interface HeadersLike {
  [name: string]: string | string[] | undefined;
}

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

// a request or handshake with a cookie comes from our own pages: its Origin, when sent, names
// the host it was sent to
export function originIsOurs(headers: HeadersLike): boolean {
  const origin = first(headers.origin);
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === first(headers.host);
  } catch {
    return false;
  }
}

// one authentication for HTTP and sockets: a bearer token (systems) or the session cookie
// (browsers), then the server-side session it names
@Injectable()
export class SessionAuthenticator {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly sessions: SessionRegistry,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  // a bearer token wins over a cookie: a system that sends one is not a browser
  static credential(headers: HeadersLike): Credential | undefined {
    const bearer = AccessTokens.fromAuthorizationHeader(first(headers.authorization));
    if (bearer) return { token: bearer, via: 'BEARER' };
    const cookieHeader = first(headers.cookie);
    if (!cookieHeader) return undefined;
    const token = parseCookies(cookieHeader)[SESSION_COOKIE];
    return token ? { token, via: 'COOKIE' } : undefined;
  }

  async authenticate(credential: Credential): Promise<Authenticated> {
    const subject = await this.tokens.verify(credential.token);
    const session = await this.sessions.check(subject.sessionId);
    if (!session || session.userId !== subject.userId) {
      throw DomainError.unauthenticated('Your session has ended: sign in again.');
    }
    // a cookie names a cookie session, a bearer token a bearer (or client) one: a token lifted
    // from one channel does not work on the other
    if ((credential.via === 'COOKIE') !== (session.kind === 'COOKIE')) {
      throw DomainError.unauthenticated('The access token is missing, invalid or expired.');
    }
    return {
      user: { id: session.userId, role: session.role, agencyId: session.agencyId, sessionId: session.id },
      session,
      via: credential.via,
    };
  }

  csrfToken(sessionId: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(`csrf:${sessionId}`).digest('base64url');
  }

  verifyCsrf(sessionId: string, given: string | undefined): boolean {
    if (!given) return false;
    const expected = Buffer.from(this.csrfToken(sessionId));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
