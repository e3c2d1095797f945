import type { AgencyKind, Role } from '@app/access';
import type { FieldError } from '@app/core';

// a partner system acts for its agency in one of the two outside roles: a police force's system
// as POLICE, any other partner agency's as PARTNER. Never a MACH staff role, and the council's
// own social care (LA_SOCIAL_CARE) has people, not API clients
export const CLIENT_ROLES = ['POLICE', 'PARTNER'] as const satisfies readonly Role[];
export type ClientRole = (typeof CLIENT_ROLES)[number];

const PARTNER_KINDS: readonly AgencyKind[] = ['EDUCATION', 'HEALTH', 'PROBATION', 'HOUSING', 'OTHER'];

export function isClientRole(role: string): role is ClientRole {
  return (CLIENT_ROLES as readonly string[]).includes(role);
}

// what is wrong with a client of this role for an agency of this kind, naming the field
export function clientRoleProblem(agencyKind: AgencyKind, role: string): FieldError | undefined {
  if (agencyKind === 'LA_SOCIAL_CARE') {
    return {
      field: 'agencyId',
      message: 'is the council’s own social care: its people sign in, it has no API clients',
    };
  }
  if (!isClientRole(role)) return { field: 'role', message: 'must be POLICE or PARTNER' };
  if (role === 'POLICE' && agencyKind !== 'POLICE') {
    return {
      field: 'role',
      message: `POLICE is for a police agency’s system; this agency is ${agencyKind}: use PARTNER`,
    };
  }
  if (role === 'PARTNER' && !PARTNER_KINDS.includes(agencyKind)) {
    return {
      field: 'role',
      message: `PARTNER is for a partner agency’s system; this agency is ${agencyKind}: use POLICE`,
    };
  }
  return undefined;
}
