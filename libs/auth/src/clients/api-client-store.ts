import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '@app/access';
import { AuthClock } from '../auth-clock';
import { hashSecret, randomSecret } from '../secrets';
import { SessionEnder } from '../sessions/session-ender';
import type { SessionEndReason } from '../sessions/session.repository';
import {
  agencyById,
  apiClientById,
  apiClientsOfAgency,
  insertApiClient,
  lockApiClient,
  revokeApiClient,
  setClientSecret,
  type ClientAgency,
  type ApiClientRecord,
} from './clients.repository';

export type { ClientAgency, ApiClientRecord } from './clients.repository';

// a client's public id: readable in logs and support calls, and not a secret
export const CLIENT_ID_PREFIX = 'fdc_';
export const CLIENT_ID_PATTERN = /^fdc_[A-Za-z0-9_-]{16}$/;

export interface IssuedCredentials {
  client: ApiClientRecord;
  // shown once: only its hash is kept
  clientSecret: string;
}

export interface EndedSessions {
  sessionIds: string[];
  reason: SessionEndReason;
}

// 256 random bits: a brute force is hopeless however fast the hash, so SHA-256 (hashSecret)
// stores it as well as scrypt would, without making every token request cost 100 ms of CPU
const newSecret = () => randomSecret(32);

// auth's partner-system credentials for the accounts module's use cases: each call runs in the
// caller's transaction (its EntityManager), which audits; sessions a change ends are announced
// to this instance by `announce` once that transaction has committed
@Injectable()
export class ApiClientStore {
  constructor(
    private readonly ender: SessionEnder,
    private readonly clock: AuthClock,
  ) {}

  agency(manager: EntityManager, agencyId: string): Promise<ClientAgency | undefined> {
    return agencyById(manager, agencyId);
  }

  find(manager: EntityManager, id: string): Promise<ApiClientRecord | undefined> {
    return apiClientById(manager, id);
  }

  // the client row locked until the caller's transaction ends
  lock(manager: EntityManager, id: string): Promise<ApiClientRecord | undefined> {
    return lockApiClient(manager, id);
  }

  ofAgency(manager: EntityManager, agencyId: string): Promise<ApiClientRecord[]> {
    return apiClientsOfAgency(manager, agencyId);
  }

  // the client and the SYSTEM user it acts as, a member of the agency with the client's role
  async create(
    manager: EntityManager,
    client: { agencyId: string; name: string; role: Role; createdBy: string },
  ): Promise<IssuedCredentials> {
    const clientSecret = newSecret();
    const id = await insertApiClient(manager, {
      ...client,
      clientId: `${CLIENT_ID_PREFIX}${randomSecret(12)}`,
      secretHash: hashSecret(clientSecret),
      now: this.clock.now(),
    });
    return { client: (await apiClientById(manager, id)) as ApiClientRecord, clientSecret };
  }

  // a new secret; the old one stops working and every token it got ends. Undefined when the
  // client is revoked (or gone)
  async rotate(
    manager: EntityManager,
    client: ApiClientRecord,
  ): Promise<(IssuedCredentials & { ended: EndedSessions }) | undefined> {
    const clientSecret = newSecret();
    if (!(await setClientSecret(manager, client.id, hashSecret(clientSecret), this.clock.now()))) {
      return undefined;
    }
    const sessionIds = await this.ender.endForUser(manager, client.userId, 'CLIENT_ROTATED');
    return {
      client: (await apiClientById(manager, client.id)) as ApiClientRecord,
      clientSecret,
      ended: { sessionIds, reason: 'CLIENT_ROTATED' },
    };
  }

  // revoked for good: its user is deactivated (so its tokens fail at once) and its sessions end
  async revoke(
    manager: EntityManager,
    client: ApiClientRecord,
  ): Promise<{ client: ApiClientRecord; ended: EndedSessions } | undefined> {
    if (!(await revokeApiClient(manager, client.id, this.clock.now()))) return undefined;
    const sessionIds = await this.ender.endForUser(manager, client.userId, 'CLIENT_REVOKED');
    return {
      client: (await apiClientById(manager, client.id)) as ApiClientRecord,
      ended: { sessionIds, reason: 'CLIENT_REVOKED' },
    };
  }

  // after the commit: this instance drops the ended sessions at once (the others hear NOTIFY)
  announce(ended: EndedSessions): void {
    this.ender.announce(ended.sessionIds, ended.reason);
  }
}
