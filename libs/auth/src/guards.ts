import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@app/core';
import type { AuthenticatedUser } from '@app/access';
import { ENROLMENT_KEY, PUBLIC_KEY, ROLES_KEY } from '@app/access';
import type { Role } from '@app/access';
import {
  CSRF_HEADER,
  originIsOurs,
  SessionAuthenticator,
  type HeadersLike,
} from './sessions/session-authenticator';
import type { OpenSession } from './sessions/session.repository';

export interface HttpRequestLike {
  method: string;
  headers: HeadersLike;
  user?: AuthenticatedUser;
  session?: OpenSession;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function flag(reflector: Reflector, key: string, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) === true;
}

const header = (headers: HeadersLike, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

// a cookie rides along on any request the browser makes: a state-changing one must show it
// came from our own page (OWASP CSRF cheat sheet: fetch metadata and origin, then the token)
function sameOrigin(headers: HeadersLike): boolean {
  const site = header(headers, 'sec-fetch-site');
  return (site === undefined || site === 'same-origin') && originIsOurs(headers);
}

// every HTTP route needs a live session unless marked @Public()
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: SessionAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || flag(this.reflector, PUBLIC_KEY, context)) return true;
    const request = context.switchToHttp().getRequest<HttpRequestLike>();
    const credential = SessionAuthenticator.credential(request.headers);
    if (!credential) {
      throw DomainError.unauthenticated('Send an access token: Authorization: Bearer <token>.');
    }
    const { user, session, via } = await this.authenticator.authenticate(credential);
    request.user = user;
    request.session = session;
    if (via === 'COOKIE' && !SAFE_METHODS.has(request.method.toUpperCase())) {
      if (
        !sameOrigin(request.headers) ||
        !this.authenticator.verifyCsrf(session.id, header(request.headers, CSRF_HEADER))
      ) {
        throw DomainError.forbidden(
          `A signed-in browser must send the ${CSRF_HEADER} header its sign-in gave, from this site.`,
        );
      }
    }
    if (session.purpose === 'MFA_ENROLMENT' && !flag(this.reflector, ENROLMENT_KEY, context)) {
      throw DomainError.forbidden('Set up multi-factor authentication first: POST /api/auth/mfa/enrol.');
    }
    return true;
  }
}

// the role must be one the route names; a route that names none is refused
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly logger = new Logger(RolesGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || flag(this.reflector, PUBLIC_KEY, context)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) {
      this.logger.error(
        `route ${context.getClass().name}.${context.getHandler().name} has no @Roles(): refused`,
      );
      throw DomainError.forbidden();
    }
    const user = context.switchToHttp().getRequest<HttpRequestLike>().user;
    if (!user || !roles.includes(user.role)) throw DomainError.forbidden();
    return true;
  }
}
