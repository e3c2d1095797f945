import { DomainError, ErrorCode } from '@app/core';

// the contacts module's refusals, each built one way: the client reads the same code and the
// same detail shape whichever route refused it (API.md: 409 CONTACT_ALREADY_CLAIMED names
// who holds the contact)
export function contactAlreadyClaimed(holder: { id: string; name?: string | null }): DomainError {
  return new DomainError(
    ErrorCode.CONTACT_ALREADY_CLAIMED,
    `${holder.name ?? 'Another screener'} is already working on this contact.`,
    undefined,
    { claimedBy: { id: holder.id, name: holder.name ?? null } },
  );
}
