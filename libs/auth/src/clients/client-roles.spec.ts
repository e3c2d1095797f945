import { AGENCY_KINDS, ROLES, type AgencyKind } from '@app/access';
import { clientRoleProblem } from './client-roles';

// issue 14 item 5: a police force's system acts as POLICE, a partner agency's as PARTNER;
// never a staff role, never for the council's own social care
describe('clientRoleProblem', () => {
  const allowed: [AgencyKind, string][] = [
    ['POLICE', 'POLICE'],
    ['EDUCATION', 'PARTNER'],
    ['HEALTH', 'PARTNER'],
    ['PROBATION', 'PARTNER'],
    ['HOUSING', 'PARTNER'],
    ['OTHER', 'PARTNER'],
  ];

  it.each(allowed)('should allow a client when the agency is %s and the role %s', (kind, role) => {
    expect(clientRoleProblem(kind, role)).toBeUndefined();
  });

  const refused = AGENCY_KINDS.flatMap((kind) =>
    ROLES.filter((role) => !allowed.some(([k, r]) => k === kind && r === role)).map(
      (role) => [kind, role, kind === 'LA_SOCIAL_CARE' ? 'agencyId' : 'role'] as const,
    ),
  );

  it.each(refused)(
    'should refuse a client when the agency is %s and the role %s, naming %s',
    (kind, role, field) => {
      expect(clientRoleProblem(kind, role)).toMatchObject({ field });
    },
  );

  it('should cover every agency kind and role when the table is built', () => {
    expect(allowed.length + refused.length).toBe(AGENCY_KINDS.length * ROLES.length);
  });

  it('should refuse a role that is no role when the agency is a police force', () => {
    expect(clientRoleProblem('POLICE', 'SUPERUSER')).toMatchObject({ field: 'role' });
  });
});
