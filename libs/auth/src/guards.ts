import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@app/core';
import { AccessTokens } from './access-tokens';
import type { AuthenticatedUser } from '@app/access';
import { PUBLIC_KEY, ROLES_KEY } from '@app/access';
import type { Role } from '@app/access';

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthenticatedUser;
}

function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return (
    reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]) === true
  );
}

// every HTTP route needs a valid token unless marked @Public()
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || isPublic(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<HttpRequestLike>();
    const header = request.headers.authorization;
    const token = AccessTokens.fromAuthorizationHeader(Array.isArray(header) ? header[0] : header);
    if (!token) throw DomainError.unauthenticated('Send an access token: Authorization: Bearer <token>.');
    request.user = await this.tokens.verify(token);
    return true;
  }
}

// the role must be one the route names; a route that names none is refused
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly logger = new Logger(RolesGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || isPublic(this.reflector, context)) return true;
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
