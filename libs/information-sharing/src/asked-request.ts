import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { requestById, type RequestRow } from './information-requests.repository';

// a request as one of the asked agency's people (or its systems) acts on it, locked: anyone
// else's is answered as a missing one (404), and the denial is recorded
export async function askedRequest(
  manager: EntityManager,
  user: AuthenticatedUser,
  id: string,
): Promise<RequestRow> {
  const row = await requestById(manager, id, true);
  if (!row) throw DomainError.notFound('information request');
  if (row.agency_id !== user.agencyId) throw DomainError.notYours('information request', id);
  return row;
}
