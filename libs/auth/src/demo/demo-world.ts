import type { AgencyKind, Role } from '@app/access';
import { hashPassword } from '../password-hasher';

// the demo world of API.md "Roles and the demo world"
export const DEMO_AGENCIES: { name: string; kind: AgencyKind }[] = [
  { name: 'MACH', kind: 'LA_SOCIAL_CARE' },
  { name: 'Cleveland Police', kind: 'POLICE' },
  { name: 'Durham Police', kind: 'POLICE' },
  { name: 'Acklam Primary School', kind: 'EDUCATION' },
  // issue 18: a health partner the front door asks what it knows
  { name: 'South Tees Health', kind: 'HEALTH' },
];

export const DEMO_USERS: { email: string; name: string; role: Role; agency: string }[] = [
  { email: 'screener@mach.example', name: 'Sam Screener', role: 'SCREENER', agency: 'MACH' },
  { email: 'screener2@mach.example', name: 'Sasha Screener', role: 'SCREENER', agency: 'MACH' },
  { email: 'manager@mach.example', name: 'Morgan Manager', role: 'MANAGER', agency: 'MACH' },
  {
    email: 'police@cleveland.example',
    name: 'PC Casey Cleveland',
    role: 'POLICE',
    agency: 'Cleveland Police',
  },
  { email: 'police@durham.example', name: 'PC Drew Durham', role: 'POLICE', agency: 'Durham Police' },
  { email: 'school@partner.example', name: 'Pat Partner', role: 'PARTNER', agency: 'Acklam Primary School' },
  { email: 'health@partner.example', name: 'Hana Health', role: 'PARTNER', agency: 'South Tees Health' },
  { email: 'admin@mach.example', name: 'Alex Admin', role: 'ADMIN', agency: 'MACH' },
];

export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

// idempotent: agencies and users that exist are left alone (passwords included), so
// several instances may seed at once and a restart changes nothing
export async function seedDemoWorld(db: Queryable, password: string, hashCost: number): Promise<number> {
  for (const agency of DEMO_AGENCIES) {
    await db.query('insert into agency (name, kind) values ($1, $2) on conflict (name) do nothing', [
      agency.name,
      agency.kind,
    ]);
  }
  const existing = (await db.query('select email from app_user where email = any($1)', [
    DEMO_USERS.map((u) => u.email),
  ])) as { email: string }[];
  const have = new Set(existing.map((r) => r.email));
  const missing = DEMO_USERS.filter((u) => !have.has(u.email));
  if (missing.length === 0) return 0;
  const hash = await hashPassword(password, hashCost);
  let created = 0;
  for (const user of missing) {
    const rows = (await db.query(
      `insert into app_user (agency_id, email, name, role, password_hash)
       select id, $2, $3, $4, $5 from agency where name = $1
       on conflict (email) do nothing returning id`,
      [user.agency, user.email, user.name, user.role, hash],
    )) as unknown[];
    created += rows.length;
  }
  return created;
}
