import type { AgencyKind, Role } from '@app/access';

// issue 14 item 2: who may belong to which kind of agency. MACH staff (screeners, managers,
// administrators) work for the council's children's social care; police officers for a force;
// everyone else who makes contacts (schools, health, probation, housing, others) is a partner
export const ROLES_BY_AGENCY_KIND: Readonly<Record<AgencyKind, readonly Role[]>> = {
  LA_SOCIAL_CARE: ['SCREENER', 'MANAGER', 'ADMIN'],
  POLICE: ['POLICE'],
  EDUCATION: ['PARTNER'],
  HEALTH: ['PARTNER'],
  PROBATION: ['PARTNER'],
  HOUSING: ['PARTNER'],
  OTHER: ['PARTNER'],
};

export function roleFitsAgency(role: Role, kind: AgencyKind): boolean {
  return ROLES_BY_AGENCY_KIND[kind].includes(role);
}

// why a role does not fit the agency, for the field at fault; undefined when it does
export function roleMismatch(role: Role, kind: AgencyKind): string | undefined {
  if (roleFitsAgency(role, kind)) return undefined;
  return `a ${role} user cannot belong to a ${kind} agency (it takes ${ROLES_BY_AGENCY_KIND[kind].join(', ')})`;
}

// the roles among `roles` that a change of the agency's kind would leave out of place
export function rolesUnfitFor(roles: readonly Role[], kind: AgencyKind): Role[] {
  return roles.filter((role) => !roleFitsAgency(role, kind));
}

export interface AdminChange {
  // the active administrators as they are now
  activeAdmins: readonly string[];
  userId: string;
  // the user's role and active flag after the change
  role: Role;
  active: boolean;
}

// issue 14 item 2: the council must never be left without an active administrator. True when
// the change takes the last one away (by a new role or by deactivation)
export function leavesNoActiveAdmin({ activeAdmins, userId, role, active }: AdminChange): boolean {
  if (!activeAdmins.includes(userId)) return false;
  if (role === 'ADMIN' && active) return false;
  return activeAdmins.every((id) => id === userId);
}
