import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/core';
import { AccessTokens } from './access-tokens';
import type { AuthenticatedUser } from '@app/access';

interface HandshakeLike {
  auth?: unknown;
}

// the live layer calls this from handleConnection: the same JWT as HTTP, sent as
// `auth: { token }` (API.md "Live"); failure reads UNAUTHENTICATED
@Injectable()
export class SocketAuthenticator {
  constructor(private readonly tokens: AccessTokens) {}

  async authenticate(handshake: HandshakeLike): Promise<AuthenticatedUser> {
    const auth = handshake.auth;
    const token =
      auth && typeof auth === 'object' && typeof (auth as { token?: unknown }).token === 'string'
        ? (auth as { token: string }).token
        : undefined;
    if (!token) throw DomainError.unauthenticated('Send the access token as auth: { token }.');
    return this.tokens.verify(token);
  }
}
