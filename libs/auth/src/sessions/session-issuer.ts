import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { AccessTokens } from '../access-tokens';
import { authConfig } from '../auth.config';
import {
  insertSession,
  type SessionKind,
  type SessionPurpose,
  type SignInMethod,
} from './session.repository';
import { AuthClock } from '../auth-clock';

export interface IssuedSession {
  sessionId: string;
  accessToken: string;
  expiresAt: Date;
}

export interface SessionRequest {
  userId: string;
  kind: SessionKind;
  purpose: SessionPurpose;
  method: SignInMethod;
  mfa: boolean;
}

// a sign-in's session and the token that names it, inside the sign-in's transaction. A full
// session lasts SESSION_LIFETIME_SECONDS at most; one for MFA enrolment only as long as the
// idle timeout; a partner system's CLIENT_TOKEN_TTL_SECONDS
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly clock: AuthClock,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async open(manager: EntityManager, request: SessionRequest): Promise<IssuedSession> {
    const now = this.clock.now();
    const seconds =
      request.kind === 'CLIENT'
        ? this.config.clientTokenTtlSeconds
        : request.purpose === 'MFA_ENROLMENT'
          ? this.config.sessionIdleSeconds
          : this.config.sessionLifetimeSeconds;
    const expiresAt = new Date(now.getTime() + seconds * 1000);
    const sessionId = await insertSession(manager, { ...request, now, expiresAt });
    const accessToken = await this.tokens.issue({ userId: request.userId, sessionId }, expiresAt);
    return { sessionId, accessToken, expiresAt };
  }
}
