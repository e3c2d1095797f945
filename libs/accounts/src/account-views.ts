import type { AdminUserRecord, AgencyRecord } from '@app/auth';
import type { AgencyViewDto } from './dto/agency.dto';
import type { AdminUserViewDto } from './dto/user.dto';

export function agencyViewOf(agency: AgencyRecord): AgencyViewDto {
  return {
    id: agency.id,
    name: agency.name,
    kind: agency.kind,
    activeUsers: agency.activeUsers,
    createdAt: agency.createdAt.toISOString(),
  };
}

// an account as an administrator sees it: who, where, and whether they can sign in (never a
// hash, a code or a secret)
export function adminUserViewOf(user: AdminUserRecord, now: Date): AdminUserViewDto {
  const pending = !!user.setupCodeExpiresAt && user.setupCodeExpiresAt > now;
  const locked = !!user.lockedUntil && user.lockedUntil > now;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    agency: { id: user.agencyId, name: user.agencyName, kind: user.agencyKind },
    active: user.active,
    passwordSet: user.passwordSet,
    setupCodeExpiresAt: pending ? user.setupCodeExpiresAt!.toISOString() : null,
    lockedUntil: locked ? user.lockedUntil!.toISOString() : null,
    failedSignIns: user.failedSignIns,
    mfaEnabled: user.mfaEnabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
