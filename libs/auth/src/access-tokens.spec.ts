import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode, SettableClock } from '@app/core';
import { AccessTokens, type TokenSubject } from './access-tokens';
import type { AuthClock } from './auth-clock';

const SECRET = 'x'.repeat(32);
// as auth.module.ts configures it: a key object made from the secret, no default expiry
const jwt = new JwtService({ secret: createSecretKey(Buffer.from(SECRET, 'utf8')) });

const NOW = new Date('2026-12-02T09:00:00Z');
const EXPIRES_AT = new Date('2026-12-02T19:00:00Z');
const subject: TokenSubject = {
  userId: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  sessionId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
};
// the claims AccessTokens writes, for forging tokens that differ in one respect
const claims = { sub: subject.userId, sid: subject.sessionId, exp: EXPIRES_AT.getTime() / 1000 };
const stamp = { issuer: 'front-door', audience: 'front-door-api' };
const atSeconds = (date: Date, offsetSeconds = 0): number =>
  Math.floor(date.getTime() / 1000) + offsetSeconds;

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;

let clock: SettableClock;
let tokens: AccessTokens;

beforeEach(() => {
  clock = new SettableClock(NOW);
  tokens = new AccessTokens(jwt, clock as AuthClock);
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function expectUnauthenticated(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
  expect((error as DomainError).message).toBe('The access token is missing, invalid or expired.');
}

describe('AccessTokens', () => {
  describe('issue and verify', () => {
    // issue 14 item 3: a token names a user and their server-side session, nothing more
    it('should return the same user and session when an issued token is verified', async () => {
      const token = await tokens.issue(subject, EXPIRES_AT);
      await expect(tokens.verify(token)).resolves.toEqual(subject);
    });

    it('should tell two sessions of one user apart when both tokens are verified', async () => {
      const other = { ...subject, sessionId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' };
      const [first, second] = await Promise.all([
        tokens.issue(subject, EXPIRES_AT),
        tokens.issue(other, EXPIRES_AT),
      ]);
      await expect(tokens.verify(first)).resolves.toEqual(subject);
      await expect(tokens.verify(second)).resolves.toEqual(other);
    });

    // access-tokens.ts: HS256, stamped with issuer and audience, expiring when the session does;
    // issue 14 item 3: role and agency are the session's to say, never the token's
    it('should sign HS256 with issuer, audience and the given expiry when a token is issued', async () => {
      const token = await tokens.issue(subject, EXPIRES_AT);
      const [header, payload] = token.split('.').slice(0, 2).map(decode);
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(payload).toEqual({
        sub: subject.userId,
        sid: subject.sessionId,
        iss: 'front-door',
        aud: 'front-door-api',
        iat: expect.any(Number),
        exp: atSeconds(EXPIRES_AT),
      });
      expect(payload).not.toHaveProperty('role');
      expect(payload).not.toHaveProperty('agency');
    });

    it('should round the expiry down to the second when expiresAt has milliseconds', async () => {
      const token = await tokens.issue(subject, new Date(EXPIRES_AT.getTime() + 999));
      expect(decode(token.split('.')[1]).exp).toBe(atSeconds(EXPIRES_AT));
    });

    // access-tokens.ts: the expiry is checked against the AuthClock, not the wall clock
    it.each`
      move                                           | rule
      ${EXPIRES_AT.getTime() - NOW.getTime() - 1000} | ${'access-tokens.ts: one second before expiresAt'}
      ${0}                                           | ${'access-tokens.ts: at issue'}
    `(
      'should verify when the token is used just before its expiry ($rule)',
      async ({ move }: { move: number }) => {
        const token = await tokens.issue(subject, EXPIRES_AT);
        clock.advance(move);
        await expect(tokens.verify(token)).resolves.toEqual(subject);
      },
    );

    it.each`
      at                                             | rule
      ${EXPIRES_AT}                                  | ${'API.md Errors: at expiresAt the token is expired'}
      ${new Date(EXPIRES_AT.getTime() + 1000)}       | ${'API.md Errors: a second after expiresAt'}
      ${new Date(EXPIRES_AT.getTime() + 86_400_000)} | ${'API.md Errors: a day after expiresAt'}
    `(
      'should reject with UNAUTHENTICATED when the token is used after its expiry ($rule)',
      async ({ at }: { at: Date }) => {
        const token = await tokens.issue(subject, EXPIRES_AT);
        clock.set(at);
        await expectUnauthenticated(tokens.verify(token));
      },
    );
  });

  describe('verify', () => {
    const other = new JwtService({ secret: 'y'.repeat(32) });
    const plain = new JwtService({ secret: SECRET });

    // API.md Errors: a missing, invalid or expired token is 401 UNAUTHENTICATED, whatever the reason
    it.each`
      make                                                                                                                            | rule
      ${() => other.signAsync(claims, stamp)}                                                                                         | ${'API.md Errors: signed with another secret'}
      ${() => plain.signAsync({ ...claims, exp: atSeconds(NOW, -10) }, stamp)}                                                        | ${'API.md Errors: expired by the AuthClock'}
      ${() => plain.signAsync({ ...claims, nbf: atSeconds(NOW, 3600) }, stamp)}                                                       | ${'API.md Errors: not valid yet (nbf in the future)'}
      ${() => plain.signAsync({ sid: claims.sid, exp: claims.exp }, stamp)}                                                           | ${'access-tokens.ts: no sub'}
      ${() => plain.signAsync({ sub: claims.sub, exp: claims.exp }, stamp)}                                                           | ${'issue 14 item 3: no sid (a token names a session)'}
      ${() => plain.signAsync({ ...claims, sub: 'user-1' }, stamp)}                                                                   | ${'access-tokens.ts: a sub that is not a uuid'}
      ${() => plain.signAsync({ ...claims, sid: 'session-1' }, stamp)}                                                                | ${'access-tokens.ts: a sid that is not a uuid'}
      ${() => plain.signAsync({ ...claims, sid: subject.sessionId.toUpperCase() }, stamp)}                                            | ${'access-tokens.ts: a sid in upper case (uuids are written lower case)'}
      ${() => plain.signAsync({ ...claims, sid: `${subject.sessionId}x` }, stamp)}                                                    | ${'access-tokens.ts: a sid with a uuid and more'}
      ${() => plain.signAsync({ ...claims, sid: 7 }, stamp)}                                                                          | ${'access-tokens.ts: a sid that is a number'}
      ${() => plain.signAsync({ ...claims, sub: [claims.sub] }, stamp)}                                                               | ${'access-tokens.ts: a sub that is a list'}
      ${() => plain.signAsync(claims, { ...stamp, audience: 'front-door-admin' })}                                                    | ${'access-tokens.ts: the wrong audience'}
      ${() => plain.signAsync(claims, { ...stamp, issuer: 'someone-else' })}                                                          | ${'access-tokens.ts: the wrong issuer'}
      ${() => plain.signAsync(claims, { issuer: stamp.issuer })}                                                                      | ${'access-tokens.ts: no audience'}
      ${() => plain.signAsync(claims, { audience: stamp.audience })}                                                                  | ${'access-tokens.ts: no issuer'}
      ${() => plain.signAsync(claims)}                                                                                                | ${'access-tokens.ts: neither issuer nor audience'}
      ${() => plain.signAsync(claims, { ...stamp, algorithm: 'HS512' })}                                                              | ${'access-tokens.ts: another algorithm (HS512) with the right secret'}
      ${async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: stamp.issuer, aud: stamp.audience })}.`} | ${'RFC 8725 3.1: an unsigned alg none token'}
      ${async () => 'not-a-token'}                                                                                                    | ${'API.md Errors: garbage'}
      ${async () => 'a.b.c'}                                                                                                          | ${'API.md Errors: three garbage segments'}
      ${async () => ''}                                                                                                               | ${'API.md Errors: empty'}
    `(
      'should reject with UNAUTHENTICATED when the token is bad ($rule)',
      async ({ make }: { make: () => Promise<string> }) => {
        await expectUnauthenticated(tokens.verify(await make()));
      },
    );

    it.each`
      edit                                               | rule
      ${{ sub: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' }} | ${'API.md Errors: another user put in sub'}
      ${{ sid: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' }} | ${'API.md Errors: another session put in sid'}
      ${{ exp: atSeconds(EXPIRES_AT, 7 * 24 * 3600) }}   | ${'API.md Errors: a later expiry'}
    `(
      'should reject with UNAUTHENTICATED when the payload is edited after signing ($rule)',
      async ({ edit }: { edit: Record<string, unknown> }) => {
        const [header, payload, signature] = (await tokens.issue(subject, EXPIRES_AT)).split('.');
        const edited = base64url({ ...decode(payload), ...edit });
        await expectUnauthenticated(tokens.verify(`${header}.${edited}.${signature}`));
      },
    );

    it('should verify when the token is signed elsewhere with the same secret and the right stamp', async () => {
      const token = await plain.signAsync(claims, stamp);
      await expect(tokens.verify(token)).resolves.toEqual(subject);
    });
  });

  describe('fromAuthorizationHeader', () => {
    // API.md Auth: "Authorization: Bearer <token>"; the scheme is case-insensitive (RFC 7235)
    it.each`
      header                | expected
      ${'Bearer abc'}       | ${'abc'}
      ${'bearer abc'}       | ${'abc'}
      ${'BEARER abc'}       | ${'abc'}
      ${'Bearer   abc'}     | ${'abc'}
      ${'Bearer\tabc'}      | ${'abc'}
      ${'Bearer a.b-c_d'}   | ${'a.b-c_d'}
      ${'Basic x'}          | ${undefined}
      ${'Basic Bearer abc'} | ${undefined}
      ${undefined}          | ${undefined}
      ${''}                 | ${undefined}
      ${'Bearer'}           | ${undefined}
      ${'Bearer '}          | ${undefined}
      ${'Bearerabc'}        | ${undefined}
      ${'Bearer abc def'}   | ${undefined}
      ${'abc'}              | ${undefined}
    `('should return $expected when the header is "$header"', ({ header, expected }) => {
      expect(AccessTokens.fromAuthorizationHeader(header as string | undefined)).toBe(expected);
    });
  });
});
