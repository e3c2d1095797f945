import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessDenials } from '@app/audit';
import type { AuthenticatedUser } from '@app/access';
import {
  correlationIdFor,
  DomainError,
  ErrorCode,
  errorCodeForStatus,
  httpStatusFor,
  type FieldError,
} from '@app/core';
import type { ErrorBody } from './error-body';

interface Failure {
  status: number;
  code: ErrorCode;
  message: string;
  details?: FieldError[];
  meta?: Record<string, unknown>;
  // an access denial to record (403, or 404 by agency scope)
  denial?: { entityId?: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// the database is away (restarting, failing over, out of connections), not a bug: SQLSTATE
// class 08 (connection exception), 57P01-57P03 (shut down, cannot connect now), 53300 (too
// many connections), and the driver's own socket errors
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// typeorm's names for a connection that went away under a transaction
const UNAVAILABLE_NAMES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'ConnectionIsNotSetError',
]);
// seconds a client waits before it tries again
const RETRY_AFTER_SECONDS = 2;

export function databaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // typeorm wraps the driver's error (driverError), node wraps causes (cause, errors)
  const queue: unknown[] = [current];
  while (queue.length > 0 && seen.size < 10) {
    current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const e = current as {
      name?: unknown;
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_SOCKET.has(e.code)))
      return true;
    if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
    if (typeof e.message === 'string' && /^Connection terminated/.test(e.message)) return true;
    // pg's own, for a statement sent on a connection that already failed (a prepared statement
    // is sent on the transaction's client directly, not through typeorm's runner)
    if (
      typeof e.message === 'string' &&
      /^Client (has encountered a connection error|was closed) and is not queryable/.test(e.message)
    )
      return true;
    queue.push(e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : []));
  }
  return false;
}

// errors from body-parser (http-errors objects) before any route runs
interface HttpErrorLike {
  status: number;
  type?: string;
  expose?: boolean;
}

function isHttpErrorLike(error: unknown): error is HttpErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as HttpErrorLike).status === 'number' &&
    (error as HttpErrorLike).expose === true
  );
}

function describe(exception: unknown): Failure | undefined {
  if (exception instanceof DomainError) {
    return {
      status: httpStatusFor(exception.code),
      code: exception.code,
      message: exception.message,
      details: exception.details,
      meta: exception.meta,
      denial: exception.denial,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // the adapter wraps body-parser's SyntaxError (malformed JSON) and URIError (bad %-encoding)
    if (exception.cause instanceof SyntaxError) {
      return {
        status: 400,
        code: ErrorCode.VALIDATION_FAILED,
        message: 'The request body is not valid JSON.',
        details: [{ field: 'body', message: 'malformed JSON' }],
      };
    }
    if (exception.cause instanceof URIError) {
      return {
        status: 400,
        code: ErrorCode.VALIDATION_FAILED,
        message: 'The request path is not validly encoded.',
      };
    }
    if (status >= 500) return undefined;
    const code = errorCodeForStatus(status);
    const message =
      code === ErrorCode.RATE_LIMITED
        ? 'Too many requests: slow down and try again shortly.'
        : code === ErrorCode.PAYLOAD_TOO_LARGE
          ? 'The request body is larger than 256 kB.'
          : exception.message;
    return { status, code, message };
  }
  if (databaseUnavailable(exception)) {
    return {
      status: 503,
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message:
        'The service cannot reach its database just now; try again shortly (the same request again, with the same Idempotency-Key or police reference, is safe).',
    };
  }
  if (isHttpErrorLike(exception) && exception.status < 500) {
    if (exception.type === 'entity.too.large') {
      return {
        status: 413,
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: 'The request body is larger than 256 kB.',
      };
    }
    if (exception.type === 'entity.parse.failed') {
      return {
        status: 400,
        code: ErrorCode.VALIDATION_FAILED,
        message: 'The request body is not valid JSON.',
        details: [{ field: 'body', message: 'malformed JSON' }],
      };
    }
    return {
      status: exception.status,
      code: errorCodeForStatus(exception.status),
      message: 'The request could not be read.',
    };
  }
  return undefined;
}

// every failure leaves in the one shape; a 5xx says nothing about why (no stack, no SQL)
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly denials: AccessDenials) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<Request>();
    const response = ctx.getResponse<Response>();
    const correlationId = correlationIdFor(request as unknown as Parameters<typeof correlationIdFor>[0]);
    const failure = describe(exception) ?? {
      status: 500,
      code: ErrorCode.INTERNAL_ERROR,
      message:
        'Something went wrong on our side. It has been logged; quote the correlation id if you report it.',
    };
    if (failure.code === ErrorCode.SERVICE_UNAVAILABLE) {
      this.logger.warn(
        { correlationId, errorName: exception instanceof Error ? exception.name : typeof exception },
        'database unavailable',
      );
      if (!response.headersSent) response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (failure.status >= 500) {
      // name and stack only: driver messages can quote values, so the message itself is not logged
      const error = exception instanceof Error ? exception : undefined;
      this.logger.error(
        {
          correlationId,
          errorName: error?.name ?? typeof exception,
          stack: error?.stack?.split('\n').slice(1).join('\n'),
        },
        'unhandled error',
      );
    }
    // a failure after the answer began (a streamed return, say): what was sent cannot be
    // taken back, so the connection is cut and the client cannot take a part for the whole
    if (response.headersSent) {
      if (!response.writableEnded) response.destroy();
      return;
    }
    const user = (request as { user?: AuthenticatedUser }).user;
    if (failure.denial && user) {
      // recorded before the answer goes, so the trail has it when the caller hears no;
      // a failure to record is logged, and the caller still hears 403/404
      void this.recordDenial(request, user, failure)
        .catch((error: unknown) =>
          this.logger.error(
            { correlationId, errorName: error instanceof Error ? error.name : typeof error },
            'access denial not audited',
          ),
        )
        .finally(() => this.send(response, failure, correlationId));
      return;
    }
    this.send(response, failure, correlationId);
  }

  private recordDenial(request: Request, user: AuthenticatedUser, failure: Failure): Promise<void> {
    // the route pattern (/api/contacts/:id), never the url with its values
    const pattern = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
    const param = (request.params as Record<string, string> | undefined)?.id;
    const entityId = failure.denial?.entityId ?? (param && UUID.test(param) ? param : undefined);
    return this.denials.record({
      actor: { id: user.id, role: user.role, agencyId: user.agencyId },
      route: `${request.method} ${pattern}`,
      status: failure.status === 403 ? 403 : 404,
      entityId,
    });
  }

  private send(response: Response, failure: Failure, correlationId: string): void {
    if (response.headersSent) return;
    const body: ErrorBody = {
      error: {
        ...(failure.meta ?? {}),
        code: failure.code,
        message: failure.message,
        ...(failure.details?.length ? { details: failure.details } : {}),
      },
      correlationId,
    };
    // a wait the client is told of (a throttled sign-in) is also the standard header
    const retryAfter = failure.meta?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(failure.status).json(body);
  }
}
