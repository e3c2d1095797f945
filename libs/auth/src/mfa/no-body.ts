import {
  applyDecorators,
  Injectable,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { DomainError } from '@app/core';

const MAX_DETAILS = 20;

// API.md "Errors": unknown fields are a 400, on a route that takes no body as on any other
// (the global ValidationPipe only sees bodies a route declares)
@Injectable()
export class NoBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    if (body === undefined || body === null) return true;
    const keys = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : undefined;
    if (keys?.length === 0) return true;
    throw DomainError.validation(
      keys
        ? keys.slice(0, MAX_DETAILS).map((field) => ({ field, message: 'unknown field' }))
        : [{ field: 'body', message: 'must be empty' }],
    );
  }
}

export const NoBody = () => applyDecorators(UseGuards(NoBodyGuard));
