import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedUser } from './authenticated-user';
import type { Role } from './roles';

export const ROLES_KEY = 'frontdoor:roles';
export const PUBLIC_KEY = 'frontdoor:public';
export const ENROLMENT_KEY = 'frontdoor:mfa-enrolment';

// every route says who may call it; a route that says nothing is refused (fail closed)
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

// no token needed (login, health)
export const Public = () => SetMetadata(PUBLIC_KEY, true);

// issue 14 item 6: the routes a session signed in only to set up MFA may call (enrol,
// confirm, me, logout); every other route refuses it
export const DuringMfaEnrolment = () => SetMetadata(ENROLMENT_KEY, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  const user = ctx.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});
