import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

export type Body = Record<string, unknown>;

// a valid contact, changed per test; names are unique per call so children do not match by accident
export function contactBody(overrides: Body = {}): Body {
  const unique = randomUUID().slice(0, 8);
  return {
    source: '2A',
    referrer: { name: 'Ms J Patel', organisation: 'Acklam Primary School', role: 'DSL' },
    child: { firstName: `Amira${unique}`, lastName: 'Khan', dateOfBirth: '2017-04-02', sex: 'F' },
    concerns: 'Amira arrived hungry three days running and was wearing the same clothes.',
    categories: ['OTHER'],
    immediateRisk: false,
    consent: { status: 'GIVEN' },
    ...overrides,
  };
}

// a contact made over HTTP by `token`, as the API answers it
export async function createContact(
  t: TestApp,
  token: string,
  overrides: Body = {},
): Promise<{ id: string }> {
  const res = await t
    .http()
    .post('/api/contacts')
    .set('authorization', `Bearer ${token}`)
    .send(contactBody(overrides))
    .expect(201);
  return res.body as { id: string };
}

export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3600_000).toISOString();
}

// makes active screeners of our own (the demo world has two), all able to sign in; or managers
export async function makeScreeners(
  t: TestApp,
  count: number,
  role: 'SCREENER' | 'MANAGER' = 'SCREENER',
): Promise<{ id: string; token: string }[]> {
  const rows = (await t.dataSource.query(
    `insert into app_user (agency_id, email, name, role, password_hash)
     select u.agency_id, 'racer' || g || '-' || $2 || '@mach.example', 'Racer ' || g, $3, u.password_hash
       from app_user u, generate_series(1, $1::int) g
      where u.email = 'screener@mach.example'
     returning id, email`,
    [count, randomUUID().slice(0, 6), role],
  )) as { id: string; email: string }[];
  return Promise.all(rows.map(async (r) => ({ id: r.id, token: await t.login(r.email) })));
}
