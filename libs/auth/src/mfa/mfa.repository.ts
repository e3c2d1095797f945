import type { EntityManager } from 'typeorm';
import type { Queryable } from '../sessions/session.repository';

// app_user's MFA columns and mfa_recovery_code: all of their SQL
export interface MfaState {
  secret: string | null; // sealed (secret-box.ts)
  pendingSecret: string | null;
  enabled: boolean;
  lastStep: number | null;
}

// `lock`: the row is held until the transaction ends (enrolment and its confirmation must not
// cross: the code is checked against the very secret that is then put in force)
export async function mfaState(db: Queryable, userId: string, lock = false): Promise<MfaState | undefined> {
  const rows = (await db.query(
    `select mfa_secret, mfa_pending_secret, mfa_enabled_at is not null as enabled, mfa_last_step::float8 as last_step
       from app_user where id = $1${lock ? ' for update' : ''}`,
    [userId],
  )) as {
    mfa_secret: string | null;
    mfa_pending_secret: string | null;
    enabled: boolean;
    last_step: number | null;
  }[];
  const row = rows[0];
  return row
    ? {
        secret: row.mfa_secret,
        pendingSecret: row.mfa_pending_secret,
        enabled: row.enabled,
        lastStep: row.last_step,
      }
    : undefined;
}

// a TOTP step is used once (RFC 6238 5.2): the update wins only for a step after the last one
export async function spendTotpStep(manager: EntityManager, userId: string, step: number): Promise<boolean> {
  const [, count] = (await manager.query(
    `update app_user set mfa_last_step = $2
      where id = $1 and mfa_enabled_at is not null and (mfa_last_step is null or mfa_last_step < $2)`,
    [userId, step],
  )) as [unknown, number];
  return count > 0;
}

// a recovery code is used once
export async function spendRecoveryCode(
  manager: EntityManager,
  userId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const [, count] = (await manager.query(
    `update mfa_recovery_code set used_at = $3 where user_id = $1 and code_hash = $2 and used_at is null`,
    [userId, codeHash, now],
  )) as [unknown, number];
  return count > 0;
}

export async function setPendingSecret(
  manager: EntityManager,
  userId: string,
  sealed: string,
  now: Date,
): Promise<void> {
  await manager.query(`update app_user set mfa_pending_secret = $2, updated_at = $3 where id = $1`, [
    userId,
    sealed,
    now,
  ]);
}

// the pending secret becomes the one in force, with a fresh set of recovery codes
export async function enableMfa(
  manager: EntityManager,
  userId: string,
  step: number,
  recoveryCodeHashes: string[],
  now: Date,
): Promise<boolean> {
  const [, count] = (await manager.query(
    `update app_user set mfa_secret = mfa_pending_secret, mfa_pending_secret = null, mfa_enabled_at = $2,
            mfa_last_step = $3, updated_at = $2
      where id = $1 and mfa_pending_secret is not null`,
    [userId, now, step],
  )) as [unknown, number];
  if (count === 0) return false;
  await manager.query(`delete from mfa_recovery_code where user_id = $1`, [userId]);
  await manager.query(
    `insert into mfa_recovery_code (user_id, code_hash, created_at) select $1, h, $3 from unnest($2::text[]) h`,
    [userId, recoveryCodeHashes, now],
  );
  return true;
}

// a fresh set of recovery codes for a user whose MFA is in force (the old ones stop working)
export async function replaceRecoveryCodes(
  manager: EntityManager,
  userId: string,
  recoveryCodeHashes: string[],
  now: Date,
): Promise<void> {
  await manager.query(`delete from mfa_recovery_code where user_id = $1`, [userId]);
  await manager.query(
    `insert into mfa_recovery_code (user_id, code_hash, created_at) select $1, h, $3 from unnest($2::text[]) h`,
    [userId, recoveryCodeHashes, now],
  );
}

// an admin's reset: the user enrols again at their next sign-in
export async function clearMfa(manager: EntityManager, userId: string, now: Date): Promise<void> {
  await manager.query(
    `update app_user set mfa_secret = null, mfa_pending_secret = null, mfa_enabled_at = null, mfa_last_step = null,
            updated_at = $2 where id = $1`,
    [userId, now],
  );
  await manager.query(`delete from mfa_recovery_code where user_id = $1`, [userId]);
}
