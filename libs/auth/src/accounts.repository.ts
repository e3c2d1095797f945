import type { EntityManager } from 'typeorm';
import type { AgencyKind, Role } from '@app/access';
import type { Queryable } from './sessions/session.repository';

// agency's and app_user's SQL for the council's administration (issue 14 item 2): agencies,
// people's accounts, setup codes, locks. Races are settled in the statements: a unique
// email or agency name by ON CONFLICT, the last administrator by locking the set of active
// ones before any change that could shrink it
export interface AgencyRecord {
  id: string;
  name: string;
  kind: AgencyKind;
  createdAt: Date;
  activeUsers: number;
}

export interface AdminUserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  agencyName: string;
  agencyKind: AgencyKind;
  active: boolean;
  passwordSet: boolean;
  setupCodeExpiresAt: Date | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  mfaEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserFilter {
  // part of the name or email, any case
  q?: string;
  agencyId?: string;
  role?: Role;
  active?: boolean;
  // the id of the last user of the previous page (newest first)
  before?: string;
  limit: number;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  passwordHash: string | null;
  setupCodeHash: string | null;
  setupCodeExpiresAt: Date | null;
  now: Date;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  agencyId?: string;
  active?: boolean;
}

interface AgencyRow {
  id: string;
  name: string;
  kind: AgencyKind;
  created_at: Date;
  active_users: number;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  agency_id: string;
  agency_name: string;
  agency_kind: AgencyKind;
  active: boolean;
  password_set: boolean;
  setup_code_expires_at: Date | null;
  failed_sign_ins: number;
  locked_until: Date | null;
  mfa_enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const toAgency = (row: AgencyRow): AgencyRecord => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  createdAt: row.created_at,
  activeUsers: row.active_users,
});

const toUser = (row: UserRow): AdminUserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  agencyId: row.agency_id,
  agencyName: row.agency_name,
  agencyKind: row.agency_kind,
  active: row.active,
  passwordSet: row.password_set,
  setupCodeExpiresAt: row.setup_code_expires_at,
  failedSignIns: row.failed_sign_ins,
  lockedUntil: row.locked_until,
  mfaEnabled: row.mfa_enabled,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const AGENCY_SELECT = `
  select a.id, a.name, a.kind, a.created_at,
         (select count(*)::int from app_user u where u.agency_id = a.id and u.active and u.kind = 'PERSON')
           as active_users
    from agency a`;

// people only: a SYSTEM user is a partner system's identity, administered with its API client
const USER_SELECT = `
  select u.id, u.email, u.name, u.role, u.agency_id, a.name as agency_name, a.kind as agency_kind,
         u.active, u.password_hash is not null as password_set, u.setup_code_expires_at,
         u.failed_sign_ins, u.locked_until, u.mfa_enabled_at is not null as mfa_enabled,
         u.created_at, u.updated_at
    from app_user u join agency a on a.id = u.agency_id`;

const UNIQUE_VIOLATION = '23505';

// a unique constraint the statement broke, by name (a race the statement could not settle)
export function violatedConstraint(error: unknown): string | undefined {
  const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driver?.code === UNIQUE_VIOLATION ? driver.constraint : undefined;
}

export async function listAgencies(db: Queryable): Promise<AgencyRecord[]> {
  const rows = (await db.query(`${AGENCY_SELECT} order by lower(a.name), a.id`)) as AgencyRow[];
  return rows.map(toAgency);
}

export async function agencyById(db: Queryable, id: string): Promise<AgencyRecord | undefined> {
  const rows = (await db.query(`${AGENCY_SELECT} where a.id = $1`, [id])) as AgencyRow[];
  return rows[0] ? toAgency(rows[0]) : undefined;
}

// whatever the case it is typed in
export async function agencyByName(db: Queryable, name: string): Promise<AgencyRecord | undefined> {
  const rows = (await db.query(`${AGENCY_SELECT} where lower(a.name) = lower($1) order by a.id limit 1`, [
    name,
  ])) as AgencyRow[];
  return rows[0] ? toAgency(rows[0]) : undefined;
}

// `share` while a user is put into the agency (its kind cannot change meanwhile); `update`
// while its kind changes (no user is put into it meanwhile)
export async function lockAgency(
  manager: EntityManager,
  id: string,
  mode: 'share' | 'update',
): Promise<{ id: string; name: string; kind: AgencyKind } | undefined> {
  const rows = (await manager.query(
    `select id, name, kind from agency where id = $1 for ${mode === 'share' ? 'share' : 'update'}`,
    [id],
  )) as { id: string; name: string; kind: AgencyKind }[];
  return rows[0];
}

// undefined when the name is taken (in any case)
export async function insertAgency(
  manager: EntityManager,
  agency: { name: string; kind: AgencyKind; now: Date },
): Promise<string | undefined> {
  const rows = (await manager.query(
    `insert into agency (name, kind, created_at)
     select $1, $2, $3 where not exists (select 1 from agency where lower(name) = lower($1))
     on conflict (name) do nothing returning id`,
    [agency.name, agency.kind, agency.now],
  )) as { id: string }[];
  return rows[0]?.id;
}

// false when the new name is another agency's (in any case)
export async function updateAgency(
  manager: EntityManager,
  id: string,
  changes: { name?: string; kind?: AgencyKind },
): Promise<boolean> {
  const [, count] = (await manager.query(
    `update agency set name = coalesce($2, name), kind = coalesce($3, kind)
      where id = $1
        and ($2::text is null or not exists (select 1 from agency o where o.id <> $1 and lower(o.name) = lower($2)))`,
    [id, changes.name ?? null, changes.kind ?? null],
  )) as [unknown, number];
  return count > 0;
}

// the roles the agency's users have (people and systems, active or not): what a change of
// its kind must still fit
export async function rolesInAgency(db: Queryable, agencyId: string): Promise<Role[]> {
  const rows = (await db.query(`select distinct role from app_user where agency_id = $1 order by role`, [
    agencyId,
  ])) as { role: Role }[];
  return rows.map((r) => r.role);
}

function userConditions(filter: UserFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions = [`u.kind = 'PERSON'`];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.q) {
    const q = param(filter.q.toLowerCase());
    conditions.push(`(position(${q} in lower(u.name)) > 0 or position(${q} in u.email) > 0)`);
  }
  if (filter.agencyId) conditions.push(`u.agency_id = ${param(filter.agencyId)}`);
  if (filter.role) conditions.push(`u.role = ${param(filter.role)}`);
  if (filter.active !== undefined) conditions.push(`u.active = ${param(filter.active)}`);
  return { where: conditions.join(' and '), params };
}

// newest first; `total` counts every match, not only this page
export async function searchUsers(
  db: Queryable,
  filter: UserFilter,
): Promise<{ items: AdminUserRecord[]; total: number; more: boolean }> {
  const { where, params } = userConditions(filter);
  const [{ total }] = (await db.query(
    `select count(*)::int as total from app_user u where ${where}`,
    params,
  )) as { total: number }[];
  const pageParams = [...params];
  let cursor = '';
  if (filter.before) {
    pageParams.push(filter.before);
    const at = `$${pageParams.length}`;
    cursor = ` and (u.created_at, u.id) < (select c.created_at, c.id from app_user c where c.id = ${at})`;
  }
  pageParams.push(filter.limit + 1);
  const rows = (await db.query(
    `${USER_SELECT} where ${where}${cursor} order by u.created_at desc, u.id desc limit $${pageParams.length}`,
    pageParams,
  )) as UserRow[];
  return { items: rows.slice(0, filter.limit).map(toUser), total, more: rows.length > filter.limit };
}

export async function userById(db: Queryable, id: string): Promise<AdminUserRecord | undefined> {
  const rows = (await db.query(`${USER_SELECT} where u.id = $1 and u.kind = 'PERSON'`, [id])) as UserRow[];
  return rows[0] ? toUser(rows[0]) : undefined;
}

export async function userIdByEmail(db: Queryable, email: string): Promise<string | undefined> {
  const rows = (await db.query(`select id from app_user where email = $1 and kind = 'PERSON'`, [
    email.trim().toLowerCase(),
  ])) as { id: string }[];
  return rows[0]?.id;
}

// the user's row, locked until the transaction ends
export async function lockUser(manager: EntityManager, id: string): Promise<AdminUserRecord | undefined> {
  const rows = (await manager.query(`${USER_SELECT} where u.id = $1 and u.kind = 'PERSON' for update of u`, [
    id,
  ])) as UserRow[];
  return rows[0] ? toUser(rows[0]) : undefined;
}

// every active administrator, locked (in id order, so two callers never deadlock): a change
// that could leave none waits for any other such change to commit, then sees its result
export async function lockActiveAdmins(manager: EntityManager): Promise<string[]> {
  const rows = (await manager.query(
    `select id from app_user where role = 'ADMIN' and active and kind = 'PERSON' order by id for update`,
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

// undefined when the email is taken
export async function insertUser(manager: EntityManager, user: NewUser): Promise<string | undefined> {
  const rows = (await manager.query(
    `insert into app_user (agency_id, email, name, role, password_hash, active, kind, setup_code_hash,
                           setup_code_expires_at, password_changed_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, true, 'PERSON', $6, $7, case when $5::text is null then null else $8::timestamptz end, $8, $8)
     on conflict (email) do nothing returning id`,
    [
      user.agencyId,
      user.email,
      user.name,
      user.role,
      user.passwordHash,
      user.setupCodeHash,
      user.setupCodeExpiresAt,
      user.now,
    ],
  )) as { id: string }[];
  return rows[0]?.id;
}

export async function updateUser(
  manager: EntityManager,
  id: string,
  changes: UserChanges,
  now: Date,
): Promise<void> {
  await manager.query(
    `update app_user
        set name = coalesce($2, name), role = coalesce($3, role), agency_id = coalesce($4, agency_id),
            active = coalesce($5, active), updated_at = $6
      where id = $1 and kind = 'PERSON'`,
    [id, changes.name ?? null, changes.role ?? null, changes.agencyId ?? null, changes.active ?? null, now],
  );
}

// an admin's reset: the password goes (only the new setup code sets one), the code is new
export async function resetToSetupCode(
  manager: EntityManager,
  id: string,
  setupCodeHash: string,
  expiresAt: Date,
  now: Date,
): Promise<void> {
  await manager.query(
    `update app_user
        set password_hash = null, setup_code_hash = $2, setup_code_expires_at = $3, updated_at = $4
      where id = $1 and kind = 'PERSON'`,
    [id, setupCodeHash, expiresAt, now],
  );
}

// an admin's unlock: the lock and the count of failures in a row (and so the growing wait) go
export async function clearLock(manager: EntityManager, id: string, now: Date): Promise<void> {
  await manager.query(
    `update app_user set failed_sign_ins = 0, locked_until = null, updated_at = $2
      where id = $1 and kind = 'PERSON'`,
    [id, now],
  );
}
