import { DomainError, ErrorCode } from '@app/core';
import type { Role } from '@app/access';

// the refusals of the admin API, each with the field at fault
export const emailTaken = () =>
  new DomainError(ErrorCode.CONFLICT, 'There is already an account with that email.', [
    { field: 'email', message: 'is already in use (emails are compared whatever their case)' },
  ]);

export const agencyNameTaken = () =>
  new DomainError(ErrorCode.CONFLICT, 'There is already an agency with that name.', [
    { field: 'name', message: 'is already in use (names are compared whatever their case)' },
  ]);

export const noSuchAgency = () =>
  DomainError.validation([{ field: 'agencyId', message: 'is not an agency' }]);

export const lastAdmin = (field: 'role' | 'active') =>
  new DomainError(ErrorCode.CONFLICT, 'This is the last active administrator: make another one first.', [
    {
      field,
      message:
        field === 'role'
          ? 'cannot change: no active administrator would be left'
          : 'cannot be false: no active administrator would be left',
    },
  ]);

export const kindUnfitForUsers = (kind: string, roles: Role[]) =>
  new DomainError(ErrorCode.CONFLICT, 'The agency has users whose role does not fit that kind.', [
    {
      field: 'kind',
      message: `${kind} does not take ${roles.join(', ')} users, and the agency has some: move them first`,
    },
  ]);

export const userDeactivated = () =>
  new DomainError(ErrorCode.CONFLICT, 'The user is deactivated: reactivate them first.', [
    { field: 'active', message: 'is false' },
  ]);
