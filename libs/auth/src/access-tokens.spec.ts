import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode } from '@app/core';
import { AccessTokens } from './access-tokens';
import type { AuthenticatedUser } from '@app/access';
import { ROLES, type Role } from '@app/access';

const SECRET = 'x'.repeat(32);
const TTL_SECONDS = 60;
// as auth.module.ts configures it: the secret, and every token expiring after the TTL
const jwt = new JwtService({ secret: SECRET, signOptions: { expiresIn: TTL_SECONDS } });
const tokens = new AccessTokens(jwt);

const user: AuthenticatedUser = { id: 'user-1', role: 'SCREENER', agencyId: 'agency-1' };
// the claims AccessTokens writes, for forging tokens that differ in one respect
const claims = { sub: user.id, role: user.role, agency: user.agencyId };
const stamp = { issuer: 'front-door', audience: 'front-door-api' };

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('AccessTokens', () => {
  describe('issue and verify', () => {
    it.each(ROLES)('should return the same id, role and agency when a %s token is verified', async (role) => {
      const caller: AuthenticatedUser = { id: `user-${role}`, role, agencyId: `agency-${role}` };
      const token = await tokens.issue(caller);
      await expect(tokens.verify(token)).resolves.toEqual(caller);
    });

    // auth.module.ts: the token is HS256, stamped with issuer and audience, and expires after the TTL
    it('should sign HS256 with issuer, audience and expiry when a token is issued', async () => {
      const token = await tokens.issue(user);
      const [header, payload] = token
        .split('.')
        .slice(0, 2)
        .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(payload).toEqual({
        sub: 'user-1',
        role: 'SCREENER',
        agency: 'agency-1',
        iss: 'front-door',
        aud: 'front-door-api',
        iat: expect.any(Number),
        exp: expect.any(Number),
      });
      expect(payload.exp - payload.iat).toBe(TTL_SECONDS);
    });

    it('should verify when the token is used just before its expiry', async () => {
      const issuedAt = Date.now();
      const token = await tokens.issue(user);
      jest.spyOn(Date, 'now').mockReturnValue(issuedAt + (TTL_SECONDS - 2) * 1000);
      await expect(tokens.verify(token)).resolves.toEqual(user);
    });

    it('should reject with UNAUTHENTICATED when the token is used after its expiry', async () => {
      const issuedAt = Date.now();
      const token = await tokens.issue(user);
      jest.spyOn(Date, 'now').mockReturnValue(issuedAt + (TTL_SECONDS + 2) * 1000);
      const error = await rejection(tokens.verify(token));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
    });
  });

  describe('verify', () => {
    const other = new JwtService({ secret: 'y'.repeat(32) });
    const plain = new JwtService({ secret: SECRET });

    // API.md Errors: a missing, invalid or expired token is 401 UNAUTHENTICATED, whatever the reason
    it.each`
      make                                                                                                                            | rule
      ${() => other.signAsync(claims, stamp)}                                                                                         | ${'signed with another secret'}
      ${() => plain.signAsync({ ...claims, exp: nowSeconds() - 10 }, stamp)}                                                          | ${'expired'}
      ${() => plain.signAsync({ ...claims, nbf: nowSeconds() + 3600 }, stamp)}                                                        | ${'not valid yet'}
      ${() => plain.signAsync({ ...claims, role: 'SUPERUSER' }, stamp)}                                                               | ${'a role not in ROLES'}
      ${() => plain.signAsync({ ...claims, role: 'screener' }, stamp)}                                                                | ${'a role in the wrong case'}
      ${() => plain.signAsync({ role: claims.role, agency: claims.agency }, stamp)}                                                   | ${'no subject'}
      ${() => plain.signAsync({ sub: claims.sub, role: claims.role }, stamp)}                                                         | ${'no agency'}
      ${() => plain.signAsync({ ...claims, agency: 7 }, stamp)}                                                                       | ${'an agency that is not a string'}
      ${() => plain.signAsync(claims, { ...stamp, audience: 'front-door-admin' })}                                                    | ${'the wrong audience'}
      ${() => plain.signAsync(claims, { ...stamp, issuer: 'someone-else' })}                                                          | ${'the wrong issuer'}
      ${() => plain.signAsync(claims, { issuer: stamp.issuer })}                                                                      | ${'no audience'}
      ${() => plain.signAsync(claims, { audience: stamp.audience })}                                                                  | ${'no issuer'}
      ${() => plain.signAsync(claims, { ...stamp, algorithm: 'HS512' })}                                                              | ${'another algorithm with the right secret'}
      ${async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: stamp.issuer, aud: stamp.audience })}.`} | ${'an unsigned alg none token'}
      ${async () => 'not-a-token'}                                                                                                    | ${'garbage'}
      ${async () => 'a.b.c'}                                                                                                          | ${'three garbage segments'}
      ${async () => ''}                                                                                                               | ${'empty'}
    `(
      'should reject with UNAUTHENTICATED when the token is $rule',
      async ({ make }: { make: () => Promise<string> }) => {
        const token = await make();
        const error = await rejection(tokens.verify(token));
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
        expect((error as DomainError).message).toBe('The access token is missing, invalid or expired.');
      },
    );

    it('should reject with UNAUTHENTICATED when the payload is edited after signing', async () => {
      const [header, , signature] = (await tokens.issue({ ...user, role: 'PARTNER' })).split('.');
      const raised = base64url({ ...claims, role: 'ADMIN', iss: stamp.issuer, aud: stamp.audience });
      const error = await rejection(tokens.verify(`${header}.${raised}.${signature}`));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
    });

    it('should verify when the token is signed elsewhere with the same secret and the right stamp', async () => {
      const token = await plain.signAsync({ ...claims, role: 'MANAGER' satisfies Role }, stamp);
      await expect(tokens.verify(token)).resolves.toEqual({ ...user, role: 'MANAGER' });
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
