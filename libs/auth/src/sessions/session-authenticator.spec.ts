import type { ConfigType } from '@nestjs/config';
import type { AccessTokens } from '../access-tokens';
import type { authConfig } from '../auth.config';
import { SESSION_COOKIE, SessionAuthenticator, type HeadersLike } from './session-authenticator';
import type { SessionRegistry } from './session-registry';

describe('SessionAuthenticator.credential', () => {
  // issue 14 item 3: a bearer token (systems) or the session cookie (browsers); a bearer token wins
  it.each`
    headers                                                      | expected                             | rule
    ${{ authorization: 'Bearer abc' }}                           | ${{ token: 'abc', via: 'BEARER' }}   | ${'API.md Auth: Authorization: Bearer <token>'}
    ${{ authorization: ['Bearer abc', 'Bearer def'] }}           | ${{ token: 'abc', via: 'BEARER' }}   | ${'session-authenticator.ts: the first of repeated headers'}
    ${{ authorization: 'Bearer abc', cookie: 'fd_session=def' }} | ${{ token: 'abc', via: 'BEARER' }}   | ${'session-authenticator.ts: a bearer token wins over a cookie'}
    ${{ cookie: 'fd_session=def' }}                              | ${{ token: 'def', via: 'COOKIE' }}   | ${'issue 14 item 3: the session cookie'}
    ${{ cookie: 'theme=dark; fd_session=def; lang=en' }}         | ${{ token: 'def', via: 'COOKIE' }}   | ${'RFC 6265 5.4: the session cookie among others'}
    ${{ cookie: 'theme=dark;fd_session=def' }}                   | ${{ token: 'def', via: 'COOKIE' }}   | ${'RFC 6265 5.4: without a space after the separator'}
    ${{ cookie: 'fd_session=a%2Eb.c' }}                          | ${{ token: 'a.b.c', via: 'COOKIE' }} | ${'session-authenticator.ts: the value is percent-decoded'}
    ${{ cookie: ['fd_session=def'] }}                            | ${{ token: 'def', via: 'COOKIE' }}   | ${'session-authenticator.ts: a cookie header given as a list'}
    ${{ authorization: 'Basic eDp5', cookie: 'fd_session=def' }} | ${{ token: 'def', via: 'COOKIE' }}   | ${'session-authenticator.ts: another scheme is no bearer token'}
    ${{ authorization: 'Bearer', cookie: 'fd_session=def' }}     | ${{ token: 'def', via: 'COOKIE' }}   | ${'session-authenticator.ts: a Bearer without a token is no bearer token'}
    ${{}}                                                        | ${undefined}                         | ${'API.md Errors: no credential at all'}
    ${{ authorization: undefined, cookie: undefined }}           | ${undefined}                         | ${'API.md Errors: headers present but unset'}
    ${{ authorization: 'Basic eDp5' }}                           | ${undefined}                         | ${'API.md Auth: only the Bearer scheme'}
    ${{ cookie: '' }}                                            | ${undefined}                         | ${'session-authenticator.ts: an empty cookie header'}
    ${{ cookie: 'theme=dark; lang=en' }}                         | ${undefined}                         | ${'session-authenticator.ts: cookies but not the session cookie'}
    ${{ cookie: 'fd_session=' }}                                 | ${undefined}                         | ${'session-authenticator.ts: an empty session cookie'}
    ${{ cookie: 'xfd_session=def; fd_sessions=ghi' }}            | ${undefined}                         | ${'session-authenticator.ts: only the exact cookie name'}
  `(
    'should read $expected when the headers carry a credential or none ($rule)',
    ({ headers, expected }: { headers: HeadersLike; expected: unknown }) => {
      expect(SessionAuthenticator.credential(headers)).toEqual(expected);
    },
  );

  it('should name the cookie fd_session when the session cookie is read', () => {
    expect(SESSION_COOKIE).toBe('fd_session');
  });
});

describe('SessionAuthenticator CSRF tokens', () => {
  const SESSION = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
  const OTHER_SESSION = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
  // csrfToken and verifyCsrf use config.jwtSecret only: the tokens and registry are never called
  const make = (jwtSecret: string): SessionAuthenticator =>
    new SessionAuthenticator(
      {} as AccessTokens,
      {} as SessionRegistry,
      { jwtSecret } as ConfigType<typeof authConfig>,
    );
  const authenticator = make('x'.repeat(32));
  const token = authenticator.csrfToken(SESSION);

  it('should give the same base64url token when asked twice for one session', () => {
    expect(authenticator.csrfToken(SESSION)).toBe(token);
    // HMAC-SHA256: 32 bytes, 43 base64url characters
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('should give another token when the session differs', () => {
    expect(authenticator.csrfToken(OTHER_SESSION)).not.toBe(token);
  });

  // session-authenticator.ts: a synchroniser token bound to the session (OWASP CSRF cheat sheet)
  it.each`
    given                                      | verifies | rule
    ${token}                                   | ${true}  | ${'session-authenticator.ts: the token the session was given'}
    ${make('x'.repeat(32)).csrfToken(SESSION)} | ${true}  | ${'session-authenticator.ts: made by another instance with the same secret'}
    ${authenticator.csrfToken(OTHER_SESSION)}  | ${false} | ${'session-authenticator.ts: another session’s token'}
    ${make('y'.repeat(32)).csrfToken(SESSION)} | ${false} | ${'session-authenticator.ts: made with another secret'}
    ${''}                                      | ${false} | ${'API.md Errors: an empty header'}
    ${undefined}                               | ${false} | ${'API.md Errors: no header'}
    ${token.slice(0, -1)}                      | ${false} | ${'session-authenticator.ts: one character short'}
    ${`${token}A`}                             | ${false} | ${'session-authenticator.ts: one character long'}
    ${token.toUpperCase()}                     | ${false} | ${'session-authenticator.ts: compared exactly (case matters)'}
    ${SESSION}                                 | ${false} | ${'session-authenticator.ts: the session id itself'}
    ${'é'.repeat(43)}                          | ${false} | ${'session-authenticator.ts: as many characters but other bytes'}
  `(
    'should answer $verifies when verifying a CSRF token for the session ($rule)',
    ({ given, verifies }: { given: string | undefined; verifies: boolean }) => {
      expect(authenticator.verifyCsrf(SESSION, given)).toBe(verifies);
    },
  );
});
