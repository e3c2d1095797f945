import { DomainError, ErrorCode, httpStatusFor } from '@app/core';
import { agencyFilterFor, assertCanSeeAgencyRecord, canSeeAgencyRecord, isMachStaff } from './agency-scope';
import type { AuthenticatedUser } from './authenticated-user';
import { ROLES, type Role } from './roles';

const OWN = 'agency-own';
const OTHER = 'agency-other';

const userWith = (role: Role, agencyId = OWN): AuthenticatedUser => ({ id: `user-${role}`, role, agencyId });

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

// STYLE.md: MACH staff work every record; police and partners see only what their own agency sent
const table = [
  { role: 'SCREENER', owner: OWN, visible: true },
  { role: 'SCREENER', owner: OTHER, visible: true },
  { role: 'SCREENER', owner: null, visible: true },
  { role: 'MANAGER', owner: OWN, visible: true },
  { role: 'MANAGER', owner: OTHER, visible: true },
  { role: 'MANAGER', owner: undefined, visible: true },
  { role: 'ADMIN', owner: OWN, visible: true },
  { role: 'ADMIN', owner: OTHER, visible: true },
  { role: 'ADMIN', owner: null, visible: true },
  { role: 'POLICE', owner: OWN, visible: true },
  { role: 'POLICE', owner: OTHER, visible: false },
  { role: 'POLICE', owner: null, visible: false },
  { role: 'POLICE', owner: undefined, visible: false },
  { role: 'PARTNER', owner: OWN, visible: true },
  { role: 'PARTNER', owner: OTHER, visible: false },
  { role: 'PARTNER', owner: null, visible: false },
  { role: 'PARTNER', owner: undefined, visible: false },
  { role: 'PARTNER', owner: '', visible: false },
] as const satisfies readonly { role: Role; owner: string | null | undefined; visible: boolean }[];

describe('agency scope', () => {
  it('should cover every role when the table is built', () => {
    expect([...new Set(table.map((row) => row.role))].sort()).toEqual([...ROLES].sort());
  });

  describe('isMachStaff', () => {
    it.each`
      role          | expected
      ${'SCREENER'} | ${true}
      ${'MANAGER'}  | ${true}
      ${'ADMIN'}    | ${true}
      ${'POLICE'}   | ${false}
      ${'PARTNER'}  | ${false}
    `(
      'should return $expected when the role is $role',
      ({ role, expected }: { role: Role; expected: boolean }) => {
        expect(isMachStaff(userWith(role))).toBe(expected);
      },
    );
  });

  describe('canSeeAgencyRecord', () => {
    it.each(table)(
      'should return $visible when a $role looks at a record owned by $owner',
      ({ role, owner, visible }) => {
        expect(canSeeAgencyRecord(userWith(role), owner)).toBe(visible);
      },
    );

    // a partner with no agency must not match a record with no agency
    it.each(['POLICE', 'PARTNER'] as const)(
      'should return false when a %s with an empty agency looks at a record with an empty owner',
      (role) => {
        expect(canSeeAgencyRecord(userWith(role, ''), '')).toBe(false);
      },
    );
  });

  describe('assertCanSeeAgencyRecord', () => {
    it.each(table.filter((row) => row.visible))(
      'should not throw when a $role looks at a record owned by $owner',
      ({ role, owner }) => {
        expect(() => assertCanSeeAgencyRecord(userWith(role), owner)).not.toThrow();
      },
    );

    // API.md: 404 for another agency's record, so "not yours" reads exactly like "missing"
    it.each(table.filter((row) => !row.visible))(
      'should throw NOT_FOUND when a $role looks at a record owned by $owner',
      ({ role, owner }) => {
        const error = captureError(() => assertCanSeeAgencyRecord(userWith(role), owner, 'contact'));
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe(ErrorCode.NOT_FOUND);
        expect(httpStatusFor((error as DomainError).code)).toBe(404);
      },
    );

    it('should throw the same error as a missing record when the record belongs to another agency', () => {
      const notYours = captureError(() => assertCanSeeAgencyRecord(userWith('POLICE'), OTHER, 'contact'));
      const missing = DomainError.notFound('contact');
      expect(notYours).toEqual(missing);
      expect((notYours as DomainError).message).toBe(missing.message);
      expect((notYours as DomainError).details).toBeUndefined();
      expect((notYours as DomainError).meta).toBeUndefined();
    });

    it('should name the record kind when a kind is given', () => {
      const error = captureError(() => assertCanSeeAgencyRecord(userWith('PARTNER'), OTHER, 'contact'));
      expect((error as DomainError).message).toBe('No such contact.');
    });

    it('should say record when no kind is given', () => {
      const error = captureError(() => assertCanSeeAgencyRecord(userWith('PARTNER'), OTHER));
      expect((error as DomainError).message).toBe('No such record.');
    });
  });

  describe('agencyFilterFor', () => {
    // STYLE.md: list queries filter police and partners to their own agency; MACH staff see all
    it.each`
      role          | expected
      ${'SCREENER'} | ${null}
      ${'MANAGER'}  | ${null}
      ${'ADMIN'}    | ${null}
      ${'POLICE'}   | ${OWN}
      ${'PARTNER'}  | ${OWN}
    `(
      'should return $expected when the role is $role',
      ({ role, expected }: { role: Role; expected: string | null }) => {
        expect(agencyFilterFor(userWith(role))).toBe(expected);
      },
    );

    it.each(['POLICE', 'PARTNER'] as const)(
      'should return the caller agency when a %s of another agency asks',
      (role) => {
        expect(agencyFilterFor(userWith(role, OTHER))).toBe(OTHER);
      },
    );
  });
});
