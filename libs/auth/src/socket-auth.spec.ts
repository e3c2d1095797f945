import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode } from '@app/core';
import { AccessTokens } from './access-tokens';
import type { AuthenticatedUser } from '@app/access';
import { SocketAuthenticator } from './socket-auth';

const tokens = new AccessTokens(new JwtService({ secret: 'x'.repeat(32), signOptions: { expiresIn: 60 } }));
const otherTokens = new AccessTokens(new JwtService({ secret: 'y'.repeat(32) }));
const authenticator = new SocketAuthenticator(tokens);

const user: AuthenticatedUser = { id: 'user-7', role: 'POLICE', agencyId: 'agency-police' };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('SocketAuthenticator', () => {
  // API.md Live: the same JWT as HTTP, sent as `auth: { token }`
  it('should return the signed-in user when the handshake carries auth.token', async () => {
    const token = await tokens.issue(user);
    await expect(authenticator.authenticate({ auth: { token } })).resolves.toEqual(user);
  });

  it('should ignore other handshake fields when auth.token is valid', async () => {
    const token = await tokens.issue(user);
    await expect(authenticator.authenticate({ auth: { token, room: 'queue' } })).resolves.toEqual(user);
  });

  // API.md Live: a handshake without a good token fails as UNAUTHENTICATED
  it.each`
    make                                                                       | rule
    ${async () => ({})}                                                        | ${'no auth'}
    ${async () => ({ auth: undefined })}                                       | ${'auth undefined'}
    ${async () => ({ auth: null })}                                            | ${'auth null'}
    ${async () => ({ auth: 'a-token' })}                                       | ${'auth a string, not an object'}
    ${async () => ({ auth: 42 })}                                              | ${'auth a number'}
    ${async () => ({ auth: {} })}                                              | ${'auth without a token'}
    ${async () => ({ auth: { token: 42 } })}                                   | ${'a token that is not a string'}
    ${async () => ({ auth: { token: ['a', 'b'] } })}                           | ${'a token that is a list'}
    ${async () => ({ auth: { token: '' } })}                                   | ${'an empty token'}
    ${async () => ({ auth: { token: 'garbage' } })}                            | ${'a garbage token'}
    ${async () => ({ auth: [await tokens.issue(user)] })}                      | ${'auth a list holding a good token'}
    ${async () => ({ auth: { token: await otherTokens.issue(user) } })}        | ${'a token signed with another secret'}
    ${async () => ({ auth: { token: `Bearer ${await tokens.issue(user)}` } })} | ${'a token with the HTTP Bearer prefix'}
  `(
    'should reject with UNAUTHENTICATED when the handshake has $rule',
    async ({ make }: { make: () => Promise<{ auth?: unknown }> }) => {
      const handshake = await make();
      const error = await rejection(authenticator.authenticate(handshake));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
    },
  );
});
