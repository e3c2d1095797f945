import { createHash } from 'node:crypto';
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

// jsonb does not keep key order, so the hash is taken over a canonical form
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
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
