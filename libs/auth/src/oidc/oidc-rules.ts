// the rules of a single sign-on, as pure functions: where a browser may be sent back to, whose
// email the provider vouches for, and whether it says a second factor was used

// why a single sign-on was refused: the audit row's reason and the console's ?signInError=
export const OIDC_REFUSALS = [
  // the flow cookie: none came back, it does not open (tampered, or another key), or it is too old
  'FLOW_MISSING',
  'FLOW_INVALID',
  'FLOW_EXPIRED',
  // the callback's state is not the one this browser's flow was started with
  'STATE_MISMATCH',
  // the provider answered with ?error= (access_denied: the person cancelled or was refused)
  'PROVIDER_DENIED',
  // the provider could not be reached or its discovery document was not usable
  'PROVIDER_UNAVAILABLE',
  // the code could not be redeemed, or the ID token failed a check (signature, nonce, audience)
  'TOKEN_REJECTED',
  // no email, or none the provider vouches for
  'EMAIL_NOT_VERIFIED',
  // no active person here with that email: sign-in never creates an account
  'NO_ACCOUNT',
  'INACTIVE',
  'LOCKED',
  // staff must use a second factor and the provider did not say one was used
  'MFA_NOT_ASSERTED',
  // anything else (logged): the browser still lands on the console, never on a 500
  'SSO_FAILED',
] as const;

export type OidcRefusalReason = (typeof OIDC_REFUSALS)[number];

// ten minutes to sign in at the provider and come back
export const FLOW_TTL_SECONDS = 10 * 60;

const MAX_RETURN_TO = 512;
const BASE = 'http://front-door.invalid';

// a path on this site to go to after signing in, or '/': never another origin (no open redirect)
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_RETURN_TO) return '/';
  // only a plain absolute path: not '//host', not '/\host' (browsers read '\' as '/'), no controls
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value) || /^\/[/\\]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // the normalised path must itself still be a plain path ('/./\/host' and the like)
  return path.startsWith('/') && !/^\/[/\\]/.test(path) ? path : '/';
}

export interface OidcClaims {
  [claim: string]: unknown;
}

// the email the provider vouches for, lower-case as accounts are stored; undefined when there is
// none or no claim vouches for it (`email_verified: "true"`, a string, does not count)
export function verifiedEmailOf(claims: OidcClaims, verifiedClaims: readonly string[]): string | undefined {
  const email = claims.email;
  if (typeof email !== 'string') return undefined;
  const normalised = email.trim().toLowerCase();
  if (normalised.length === 0 || normalised.length > 254 || !normalised.includes('@')) return undefined;
  return verifiedClaims.some((claim) => claims[claim] === true) ? normalised : undefined;
}

export interface MfaClaimsPolicy {
  // amr values (RFC 8176) any one of which counts as a second factor
  mfaAmr: readonly string[];
  // acr values any one of which counts
  mfaAcr: readonly string[];
}

// the provider says a second factor was used: an `amr` method or the `acr` the council counts
export function providerAssertedMfa(claims: OidcClaims, policy: MfaClaimsPolicy): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (amr.some((method) => typeof method === 'string' && policy.mfaAmr.includes(method))) return true;
  return typeof claims.acr === 'string' && policy.mfaAcr.includes(claims.acr);
}

// the provider's ?error= as a short code for the audit row (it chose the text, we keep a token)
export function providerErrorCode(value: unknown): string {
  return typeof value === 'string' && /^[a-z0-9_]{1,64}$/i.test(value) ? value : 'unrecognised';
}
