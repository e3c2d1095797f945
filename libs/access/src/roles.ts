export const ROLES = ['SCREENER', 'MANAGER', 'POLICE', 'PARTNER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const AGENCY_KINDS = [
  'LA_SOCIAL_CARE',
  'POLICE',
  'EDUCATION',
  'HEALTH',
  'PROBATION',
  'HOUSING',
  'OTHER',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

// MACH staff work every record; police and partners only their own agency's
export const MACH_ROLES: readonly Role[] = ['SCREENER', 'MANAGER', 'ADMIN'];
