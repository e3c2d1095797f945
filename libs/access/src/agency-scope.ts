import { DomainError } from '@app/core';
import type { AuthenticatedUser } from './authenticated-user';
import { MACH_ROLES } from './roles';

// MACH staff (screeners, managers, admins) work the whole front door
export function isMachStaff(user: AuthenticatedUser): boolean {
  return MACH_ROLES.includes(user.role);
}

// police and partners see only what their own agency sent
export function canSeeAgencyRecord(
  user: AuthenticatedUser,
  ownerAgencyId: string | null | undefined,
): boolean {
  return isMachStaff(user) || (!!ownerAgencyId && ownerAgencyId === user.agencyId);
}

// "not yours" answers exactly like "does not exist" (API.md: 404 for another agency's record)
export function assertCanSeeAgencyRecord(
  user: AuthenticatedUser,
  ownerAgencyId: string | null | undefined,
  what = 'record',
  entityId?: string,
): void {
  if (!canSeeAgencyRecord(user, ownerAgencyId)) throw DomainError.notYours(what, entityId);
}

// for list queries: the agency to filter on, or null when the caller sees all
export function agencyFilterFor(user: AuthenticatedUser): string | null {
  return isMachStaff(user) ? null : user.agencyId;
}
