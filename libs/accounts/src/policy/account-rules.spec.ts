import { AGENCY_KINDS, ROLES, type AgencyKind, type Role } from '@app/access';
import { leavesNoActiveAdmin, roleFitsAgency, roleMismatch, rolesUnfitFor } from './account-rules';

// issue 14 item 2: POLICE users only in POLICE agencies; SCREENER, MANAGER and ADMIN only in
// LA_SOCIAL_CARE agencies; PARTNER in the others
const FITS: Record<AgencyKind, Role[]> = {
  LA_SOCIAL_CARE: ['SCREENER', 'MANAGER', 'ADMIN'],
  POLICE: ['POLICE'],
  EDUCATION: ['PARTNER'],
  HEALTH: ['PARTNER'],
  PROBATION: ['PARTNER'],
  HOUSING: ['PARTNER'],
  OTHER: ['PARTNER'],
};

const table = AGENCY_KINDS.flatMap((kind) =>
  ROLES.map((role) => ({ role, kind, allowed: FITS[kind].includes(role) })),
);

describe('account rules (issue 14 item 2)', () => {
  it('should cover every role in every kind of agency when the table is built', () => {
    expect(table).toHaveLength(ROLES.length * AGENCY_KINDS.length);
    expect(table.filter((row) => row.allowed)).toHaveLength(3 + 1 + 5);
  });

  describe('roleFitsAgency', () => {
    it.each(table)(
      'should return $allowed when a $role user is in a $kind agency',
      ({ role, kind, allowed }) => {
        expect(roleFitsAgency(role, kind)).toBe(allowed);
      },
    );
  });

  describe('roleMismatch', () => {
    it.each(table.filter((row) => row.allowed))(
      'should say nothing when a $role user is in a $kind agency',
      ({ role, kind }) => {
        expect(roleMismatch(role, kind)).toBeUndefined();
      },
    );

    it.each(table.filter((row) => !row.allowed))(
      'should name the role and kind when a $role user is in a $kind agency',
      ({ role, kind }) => {
        const message = roleMismatch(role, kind);
        expect(message).toContain(role);
        expect(message).toContain(kind);
      },
    );

    it('should say which roles the agency takes when the role does not fit', () => {
      expect(roleMismatch('POLICE', 'EDUCATION')).toBe(
        'a POLICE user cannot belong to a EDUCATION agency (it takes PARTNER)',
      );
    });
  });

  describe('rolesUnfitFor', () => {
    it.each`
      roles                               | kind                | unfit
      ${[]}                               | ${'POLICE'}         | ${[]}
      ${['PARTNER']}                      | ${'HEALTH'}         | ${[]}
      ${['PARTNER']}                      | ${'LA_SOCIAL_CARE'} | ${['PARTNER']}
      ${['ADMIN', 'MANAGER', 'SCREENER']} | ${'LA_SOCIAL_CARE'} | ${[]}
      ${['ADMIN', 'MANAGER', 'SCREENER']} | ${'EDUCATION'}      | ${['ADMIN', 'MANAGER', 'SCREENER']}
      ${['POLICE']}                       | ${'PROBATION'}      | ${['POLICE']}
      ${['POLICE', 'PARTNER']}            | ${'POLICE'}         | ${['PARTNER']}
    `(
      'should return $unfit when an agency with $roles becomes $kind',
      ({ roles, kind, unfit }: { roles: Role[]; kind: AgencyKind; unfit: Role[] }) => {
        expect(rolesUnfitFor(roles, kind)).toEqual(unfit);
      },
    );
  });

  // issue 14 item 2: an admin cannot deactivate or demote the last active ADMIN
  describe('leavesNoActiveAdmin', () => {
    it.each`
      activeAdmins  | userId | role          | active   | leavesNone | why
      ${['a']}      | ${'a'} | ${'MANAGER'}  | ${true}  | ${true}    | ${'the only admin demoted'}
      ${['a']}      | ${'a'} | ${'ADMIN'}    | ${false} | ${true}    | ${'the only admin deactivated'}
      ${['a']}      | ${'a'} | ${'SCREENER'} | ${false} | ${true}    | ${'the only admin demoted and deactivated'}
      ${['a']}      | ${'a'} | ${'ADMIN'}    | ${true}  | ${false}   | ${'the only admin renamed'}
      ${['a', 'b']} | ${'a'} | ${'MANAGER'}  | ${true}  | ${false}   | ${'another admin remains'}
      ${['a', 'b']} | ${'b'} | ${'ADMIN'}    | ${false} | ${false}   | ${'another admin remains'}
      ${['a']}      | ${'x'} | ${'SCREENER'} | ${false} | ${false}   | ${'a screener deactivated'}
      ${['a']}      | ${'x'} | ${'MANAGER'}  | ${true}  | ${false}   | ${'an inactive admin demoted'}
      ${[]}         | ${'x'} | ${'ADMIN'}    | ${true}  | ${false}   | ${'a first admin made'}
      ${['a', 'a']} | ${'a'} | ${'MANAGER'}  | ${true}  | ${true}    | ${'the same admin listed twice'}
    `(
      'should return $leavesNone when $why',
      ({
        activeAdmins,
        userId,
        role,
        active,
        leavesNone,
      }: {
        activeAdmins: string[];
        userId: string;
        role: Role;
        active: boolean;
        leavesNone: boolean;
      }) => {
        expect(leavesNoActiveAdmin({ activeAdmins, userId, role, active })).toBe(leavesNone);
      },
    );
  });
});
