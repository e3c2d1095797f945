import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import type { AuthenticatedUser } from '@app/access';
import { originIsOurs, SessionAuthenticator, type HeadersLike } from './sessions/session-authenticator';

interface HandshakeLike {
  auth?: unknown;
  headers?: HeadersLike;
}

// the live layer calls this at the handshake: the same token as HTTP, sent as
// `auth: { token }` (API.md "Live"), or a browser's session cookie; failure reads UNAUTHENTICATED.
// A cookie handshake must come from our own pages (no cross-site WebSocket hijacking).
@Injectable()
export class SocketAuthenticator {
  constructor(private readonly authenticator: SessionAuthenticator) {}

  async authenticate(handshake: HandshakeLike): Promise<AuthenticatedUser> {
    const auth = handshake.auth;
    const token =
      auth && typeof auth === 'object' && typeof (auth as { token?: unknown }).token === 'string'
        ? (auth as { token: string }).token
        : undefined;
    const headers = handshake.headers ?? {};
    const credential = token
      ? { token, via: 'BEARER' as const }
      : SessionAuthenticator.credential({ cookie: headers.cookie });
    if (!credential) throw DomainError.unauthenticated('Send the access token as auth: { token }.');
    if (credential.via === 'COOKIE' && !originIsOurs(headers)) {
      throw DomainError.unauthenticated('A cookie session connects from this site only.');
    }
    const { user, session } = await this.authenticator.authenticate(credential);
    if (session.purpose !== 'FULL')
      throw DomainError.unauthenticated('Set up multi-factor authentication first.');
    return user;
  }
}
