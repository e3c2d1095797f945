import type { Role } from './roles';

// who is calling, as the signed token says; no personal data beyond the id
export interface AuthenticatedUser {
  id: string;
  role: Role;
  agencyId: string;
}
