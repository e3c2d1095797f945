import { canActOnClaim, isOpenForScreening, overridesClaims, ragReasonError } from './screening-rules';

const screener = { id: 'u-1', role: 'SCREENER' };
const manager = { id: 'm-1', role: 'MANAGER' };

describe('isOpenForScreening (DOMAIN.md: screened while RECEIVED or IN_SCREENING)', () => {
  it.each([
    ['RECEIVED', true],
    ['IN_SCREENING', true],
    ['AWAITING_AUTHORISATION', false],
    ['DECIDED', false],
    ['', false],
  ])('%s -> %s', (status, open) => {
    expect(isOpenForScreening(status)).toBe(open);
  });
});

describe('overridesClaims (API.md: the claim holder, or a MANAGER)', () => {
  it.each([
    ['MANAGER', true],
    ['SCREENER', false],
    ['PARTNER', false],
    ['POLICE', false],
    ['ADMIN', false],
  ])('%s -> %s', (role, overrides) => {
    expect(overridesClaims(role)).toBe(overrides);
  });
});

describe('canActOnClaim (the holder or a manager; an unclaimed contact only where the claim is not needed)', () => {
  it.each([
    // who, held by, what the action needs, allowed
    [screener, 'u-1', 'the claim', true],
    [screener, 'u-1', 'no other holder', true],
    [screener, 'u-2', 'the claim', false],
    [screener, 'u-2', 'no other holder', false],
    [screener, null, 'the claim', false],
    [screener, null, 'no other holder', true],
    [manager, 'u-2', 'the claim', true],
    [manager, 'u-2', 'no other holder', true],
    [manager, null, 'the claim', true],
    [manager, null, 'no other holder', true],
  ] as const)('%o on a contact held by %s (needs %s) -> %s', (actor, claimedBy, needs, allowed) => {
    expect(canActOnClaim(actor, claimedBy, needs)).toBe(allowed);
  });
});

describe('ragReasonError (API.md: reason required when the rating differs from the suggestion)', () => {
  it.each([
    ['RED', 'RED', undefined, false],
    ['AMBER', 'RED', undefined, true],
    ['AMBER', 'RED', '', true],
    ['AMBER', 'RED', 'known to the family worker', false],
    ['GREEN', 'GREEN', 'agreed', false],
  ] as const)('%s where %s was suggested, reason %p -> error %s', (rag, suggested, reason, error) => {
    const found = ragReasonError(rag, suggested, reason);
    expect(found !== null).toBe(error);
    if (found)
      expect(found).toEqual({
        field: 'ragReason',
        message: `required when the rating differs from the suggested ${suggested}`,
      });
  });
});
