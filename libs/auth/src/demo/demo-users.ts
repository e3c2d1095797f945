import type { AuthenticatedUser, Role } from '@app/access';
import { DEMO_USERS, type Queryable } from './demo-world';

// the demo world's people as the use cases take them ({ id, role, agencyId }), by their email;
// only those that exist and are active (an admin may have deactivated one)
export async function findDemoUsers(db: Queryable): Promise<Map<string, AuthenticatedUser>> {
  const rows = (await db.query(
    `select u.id, u.email, u.role, u.agency_id
       from app_user u
      where u.email = any($1) and u.active and u.kind = 'PERSON'`,
    [DEMO_USERS.map((u) => u.email)],
  )) as { id: string; email: string; role: Role; agency_id: string }[];
  return new Map(rows.map((r) => [r.email, { id: r.id, role: r.role, agencyId: r.agency_id }]));
}
