import type { ReturnsPolicySchema } from '@app/core';

// the id the returns name a child by (config/returns.yml cinCensus.laChildId, decision 0030):
// the front door's LAchildID, or the council's case-system id where the record has one. Both
// are at most 20 letters and digits (CIN rules 1570, 1580), by the child table's constraints.
// An SQL expression over the child table aliased `ch`.
export function childIdSql(policy: ReturnsPolicySchema): string {
  return policy.cinCensus.laChildId === 'caseSystem'
    ? 'coalesce(ch.case_system_id, ch.la_child_id)'
    : 'ch.la_child_id';
}
