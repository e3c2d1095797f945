import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/core';
import type { AuditDetails } from './entities/audit-entry.entity';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedContent {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  actorAgencyId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  correlationId: string | null;
  details: AuditDetails;
}

// each row's hash covers its content and the previous row's hash: editing or removing
// any row breaks every hash after it
export function auditHash(prevHash: string, entry: HashedContent): string {
  // named fields only: a row read back carries its own hashes, which must not be hashed
  const content = canonicalJson({
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    actorAgencyId: entry.actorAgencyId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    correlationId: entry.correlationId,
    details: entry.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
