import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@app/core';
import type { AuthenticatedUser } from '@app/access';
import { ROLES, type Role } from '@app/access';

interface TokenClaims {
  sub: string;
  role: Role;
  agency: string;
}

const ISSUER = 'front-door';
const AUDIENCE = 'front-door-api';

// one place that makes and reads access tokens, for HTTP and socket handshakes alike
@Injectable()
export class AccessTokens {
  constructor(private readonly jwt: JwtService) {}

  issue(user: AuthenticatedUser): Promise<string> {
    const claims: TokenClaims = { sub: user.id, role: user.role, agency: user.agencyId };
    return this.jwt.signAsync(claims, { issuer: ISSUER, audience: AUDIENCE, algorithm: 'HS256' });
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (
        typeof claims.sub !== 'string' ||
        typeof claims.agency !== 'string' ||
        !ROLES.includes(claims.role)
      ) {
        throw new Error('malformed claims');
      }
      return { id: claims.sub, role: claims.role, agencyId: claims.agency };
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
