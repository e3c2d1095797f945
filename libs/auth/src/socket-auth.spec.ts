import { DomainError, ErrorCode } from '@app/core';
import type { AuthenticatedUser } from '@app/access';
import type { Authenticated, Credential, SessionAuthenticator } from './sessions/session-authenticator';
import type { OpenSession, SessionPurpose } from './sessions/session.repository';
import { SocketAuthenticator } from './socket-auth';

// the tokens the fake knows: a signed-in user, another one, and a session still enrolling MFA
const GOOD = 'good-token';
const OTHER = 'other-token';
const ENROLLING = 'enrolling-token';

const session = (id: string, userId: string, purpose: SessionPurpose): OpenSession => ({
  id,
  userId,
  role: 'POLICE',
  agencyId: 'agency-police',
  kind: 'BEARER',
  purpose,
  mfa: purpose === 'FULL',
  expiresAt: new Date('2026-12-02T19:00:00Z'),
});

const SESSIONS: Record<string, OpenSession> = {
  [GOOD]: session('session-7', 'user-7', 'FULL'),
  [OTHER]: session('session-8', 'user-8', 'FULL'),
  [ENROLLING]: session('session-9', 'user-9', 'MFA_ENROLMENT'),
};

const userOf = (token: string): AuthenticatedUser => {
  const { id, userId, role, agencyId } = SESSIONS[token];
  return { id: userId, role, agencyId, sessionId: id };
};

// a pure unit test: the session check itself is SessionAuthenticator's (and its own specs'); this
// fake knows three tokens and refuses everything else as the real one does
class FakeSessionAuthenticator {
  readonly seen: Credential[] = [];

  authenticate(credential: Credential): Promise<Authenticated> {
    this.seen.push(credential);
    const known = SESSIONS[credential.token];
    if (!known) {
      return Promise.reject(DomainError.unauthenticated('The access token is missing, invalid or expired.'));
    }
    return Promise.resolve({ user: userOf(credential.token), session: known, via: credential.via });
  }
}

let fake: FakeSessionAuthenticator;
let authenticator: SocketAuthenticator;

beforeEach(() => {
  fake = new FakeSessionAuthenticator();
  authenticator = new SocketAuthenticator(fake as unknown as SessionAuthenticator);
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

type Handshake = Parameters<SocketAuthenticator['authenticate']>[0];

describe('SocketAuthenticator', () => {
  // API.md Live: the same token as HTTP, sent as `auth: { token }`
  it('should return the signed-in user when the handshake carries auth.token', async () => {
    await expect(authenticator.authenticate({ auth: { token: GOOD } })).resolves.toEqual(userOf(GOOD));
    expect(fake.seen).toEqual([{ token: GOOD, via: 'BEARER' }]);
  });

  it('should ignore other handshake fields when auth.token is valid', async () => {
    await expect(authenticator.authenticate({ auth: { token: GOOD, room: 'queue' } })).resolves.toEqual(
      userOf(GOOD),
    );
  });

  // API.md Live: a handshake without a good token fails as UNAUTHENTICATED
  it.each`
    handshake                                                                    | rule
    ${{}}                                                                        | ${'API.md Live: no auth'}
    ${{ auth: undefined }}                                                       | ${'API.md Live: auth undefined'}
    ${{ auth: null }}                                                            | ${'API.md Live: auth null'}
    ${{ auth: GOOD }}                                                            | ${'API.md Live: auth a string, not an object'}
    ${{ auth: 42 }}                                                              | ${'API.md Live: auth a number'}
    ${{ auth: {} }}                                                              | ${'API.md Live: auth without a token'}
    ${{ auth: { token: 42 } }}                                                   | ${'API.md Live: a token that is not a string'}
    ${{ auth: { token: [GOOD] } }}                                               | ${'API.md Live: a token that is a list'}
    ${{ auth: { token: '' } }}                                                   | ${'API.md Live: an empty token'}
    ${{ auth: { token: 'garbage' } }}                                            | ${'API.md Live: a garbage token'}
    ${{ auth: [GOOD] }}                                                          | ${'API.md Live: auth a list holding a good token'}
    ${{ auth: { token: `Bearer ${GOOD}` } }}                                     | ${'API.md Live: a token with the HTTP Bearer prefix'}
    ${{ headers: { authorization: `Bearer ${GOOD}` } }}                          | ${'API.md Live: the token in an Authorization header instead of auth'}
    ${{ headers: {} }}                                                           | ${'issue 14 item 3: no token and no cookie'}
    ${{ headers: { cookie: 'theme=dark' } }}                                     | ${'issue 14 item 3: cookies but no session cookie'}
    ${{ headers: { cookie: 'fd_session=' } }}                                    | ${'issue 14 item 3: an empty session cookie'}
    ${{ headers: { cookie: 'fd_session=garbage' } }}                             | ${'issue 14 item 3: a session cookie the session check refuses'}
    ${{ headers: { cookie: `fd-session=${GOOD}` } }}                             | ${'issue 14 item 3: a cookie with a similar name'}
    ${{ auth: { token: 'garbage' }, headers: { cookie: `fd_session=${GOOD}` } }} | ${'issue 14 item 3: a bad bearer token does not fall back to a good cookie'}
  `(
    'should reject with UNAUTHENTICATED when the handshake is bad ($rule)',
    async ({ handshake }: { handshake: Handshake }) => {
      const error = await rejection(authenticator.authenticate(handshake));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
    },
  );

  describe('the session cookie', () => {
    // issue 14 item 3: a browser's live connection carries its session cookie, not a token
    it.each`
      headers                                                                                                 | rule
      ${{ cookie: `fd_session=${GOOD}` }}                                                                     | ${'socket-auth.ts: the session cookie alone'}
      ${{ cookie: `theme=dark; fd_session=${GOOD}; lang=en` }}                                                | ${'socket-auth.ts: the session cookie among others'}
      ${{ cookie: `fd_session=${GOOD}`, origin: 'https://front-door.example', host: 'front-door.example' }}   | ${'socket-auth.ts: from our own site'}
      ${{ cookie: `fd_session=${GOOD}`, origin: 'http://localhost:3000', host: 'localhost:3000' }}            | ${'socket-auth.ts: from our own site on a port'}
      ${{ cookie: `fd_session=${GOOD}`, origin: ['https://front-door.example'], host: 'front-door.example' }} | ${'socket-auth.ts: the first of repeated Origin headers'}
      ${{ cookie: `fd_session=${GOOD}`, host: 'front-door.example' }}                                         | ${'socket-auth.ts: no Origin (not a browser page) is not checked'}
    `(
      'should return the signed-in user via COOKIE when the handshake carries fd_session ($rule)',
      async ({ headers }: { headers: Handshake['headers'] }) => {
        await expect(authenticator.authenticate({ headers })).resolves.toEqual(userOf(GOOD));
        expect(fake.seen).toEqual([{ token: GOOD, via: 'COOKIE' }]);
      },
    );

    // socket-auth.ts: a cookie handshake from another site is cross-site WebSocket hijacking
    it.each`
      origin                               | host                    | rule
      ${'https://evil.example'}            | ${'front-door.example'} | ${'socket-auth.ts: another site'}
      ${'https://front-door.example.evil'} | ${'front-door.example'} | ${'socket-auth.ts: a host that only starts like ours'}
      ${'https://sub.front-door.example'}  | ${'front-door.example'} | ${'socket-auth.ts: a subdomain is another host'}
      ${'http://localhost:4000'}           | ${'localhost:3000'}     | ${'socket-auth.ts: another port is another host'}
      ${'https://front-door.example'}      | ${undefined}            | ${'socket-auth.ts: an Origin with no Host to match'}
      ${'null'}                            | ${'front-door.example'} | ${'socket-auth.ts: an opaque (sandboxed) Origin'}
      ${'front-door.example'}              | ${'front-door.example'} | ${'socket-auth.ts: an Origin that is not a URL'}
      ${''}                                | ${'front-door.example'} | ${'socket-auth.ts: an empty Origin'}
    `(
      'should reject with UNAUTHENTICATED when a cookie handshake comes from another origin ($rule)',
      async ({ origin, host }: { origin: string; host: string | undefined }) => {
        const error = await rejection(
          authenticator.authenticate({ headers: { cookie: `fd_session=${GOOD}`, origin, host } }),
        );
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
        expect((error as DomainError).message).toBe('A cookie session connects from this site only.');
        // refused before the session is even looked up
        expect(fake.seen).toEqual([]);
      },
    );
  });

  // issue 14: a bearer token wins over a cookie (a system that sends one is not a browser)
  it.each`
    headers                                                                                          | rule
    ${{ cookie: `fd_session=${OTHER}` }}                                                             | ${'session-authenticator.ts: the bearer token, not the cookie'}
    ${{ cookie: `fd_session=${OTHER}`, origin: 'https://evil.example', host: 'front-door.example' }} | ${'socket-auth.ts: the Origin check is for cookie handshakes only'}
  `(
    'should authenticate with auth.token via BEARER when the handshake also carries a cookie ($rule)',
    async ({ headers }: { headers: Handshake['headers'] }) => {
      await expect(authenticator.authenticate({ auth: { token: GOOD }, headers })).resolves.toEqual(
        userOf(GOOD),
      );
      expect(fake.seen).toEqual([{ token: GOOD, via: 'BEARER' }]);
    },
  );

  // issue 14: a session only good for setting up MFA opens no live connection
  it.each`
    handshake                                             | rule
    ${{ auth: { token: ENROLLING } }}                     | ${'socket-auth.ts: an enrolment bearer token'}
    ${{ headers: { cookie: `fd_session=${ENROLLING}` } }} | ${'socket-auth.ts: an enrolment session cookie'}
  `(
    'should reject with UNAUTHENTICATED when the session purpose is MFA_ENROLMENT ($rule)',
    async ({ handshake }: { handshake: Handshake }) => {
      const error = await rejection(authenticator.authenticate(handshake));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
      expect((error as DomainError).message).toBe('Set up multi-factor authentication first.');
    },
  );
});
