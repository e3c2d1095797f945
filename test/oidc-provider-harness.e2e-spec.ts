import { createHash, randomBytes } from 'node:crypto';
import { followAuthorization, startOidcProvider, type TestOidcProvider } from './support/oidc-provider';

// the harness the single sign-on tests stand on: a real oidc-provider in a child process, driven
// through a whole authorization code + PKCE flow with nothing but fetch

const REDIRECT_URI = 'http://127.0.0.1:9/api/auth/sso/callback';
const ALICE = { sub: 'alice-sub', email: 'alice@idp.test', emailVerified: true, amr: ['pwd', 'otp'] };
const BOB = { sub: 'bob-sub', email: 'bob@idp.test', emailVerified: false };

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  code_challenge_methods_supported: string[];
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function decodeJwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('oidc test provider harness', () => {
  let idp: TestOidcProvider;
  let discovery: Discovery;

  beforeAll(async () => {
    idp = await startOidcProvider({ redirectUri: REDIRECT_URI, accounts: [ALICE, BOB] });
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    discovery = (await res.json()) as Discovery;
  });
  afterAll(() => idp?.stop());

  // an authorization request as a relying party would build it, with its PKCE verifier
  function authorizationRequest(extra: Record<string, string> = {}) {
    const verifier = base64url(randomBytes(32));
    const state = base64url(randomBytes(16));
    const nonce = base64url(randomBytes(16));
    const url = new URL(discovery.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: idp.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
      ...extra,
    }).toString();
    return { url, verifier, state, nonce };
  }

  async function exchange(code: string, verifier: string, auth: 'basic' | 'post') {
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (auth === 'basic') {
      const credentials = `${encodeURIComponent(idp.clientId)}:${encodeURIComponent(idp.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    } else {
      form.set('client_id', idp.clientId);
      form.set('client_secret', idp.clientSecret);
    }
    const res = await fetch(discovery.token_endpoint, { method: 'POST', headers, body: form });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('should publish an http issuer on 127.0.0.1 that supports S256 when asked for discovery', () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery.issuer).toBe(idp.issuer);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('should sign in the login_hint account and put email, email_verified and amr in the ID token', async () => {
    const request = authorizationRequest();

    const callback = await followAuthorization(request.url, { loginHint: ALICE.email });

    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);
    const code = callback.searchParams.get('code');
    expect(code).toEqual(expect.any(String));

    const token = await exchange(code!, request.verifier, 'basic');
    expect(token.status).toBe(200);
    expect(token.body.token_type).toBe('Bearer');
    expect(decodeJwtPayload(token.body.id_token as string)).toMatchObject({
      iss: idp.issuer,
      aud: idp.clientId,
      sub: ALICE.sub,
      nonce: request.nonce,
      email: ALICE.email,
      email_verified: true,
      amr: ['pwd', 'otp'],
    });
  });

  it('should accept client_secret_post and leave amr out for an account without one', async () => {
    const request = authorizationRequest();

    const callback = await followAuthorization(request.url, { loginHint: BOB.email });
    const token = await exchange(callback.searchParams.get('code')!, request.verifier, 'post');

    expect(token.status).toBe(200);
    const claims = decodeJwtPayload(token.body.id_token as string);
    expect(claims).toMatchObject({ sub: BOB.sub, email: BOB.email, email_verified: false });
    expect(claims).not.toHaveProperty('amr');
  });

  it('should refuse to redeem a code with the wrong code_verifier', async () => {
    const request = authorizationRequest();
    const callback = await followAuthorization(request.url, { loginHint: ALICE.email });

    const token = await exchange(callback.searchParams.get('code')!, base64url(randomBytes(32)), 'basic');

    expect(token.status).toBe(400);
    expect(token.body.error).toBe('invalid_grant');
  });

  it('should require PKCE of the confidential client when the request has no code_challenge', async () => {
    const request = authorizationRequest();
    request.url.searchParams.delete('code_challenge');
    request.url.searchParams.delete('code_challenge_method');

    const callback = await followAuthorization(request.url, { loginHint: ALICE.email });

    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it('should end at the redirect_uri with access_denied when the login_hint is unknown', async () => {
    const request = authorizationRequest();

    const callback = await followAuthorization(request.url, { loginHint: 'mallory@idp.test' });

    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('code')).toBeNull();
  });
});
