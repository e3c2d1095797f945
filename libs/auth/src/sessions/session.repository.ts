import type { EntityManager } from 'typeorm';
import type { Role } from '@app/access';

// auth_session's SQL, all of it: sessions are opened, checked (with their user's current
// role, agency and active flag) and ended here
export type SessionKind = 'BEARER' | 'COOKIE' | 'CLIENT';
export type SessionPurpose = 'FULL' | 'MFA_ENROLMENT';
// how the person proved who they are
export type SignInMethod = 'PASSWORD' | 'PASSWORD_TOTP' | 'PASSWORD_RECOVERY_CODE' | 'OIDC' | 'CLIENT_SECRET';

export type SessionEndReason =
  | 'LOGOUT'
  | 'IDLE'
  | 'EXPIRED'
  | 'USER_DEACTIVATED'
  | 'ROLE_CHANGED'
  | 'AGENCY_CHANGED'
  | 'PASSWORD_RESET'
  | 'PASSWORD_CHANGED'
  | 'MFA_CHANGED'
  | 'CLIENT_REVOKED'
  | 'CLIENT_ROTATED'
  | 'ENROLMENT_COMPLETE';

export interface NewSession {
  userId: string;
  kind: SessionKind;
  purpose: SessionPurpose;
  method: SignInMethod;
  mfa: boolean;
  now: Date;
  expiresAt: Date;
}

// a session still open, as a request sees it
export interface OpenSession {
  id: string;
  userId: string;
  role: Role;
  agencyId: string;
  kind: SessionKind;
  purpose: SessionPurpose;
  mfa: boolean;
  expiresAt: Date;
}

interface SessionRow {
  id: string;
  user_id: string;
  role: Role;
  agency_id: string;
  kind: SessionKind;
  purpose: SessionPurpose;
  mfa: boolean;
  expires_at: Date;
}

const toOpen = (row: SessionRow): OpenSession => ({
  id: row.id,
  userId: row.user_id,
  role: row.role,
  agencyId: row.agency_id,
  kind: row.kind,
  purpose: row.purpose,
  mfa: row.mfa,
  expiresAt: row.expires_at,
});

export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export async function insertSession(manager: EntityManager, session: NewSession): Promise<string> {
  const [row] = (await manager.query(
    `insert into auth_session (user_id, kind, purpose, method, mfa, created_at, last_seen_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $6, $7) returning id`,
    [
      session.userId,
      session.kind,
      session.purpose,
      session.method,
      session.mfa,
      session.now,
      session.expiresAt,
    ],
  )) as { id: string }[];
  return row.id;
}

// the check and the touch in one statement: open, not past its lifetime, seen within the idle
// timeout, its user still active; the user's role and agency as they are now
export async function touchSession(
  db: Queryable,
  id: string,
  now: Date,
  idleSeconds: number,
): Promise<OpenSession | undefined> {
  const rows = (await db.query(
    `update auth_session s set last_seen_at = $2
       from app_user u
      where s.id = $1 and s.ended_at is null and s.expires_at > $2
        and s.last_seen_at > $2 - make_interval(secs => $3)
        and u.id = s.user_id and u.active
      returning s.id, s.user_id, u.role, u.agency_id, s.kind, s.purpose, s.mfa, s.expires_at`,
    [id, now, idleSeconds],
  )) as [SessionRow[], number];
  const row = rows[0]?.[0];
  return row ? toOpen(row) : undefined;
}

// sessions that failed the check are ended for good, each with why (those unknown or already
// ended are not in the answer); one statement however many
export async function endLapsedSessions(
  db: Queryable,
  ids: string[],
  now: Date,
  idleSeconds: number,
): Promise<Map<string, SessionEndReason>> {
  const [rows] = (await db.query(
    `update auth_session s
        set ended_at = $2,
            ended_reason = case when s.expires_at <= $2 then 'EXPIRED'
                                when s.last_seen_at <= $2 - make_interval(secs => $3) then 'IDLE'
                                else 'USER_DEACTIVATED' end
      where s.id = any($1::uuid[]) and s.ended_at is null
      returning s.id, s.ended_reason`,
    [ids, now, idleSeconds],
  )) as [{ id: string; ended_reason: SessionEndReason }[], number];
  return new Map(rows.map((r) => [r.id, r.ended_reason]));
}

// how the person signed in for this session (a session that moves on keeps saying so)
export async function sessionMethod(db: Queryable, id: string): Promise<SignInMethod | undefined> {
  const rows = (await db.query(`select method from auth_session where id = $1`, [id])) as {
    method: SignInMethod;
  }[];
  return rows[0]?.method;
}

export async function endSession(
  manager: EntityManager,
  id: string,
  reason: SessionEndReason,
  now: Date,
): Promise<boolean> {
  const [, count] = (await manager.query(
    `update auth_session set ended_at = $2, ended_reason = $3 where id = $1 and ended_at is null`,
    [id, now, reason],
  )) as [unknown, number];
  return count > 0;
}

// every open session of a user, but `keep` (the one changing its own password stays)
export async function endUserSessions(
  manager: EntityManager,
  userId: string,
  reason: SessionEndReason,
  now: Date,
  keep?: string,
): Promise<string[]> {
  const [rows] = (await manager.query(
    `update auth_session set ended_at = $2, ended_reason = $3
      where user_id = $1 and ended_at is null and ($4::uuid is null or id <> $4::uuid)
      returning id`,
    [userId, now, reason, keep ?? null],
  )) as [{ id: string }[], number];
  return rows.map((r) => r.id);
}

// which of these sessions are still good, without touching them (the sessions sockets hold)
export async function openSessionIds(
  db: Queryable,
  ids: string[],
  now: Date,
  idleSeconds: number,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = (await db.query(
    `select s.id from auth_session s join app_user u on u.id = s.user_id
      where s.id = any($1::uuid[]) and s.ended_at is null and s.expires_at > $2
        and s.last_seen_at > $2 - make_interval(secs => $3) and u.active`,
    [ids, now, idleSeconds],
  )) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
