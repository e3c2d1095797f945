import type { FieldError } from '@app/core';

// GET /api/contacts (issue 17 item 5): the rules of the list, apart from its SQL

export interface Position {
  receivedAt: string; // received_at as PostgreSQL writes it, microseconds kept
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// "2026-12-02 13:22:01.123456+00" (PostgreSQL's timestamptz text)
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

// the cursor is opaque to a client: the last row's place in the order, base64url
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.receivedAt, position.id]), 'utf8').toString('base64url');
}

// undefined for anything this service did not write
export function decodeCursor(cursor: string): Position | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [receivedAt, id] = value as unknown[];
    if (typeof receivedAt !== 'string' || !PG_TIMESTAMP.test(receivedAt)) return undefined;
    if (typeof id !== 'string' || !UUID.test(id)) return undefined;
    return { receivedAt, id };
  } catch {
    return undefined;
  }
}

// the filters only MACH staff may use: a partner sees its own agency's contacts, and neither
// their rating, source nor the child's record
export const STAFF_ONLY_FILTERS = ['rag', 'source', 'agencyId', 'childId'] as const;

export function partnerFilterProblems(
  query: Partial<Record<(typeof STAFF_ONLY_FILTERS)[number], unknown>>,
): FieldError[] {
  return STAFF_ONLY_FILTERS.filter((key) => query[key] !== undefined).map((field) => ({
    field,
    message: 'only MACH staff may filter by it: a partner sees its own agency’s contacts',
  }));
}

// an interval that is empty is a mistake, not a quiet empty page
export function intervalProblems(from: string | undefined, to: string | undefined): FieldError[] {
  if (from === undefined || to === undefined) return [];
  return new Date(from).getTime() < new Date(to).getTime()
    ? []
    : [{ field: 'to', message: 'must be after from' }];
}
