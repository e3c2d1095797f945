import type { EntityManager } from 'typeorm';
import type { AgencyKind, Role } from '@app/access';
import type { Queryable } from '../sessions/session.repository';

// api_client's SQL, all of it, and the SYSTEM user (app_user) each client acts as: made with
// its client, deactivated when it is revoked. Rows only; rules are the callers'
export interface NewApiClient {
  agencyId: string;
  name: string;
  role: Role;
  clientId: string;
  secretHash: string;
  createdBy: string;
  now: Date;
}

export interface ApiClientRecord {
  id: string;
  userId: string;
  clientId: string;
  name: string;
  role: Role;
  agencyId: string;
  agencyName: string;
  createdAt: Date;
  createdBy: { id: string; name: string } | null;
  secretRotatedAt: Date | null;
  revokedAt: Date | null;
}

// a client as the token endpoint needs it: its secret's hash and whether its user may act
export interface ClientCredentialRecord {
  id: string;
  userId: string;
  clientId: string;
  secretHash: string;
  revokedAt: Date | null;
  active: boolean;
  role: Role;
  agencyId: string;
}

export interface ClientAgency {
  id: string;
  name: string;
  kind: AgencyKind;
}

interface ClientRow {
  id: string;
  user_id: string;
  client_id: string;
  name: string;
  role: Role;
  agency_id: string;
  agency_name: string;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
  secret_rotated_at: Date | null;
  revoked_at: Date | null;
}

const CLIENT_SELECT = `
  select c.id, c.user_id, c.client_id, u.name, u.role, u.agency_id, a.name as agency_name, c.created_at,
         c.created_by, cb.name as created_by_name, c.secret_rotated_at, c.revoked_at
    from api_client c
    join app_user u on u.id = c.user_id
    join agency a on a.id = u.agency_id
    left join app_user cb on cb.id = c.created_by`;

const toRecord = (row: ClientRow): ApiClientRecord => ({
  id: row.id,
  userId: row.user_id,
  clientId: row.client_id,
  name: row.name,
  role: row.role,
  agencyId: row.agency_id,
  agencyName: row.agency_name,
  createdAt: row.created_at,
  createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
  secretRotatedAt: row.secret_rotated_at,
  revokedAt: row.revoked_at,
});

export async function agencyById(db: Queryable, id: string): Promise<ClientAgency | undefined> {
  const rows = (await db.query(`select id, name, kind from agency where id = $1`, [id])) as ClientAgency[];
  return rows[0];
}

// the SYSTEM user (no email, no password) and its client in one statement
export async function insertApiClient(manager: EntityManager, client: NewApiClient): Promise<string> {
  const [row] = (await manager.query(
    `with made_user as (
       insert into app_user (agency_id, email, name, role, password_hash, kind, active, created_at, updated_at)
       values ($1, null, $2, $3, null, 'SYSTEM', true, $7, $7)
       returning id)
     insert into api_client (user_id, client_id, secret_hash, created_by, created_at)
     select id, $4, $5, $6, $7 from made_user
     returning id`,
    [
      client.agencyId,
      client.name,
      client.role,
      client.clientId,
      client.secretHash,
      client.createdBy,
      client.now,
    ],
  )) as { id: string }[];
  return row.id;
}

export async function apiClientById(db: Queryable, id: string): Promise<ApiClientRecord | undefined> {
  const rows = (await db.query(`${CLIENT_SELECT} where c.id = $1`, [id])) as ClientRow[];
  return rows[0] ? toRecord(rows[0]) : undefined;
}

// held to the end of the caller's transaction: rotation, revocation and a token being issued
// for the client go one at a time
export async function lockApiClient(
  manager: EntityManager,
  id: string,
): Promise<ApiClientRecord | undefined> {
  const rows = (await manager.query(`${CLIENT_SELECT} where c.id = $1 for update of c`, [id])) as ClientRow[];
  return rows[0] ? toRecord(rows[0]) : undefined;
}

export async function apiClientsOfAgency(db: Queryable, agencyId: string): Promise<ApiClientRecord[]> {
  const rows = (await db.query(`${CLIENT_SELECT} where u.agency_id = $1 order by c.created_at, c.id`, [
    agencyId,
  ])) as ClientRow[];
  return rows.map(toRecord);
}

export async function clientCredentialByClientId(
  db: Queryable,
  clientId: string,
): Promise<ClientCredentialRecord | undefined> {
  const rows = (await db.query(
    `select c.id, c.user_id, c.client_id, c.secret_hash, c.revoked_at, u.active, u.role, u.agency_id
       from api_client c join app_user u on u.id = c.user_id
      where c.client_id = $1 and u.kind = 'SYSTEM'`,
    [clientId],
  )) as {
    id: string;
    user_id: string;
    client_id: string;
    secret_hash: string;
    revoked_at: Date | null;
    active: boolean;
    role: Role;
    agency_id: string;
  }[];
  const row = rows[0];
  return row
    ? {
        id: row.id,
        userId: row.user_id,
        clientId: row.client_id,
        secretHash: row.secret_hash,
        revokedAt: row.revoked_at,
        active: row.active,
        role: row.role,
        agencyId: row.agency_id,
      }
    : undefined;
}

// inside the token's transaction: the client still has the secret that was checked and may
// still act. FOR SHARE waits for a rotation or revocation in flight, then sees its result, so
// no token outlives the secret it was issued for
export async function holdClientCredential(
  manager: EntityManager,
  id: string,
  secretHash: string,
): Promise<boolean> {
  const rows = (await manager.query(
    `select c.id from api_client c join app_user u on u.id = c.user_id
      where c.id = $1 and c.secret_hash = $2 and c.revoked_at is null and u.active
      for share of c`,
    [id, secretHash],
  )) as unknown[];
  return rows.length > 0;
}

export async function setClientSecret(
  manager: EntityManager,
  id: string,
  secretHash: string,
  now: Date,
): Promise<boolean> {
  const [, count] = (await manager.query(
    `update api_client set secret_hash = $2, secret_rotated_at = $3 where id = $1 and revoked_at is null`,
    [id, secretHash, now],
  )) as [unknown, number];
  return count > 0;
}

// the client is revoked and its SYSTEM user deactivated in one statement: every session check
// requires an active user, so its tokens fail from the commit on
export async function revokeApiClient(manager: EntityManager, id: string, now: Date): Promise<boolean> {
  const [rows] = (await manager.query(
    `with revoked as (
       update api_client set revoked_at = $2 where id = $1 and revoked_at is null returning user_id)
     update app_user u set active = false, updated_at = $2
       from revoked where u.id = revoked.user_id
     returning u.id`,
    [id, now],
  )) as [{ id: string }[], number];
  return rows.length > 0;
}
