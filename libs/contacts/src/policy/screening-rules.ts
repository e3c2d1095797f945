import type { FieldError, RagRating } from '@app/core';

// the screening rules a contact's use cases share, with no framework in them

// DOMAIN.md: a contact is screened while RECEIVED (in the queue) or IN_SCREENING (claimed);
// once AWAITING_AUTHORISATION or DECIDED its rating and claim are settled
export const OPEN_FOR_SCREENING = ['RECEIVED', 'IN_SCREENING'] as const;

export function isOpenForScreening(status: string): boolean {
  return (OPEN_FOR_SCREENING as readonly string[]).includes(status);
}

// API.md: a manager acts on a contact whoever holds it (assigns it, decides it, releases it)
export function overridesClaims(role: string): boolean {
  return role === 'MANAGER';
}

// whether `actor` may act on a contact held by `claimedBy` (null: nobody). The holder and a
// manager always may; on a contact nobody holds, an action that needs the claim (a decision,
// a release) is refused to a screener, one that does not (a change of rating) is allowed.
// The conditional UPDATEs that settle races say the same in SQL:
// `(claimed_by = $user or $overridesClaims)`.
export function canActOnClaim(
  actor: { id: string; role: string },
  claimedBy: string | null,
  needs: 'the claim' | 'no other holder',
): boolean {
  if (overridesClaims(actor.role) || claimedBy === actor.id) return true;
  return claimedBy === null && needs === 'no other holder';
}

// API.md POST /api/contacts: "reason required when it differs from the suggestion"
export function ragReasonError(
  rag: RagRating,
  suggested: RagRating,
  reason: string | undefined,
): FieldError | null {
  if (rag === suggested || reason) return null;
  return { field: 'ragReason', message: `required when the rating differs from the suggested ${suggested}` };
}
