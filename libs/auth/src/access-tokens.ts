import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@app/core';
import { AuthClock } from './auth-clock';

interface TokenClaims {
  sub: string;
  sid: string;
  exp?: number;
}

export interface TokenSubject {
  userId: string;
  sessionId: string;
}

const ISSUER = 'front-door';
const AUDIENCE = 'front-door-api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// one place that makes and reads access tokens, for HTTP and socket handshakes alike. A token
// names a server-side session (sid): who the caller is, their role and agency, and whether it
// is still good are the session's to say (issue 14 item 3), never the token's
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: AuthClock,
  ) {}

  issue(subject: TokenSubject, expiresAt: Date): Promise<string> {
    const claims: TokenClaims = {
      sub: subject.userId,
      sid: subject.sessionId,
      exp: Math.floor(expiresAt.getTime() / 1000),
    };
    return this.jwt.signAsync(claims, { issuer: ISSUER, audience: AUDIENCE, algorithm: 'HS256' });
  }

  async verify(token: string): Promise<TokenSubject> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (
        typeof claims.sub !== 'string' ||
        typeof claims.sid !== 'string' ||
        // a token that does not say when it ends is not one of ours
        typeof claims.exp !== 'number' ||
        !UUID.test(claims.sub) ||
        !UUID.test(claims.sid)
      ) {
        throw new Error('malformed claims');
      }
      return { userId: claims.sub, sessionId: claims.sid };
    } catch {
      throw DomainError.unauthenticated('The access token is missing, invalid or expired.');
    }
  }

  // "Bearer <token>" from a header, or undefined
  static fromAuthorizationHeader(header: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    return match?.[1];
  }
}
