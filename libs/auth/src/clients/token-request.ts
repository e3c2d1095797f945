// RFC 6749: what a token request says, read without trusting any of it. The token endpoint
// answers in the RFC's error shape (5.2), not API.md's: OAuth client libraries branch on it
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

export interface OAuthRefusal {
  status: 400 | 401;
  error: OAuthErrorCode;
  // RFC 6749 5.2: printable ASCII without " and \
  description: string;
}

export type ClientAuthMethod = 'BASIC' | 'BODY';

export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  via: ClientAuthMethod;
  scope?: string;
}

export interface TokenRequestInput {
  // the body came as application/x-www-form-urlencoded (RFC 6749 4.4.2)
  form: boolean;
  body: unknown;
  authorization: string | undefined;
}

export const CLIENT_CREDENTIALS = 'client_credentials';

const refusal = (status: 400 | 401, error: OAuthErrorCode, description: string): OAuthRefusal => ({
  status,
  error,
  description,
});
const invalidRequest = (description: string) => refusal(400, 'invalid_request', description);
const invalidClient = (description: string) => refusal(401, 'invalid_client', description);

export function isRefusal(value: TokenRequest | OAuthRefusal): value is OAuthRefusal {
  return 'error' in value;
}

const READ = ['grant_type', 'scope', 'client_id', 'client_secret'] as const;
type Parameter = (typeof READ)[number];

// RFC 6749 3.3: scope = scope-token *( SP scope-token ), scope-token = 1*NQCHAR
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+(?: [\x21\x23-\x5b\x5d-\x7e]+)*$/;
const BASIC = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i;
const SCHEME = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

// the parameters this endpoint reads: each at most once (RFC 6749 3.2), and one sent empty is
// one not sent (3.1); any other parameter is ignored (3.1)
function parameters(body: Record<string, unknown>): Partial<Record<Parameter, string>> | OAuthRefusal {
  const found: Partial<Record<Parameter, string>> = {};
  for (const name of READ) {
    if (!Object.hasOwn(body, name)) continue;
    const value = body[name];
    if (Array.isArray(value)) return invalidRequest(`${name} is sent more than once`);
    if (typeof value !== 'string') return invalidRequest(`${name} must be a single text value`);
    if (value !== '') found[name] = value;
  }
  return found;
}

// RFC 6749 2.3.1: each part form-urlencoded, then user-id ":" password in Basic (RFC 7617)
function fromBasic(header: string): { clientId: string; clientSecret: string } | OAuthRefusal {
  const malformed = invalidClient('The Authorization header is not valid HTTP Basic client credentials.');
  const match = BASIC.exec(header);
  if (!match || match[1].replace(/=+$/, '').length % 4 === 1) return malformed;
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(match[1], 'base64'));
  } catch {
    return malformed;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return malformed;
  try {
    const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    const clientId = formDecode(decoded.slice(0, colon));
    const clientSecret = formDecode(decoded.slice(colon + 1));
    if (!clientId || !clientSecret) return malformed;
    return { clientId, clientSecret };
  } catch {
    return malformed;
  }
}

// the request as RFC 6749 4.4.2 and 2.3 have it, or the refusal 5.2 gives
export function readTokenRequest(input: TokenRequestInput): TokenRequest | OAuthRefusal {
  const body = input.body;
  if (!input.form || typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalidRequest('Send the parameters as an application/x-www-form-urlencoded body.');
  }
  const params = parameters(body as Record<string, unknown>);
  if ('error' in params) return params;

  const header = input.authorization?.trim() ? input.authorization : undefined;
  // RFC 6749 2.3: one authentication method per request
  if (header !== undefined && (params.client_id !== undefined || params.client_secret !== undefined)) {
    return invalidRequest(
      'Authenticate the client one way: the Authorization header or client_id and client_secret in the body, not both.',
    );
  }
  if (params.grant_type === undefined) return invalidRequest('grant_type is required: client_credentials.');
  if (params.grant_type !== CLIENT_CREDENTIALS) {
    return refusal(400, 'unsupported_grant_type', 'Only the client_credentials grant is supported.');
  }
  if (params.scope !== undefined && !SCOPE.test(params.scope)) {
    return refusal(400, 'invalid_scope', 'scope is not a space-separated list of scope tokens.');
  }
  const scope = params.scope !== undefined ? { scope: params.scope } : {};

  if (header !== undefined) {
    const scheme = SCHEME.exec(header)?.[1];
    if (scheme?.toLowerCase() !== 'basic') {
      return invalidClient(
        'Authenticate the client with HTTP Basic, or with client_id and client_secret in the body.',
      );
    }
    const basic = fromBasic(header);
    return 'error' in basic ? basic : { ...basic, via: 'BASIC', ...scope };
  }
  if (params.client_id === undefined) {
    return invalidClient('Client authentication is required: HTTP Basic, or client_id and client_secret.');
  }
  if (params.client_secret === undefined) return invalidClient('client_secret is required with client_id.');
  return { clientId: params.client_id, clientSecret: params.client_secret, via: 'BODY', ...scope };
}
