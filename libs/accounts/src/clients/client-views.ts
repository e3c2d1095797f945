import type { ApiClientRecord } from '@app/auth';
import { DomainError, ErrorCode } from '@app/core';
import type { ApiClientDto } from './dto/clients.dto';

export function apiClientViewOf(client: ApiClientRecord): ApiClientDto {
  return {
    id: client.id,
    clientId: client.clientId,
    name: client.name,
    role: client.role,
    agency: { id: client.agencyId, name: client.agencyName },
    userId: client.userId,
    active: client.revokedAt === null,
    createdAt: client.createdAt.toISOString(),
    ...(client.createdBy ? { createdBy: client.createdBy } : {}),
    ...(client.secretRotatedAt ? { secretRotatedAt: client.secretRotatedAt.toISOString() } : {}),
    ...(client.revokedAt ? { revokedAt: client.revokedAt.toISOString() } : {}),
  };
}

export const noSuchClient = () => DomainError.notFound('API client');

export const clientRevoked = () =>
  new DomainError(ErrorCode.STALE_STATE, 'The client is revoked: make a new one instead.');

export const noSuchAgencyForClient = () =>
  DomainError.validation([{ field: 'agencyId', message: 'is not an agency' }]);
