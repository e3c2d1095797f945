import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { DomainError, ErrorCode } from '@app/core';
import { claimIdempotencyKey, storeIdempotentResponse, type IdempotencyInput } from '@app/database';
import type { Journal } from '@app/live';
import type { ResponseVersionResultDto } from './dto/information-request.dto';

export interface RespondedVersion {
  body: ResponseVersionResultDto;
  replayed: boolean;
}

// a partner system's retry of an answer or a refusal (same Idempotency-Key, same request) gets
// the first answer again and makes no second version; the key with another request is a 422
export async function replayedResponse(
  manager: EntityManager,
  journal: Journal,
  user: AuthenticatedUser,
  requestId: string,
  idempotency: IdempotencyInput | undefined,
): Promise<RespondedVersion | undefined> {
  if (!idempotency) return undefined;
  const claim = await claimIdempotencyKey(manager, user.id, idempotency.key, idempotency.requestHash);
  if (claim.kind === 'mismatch')
    throw new DomainError(
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      'This Idempotency-Key was used with a different request. Use a new key for a new answer.',
      [{ field: 'Idempotency-Key', message: 'already used with another body' }],
    );
  if (claim.kind === 'new') return undefined;
  const body = claim.body as ResponseVersionResultDto;
  journal.write(manager, user, {
    action: 'INFORMATION_RESPONSE_REPLAYED',
    entityType: 'information_request',
    entityId: requestId,
    details: { version: body.version },
  });
  return { body, replayed: true };
}

export async function keepResponse(
  manager: EntityManager,
  user: AuthenticatedUser,
  idempotency: IdempotencyInput | undefined,
  body: ResponseVersionResultDto,
): Promise<RespondedVersion> {
  if (idempotency) await storeIdempotentResponse(manager, user.id, idempotency.key, 201, body);
  return { body, replayed: false };
}
