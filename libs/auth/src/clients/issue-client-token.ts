import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditActor } from '@app/audit';
import { authConfig } from '../auth.config';
import { hashSecret, randomSecret, secretMatches } from '../secrets';
import { SessionIssuer } from '../sessions/session-issuer';
import { CLIENT_ID_PATTERN } from './api-client-store';
import {
  clientCredentialByClientId,
  holdClientCredential,
  type ClientCredentialRecord,
} from './clients.repository';
import type { OAuthRefusal, TokenRequest } from './token-request';

export interface ClientToken {
  accessToken: string;
  expiresIn: number;
}

// compared against when the client id is unknown, so a miss costs what a hit costs
const DECOY_HASH = hashSecret(randomSecret(32));
// longer than any secret we issue: not hashed at all (it cannot match), still answered alike
const MAX_SECRET_LENGTH = 512;

const actorOf = (client: ClientCredentialRecord): AuditActor => ({
  id: client.userId,
  role: client.role,
  agencyId: client.agencyId,
});

const refused: OAuthRefusal = {
  status: 401,
  error: 'invalid_client',
  description: 'Client authentication failed: unknown client, wrong secret, or a revoked client.',
};

// issue 14 item 5: the OAuth 2.0 client-credentials grant (RFC 6749 4.4). A client whose secret
// matches gets a short-lived token naming a CLIENT session of its SYSTEM user, so it acts as
// its agency with its role and what it does is attributed to it. Audited: CLIENT_TOKEN_ISSUED,
// and CLIENT_AUTH_FAILED for a known client (a wrong secret, or revoked); an unknown client id
// is hashed for like a known one and answered the same
@Injectable()
export class IssueClientToken {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly issuer: SessionIssuer,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async execute(request: TokenRequest): Promise<ClientToken | OAuthRefusal> {
    const secret = request.clientSecret.length <= MAX_SECRET_LENGTH ? request.clientSecret : '';
    // a client id that is not of our form names no client: never sent to the database
    const client = CLIENT_ID_PATTERN.test(request.clientId)
      ? await clientCredentialByClientId(this.dataSource, request.clientId)
      : undefined;
    const matches = secretMatches(secret, client?.secretHash ?? DECOY_HASH) && secret !== '';
    if (!client) return refused;
    const usable = client.revokedAt === null && client.active;
    if (!matches || !usable) {
      await this.audit.recordAlone(actorOf(client), {
        action: 'CLIENT_AUTH_FAILED',
        entityType: 'api_client',
        entityId: client.id,
        details: { clientId: client.clientId, reason: matches ? 'REVOKED' : 'SECRET', via: request.via },
      });
      return refused;
    }

    const issued = await this.dataSource.transaction(async (manager) => {
      // a rotation or revocation that committed since the read above wins
      if (!(await holdClientCredential(manager, client.id, client.secretHash))) return undefined;
      const session = await this.issuer.open(manager, {
        userId: client.userId,
        kind: 'CLIENT',
        purpose: 'FULL',
        method: 'CLIENT_SECRET',
        mfa: false,
      });
      await this.audit.record(manager, actorOf(client), {
        action: 'CLIENT_TOKEN_ISSUED',
        entityType: 'api_client',
        entityId: client.id,
        details: {
          clientId: client.clientId,
          sessionId: session.sessionId,
          via: request.via,
          expiresAt: session.expiresAt.toISOString(),
        },
      });
      return session;
    });
    if (!issued) return refused;
    return { accessToken: issued.accessToken, expiresIn: this.config.clientTokenTtlSeconds };
  }
}
