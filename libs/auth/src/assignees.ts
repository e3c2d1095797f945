import { Injectable } from '@nestjs/common';
import type { Role } from '@app/access';
import type { Queryable } from './sessions/session.repository';

// who may hold a contact (claim it, or be assigned it by a manager): an active person who
// screens, a SCREENER or MANAGER of the council's children's social care (the MACH agency,
// LA_SOCIAL_CARE). The account rules already keep those roles to such agencies and partner
// systems (SYSTEM users) to POLICE and PARTNER; the rule says so itself rather than lean on them
export const ASSIGNEE_ROLES = ['SCREENER', 'MANAGER'] as const satisfies readonly Role[];
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];

export interface Assignee {
  id: string;
  name: string;
  role: AssigneeRole;
}

// who may hold a contact, among the roles in parameter `roles`
function assigneesSql(roles: string): string {
  return `
  select u.id, u.name, u.role
    from app_user u join agency a on a.id = u.agency_id
   where u.active and u.kind = 'PERSON' and u.role = any(${roles}::text[]) and a.kind = 'LA_SOCIAL_CARE'`;
}

// the rule as a select of its own, for the check a claim makes in its statement (contacts'):
// the user in parameter `user`, when they may hold one
export function assigneeSql(user: string, roles: string): string {
  return `${assigneesSql(roles)} and u.id = ${user}`;
}

// app_user's SQL for that one rule, the same for the list (GET /api/users/assignable) and for
// the check a claim makes (POST /api/contacts/:id/claim, assigneeSql), so the list is exactly
// who is accepted
@Injectable()
export class Assignees {
  // by name, whatever its case
  async list(db: Queryable): Promise<Assignee[]> {
    return (await db.query(`${assigneesSql('$1')} order by lower(u.name), u.id`, [
      ASSIGNEE_ROLES,
    ])) as Assignee[];
  }
}
