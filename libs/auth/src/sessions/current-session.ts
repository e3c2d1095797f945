import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError } from '@app/core';
import type { OpenSession } from './session.repository';

// the server-side session the request was checked against (AuthenticationGuard puts it on
// the request): its kind and purpose, for a route that replaces it
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): OpenSession => {
  const session = ctx.switchToHttp().getRequest<{ session?: OpenSession }>().session;
  if (!session) throw DomainError.unauthenticated('Sign in first.');
  return session;
});
