import type { EntityManager } from 'typeorm';
import type { Role } from '@app/access';
import type { Queryable } from './sessions/session.repository';

// app_user's SQL for signing in: the account as sign-in sees it, failures and locks, passwords
export interface SignInAccount {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  agencyName: string;
  kind: 'PERSON' | 'SYSTEM';
  passwordHash: string | null;
  active: boolean;
  failedSignIns: number;
  lastFailedSignInAt: Date | null;
  lockedUntil: Date | null;
  mfaEnabled: boolean;
}

interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  agency_id: string;
  agency_name: string;
  kind: 'PERSON' | 'SYSTEM';
  password_hash: string | null;
  active: boolean;
  failed_sign_ins: number;
  last_failed_sign_in_at: Date | null;
  locked_until: Date | null;
  mfa_enabled: boolean;
}

const ACCOUNT_SELECT = `
  select u.id, u.email, u.name, u.role, u.agency_id, a.name as agency_name, u.kind, u.password_hash,
         u.active, u.failed_sign_ins, u.last_failed_sign_in_at, u.locked_until,
         u.mfa_enabled_at is not null as mfa_enabled
    from app_user u join agency a on a.id = u.agency_id`;

const toAccount = (row: AccountRow): SignInAccount => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  agencyId: row.agency_id,
  agencyName: row.agency_name,
  kind: row.kind,
  passwordHash: row.password_hash,
  active: row.active,
  failedSignIns: row.failed_sign_ins,
  lastFailedSignInAt: row.last_failed_sign_in_at,
  lockedUntil: row.locked_until,
  mfaEnabled: row.mfa_enabled,
});

export async function accountByEmail(db: Queryable, email: string): Promise<SignInAccount | undefined> {
  const rows = (await db.query(`${ACCOUNT_SELECT} where u.email = $1 and u.kind = 'PERSON'`, [
    email,
  ])) as AccountRow[];
  return rows[0] ? toAccount(rows[0]) : undefined;
}

export async function accountById(db: Queryable, id: string): Promise<SignInAccount | undefined> {
  const rows = (await db.query(`${ACCOUNT_SELECT} where u.id = $1`, [id])) as AccountRow[];
  return rows[0] ? toAccount(rows[0]) : undefined;
}

// one more failure in a row; the one that reaches `lockAfter` locks the account. A lock that
// has run out starts the count again
export async function recordSignInFailure(
  manager: EntityManager,
  id: string,
  now: Date,
  lockAfter: number,
  lockSeconds: number,
): Promise<{ failedSignIns: number; lockedUntil: Date | null }> {
  const [rows] = (await manager.query(
    `with next as (
       select id, case when locked_until is not null and locked_until <= $2 then 1
                       else failed_sign_ins + 1 end as failures
         from app_user where id = $1 for update)
     update app_user u
        set failed_sign_ins = next.failures,
            last_failed_sign_in_at = $2,
            locked_until = case when next.failures >= $3 then $2 + make_interval(secs => $4) else null end
       from next where u.id = next.id
     returning u.failed_sign_ins, u.locked_until`,
    [id, now, lockAfter, lockSeconds],
  )) as [{ failed_sign_ins: number; locked_until: Date | null }[], number];
  return { failedSignIns: rows[0].failed_sign_ins, lockedUntil: rows[0].locked_until };
}

export async function clearSignInFailures(manager: EntityManager, id: string): Promise<void> {
  await manager.query(
    `update app_user set failed_sign_ins = 0, locked_until = null
      where id = $1 and (failed_sign_ins <> 0 or locked_until is not null)`,
    [id],
  );
}

// a new password: any setup code is spent, any lock lifted
export async function setPasswordHash(
  manager: EntityManager,
  id: string,
  hash: string,
  now: Date,
): Promise<void> {
  await manager.query(
    `update app_user
        set password_hash = $2, password_changed_at = $3, setup_code_hash = null,
            setup_code_expires_at = null, failed_sign_ins = 0, locked_until = null, updated_at = $3
      where id = $1`,
    [id, hash, now],
  );
}

// the user a setup code (shown once by an admin) belongs to, if it is theirs and still valid
export async function userForSetupCode(
  db: Queryable,
  email: string,
  codeHash: string,
  now: Date,
): Promise<{ id: string; name: string; email: string; role: Role; agencyId: string } | undefined> {
  const rows = (await db.query(
    `select id, name, email, role, agency_id from app_user
      where email = $1 and kind = 'PERSON' and active and setup_code_hash = $2
        and setup_code_expires_at > $3`,
    [email, codeHash, now],
  )) as { id: string; name: string; email: string; role: Role; agency_id: string }[];
  const row = rows[0];
  return row
    ? { id: row.id, name: row.name, email: row.email, role: row.role, agencyId: row.agency_id }
    : undefined;
}

// the setup code is spent by the statement that sets the password: two uses of one code race
// for one row, and one wins
export async function setPasswordWithSetupCode(
  manager: EntityManager,
  id: string,
  codeHash: string,
  hash: string,
  now: Date,
): Promise<boolean> {
  const [, count] = (await manager.query(
    `update app_user
        set password_hash = $3, password_changed_at = $4, setup_code_hash = null,
            setup_code_expires_at = null, failed_sign_ins = 0, locked_until = null, updated_at = $4
      where id = $1 and setup_code_hash = $2 and setup_code_expires_at > $4 and active`,
    [id, codeHash, hash, now],
  )) as [unknown, number];
  return count > 0;
}
