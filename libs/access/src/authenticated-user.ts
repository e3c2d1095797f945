import type { Role } from './roles';

// who is calling, as their session says now; no personal data beyond the id
export interface AuthenticatedUser {
  id: string;
  role: Role;
  agencyId: string;
  // the server-side session the request was checked against (issue 14); absent only for
  // callers made in process (tests, the seeder)
  sessionId?: string;
}
