import type { EntityManager } from 'typeorm';
import { canonicalJson, DomainError, sha256Hex } from '@app/core';

export type IdempotencyClaim =
  { kind: 'new' } | { kind: 'replay'; status: number; body: unknown } | { kind: 'mismatch' };

// API.md: same key + same body -> the first response again; same key + other body -> 422.
// The key row is inserted first, in the use case's transaction: a concurrent request with
// the same key blocks on the unique index until the first commits (then replays it) or
// rolls back (then goes ahead), so two requests never both create.
export async function claimIdempotencyKey(
  manager: EntityManager,
  ownerId: string,
  key: string,
  requestHash: string,
): Promise<IdempotencyClaim> {
  const inserted = (await manager.query(
    `insert into idempotency_record (owner_id, key, request_hash) values ($1, $2, $3)
     on conflict (owner_id, key) do nothing returning key`,
    [ownerId, key, requestHash],
  )) as unknown[];
  if (inserted.length === 1) return { kind: 'new' };
  const [existing] = (await manager.query(
    `select request_hash, response_status, response_body from idempotency_record where owner_id = $1 and key = $2`,
    [ownerId, key],
  )) as { request_hash: string; response_status: number | null; response_body: unknown }[];
  if (!existing || existing.request_hash !== requestHash) return { kind: 'mismatch' };
  return { kind: 'replay', status: existing.response_status ?? 201, body: existing.response_body };
}

export async function storeIdempotentResponse(
  manager: EntityManager,
  ownerId: string,
  key: string,
  status: number,
  body: unknown,
): Promise<void> {
  await manager.query(
    `update idempotency_record set response_status = $3, response_body = $4 where owner_id = $1 and key = $2`,
    [ownerId, key, status, JSON.stringify(body)],
  );
}

// the Idempotency-Key a partner sends, and the hash of what makes a retry "the same request"
export interface IdempotencyInput {
  key: string;
  requestHash: string;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

// a request's key, if it sent one (a malformed key is a 400 naming the header), with the hash of
// `request` (the body as sent, and whatever else names the request: a path id)
export function idempotencyInput(key: string | undefined, request: unknown): IdempotencyInput | undefined {
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key))
    throw DomainError.validation([{ field: 'Idempotency-Key', message: '1 to 200 letters, digits or ._:-' }]);
  return { key, requestHash: sha256Hex(canonicalJson(request)) };
}
