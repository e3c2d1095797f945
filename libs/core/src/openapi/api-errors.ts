import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto';

// API.md "Errors": the 4xx statuses a route answers, and what each means in general
const MEANING = {
  400: 'VALIDATION_FAILED: the request is not valid (unknown fields too); `details` names each field',
  401: 'UNAUTHENTICATED: no valid access token (Authorization: Bearer <token>)',
  403: 'FORBIDDEN: the role may not do this',
  404: 'NOT_FOUND: no such record, or one the caller’s agency may not see (the two look the same)',
  409: 'a conflict with the record’s state (CONTACT_ALREADY_CLAIMED, STALE_STATE, DUPLICATE_REFERENCE)',
  413: 'PAYLOAD_TOO_LARGE: the body is over 256 kB',
  422: 'IDEMPOTENCY_KEY_REUSED: the key was used with another body',
  429: 'RATE_LIMITED: too many requests; slow down and try again shortly',
} as const;

export type ErrorStatus = keyof typeof MEANING;

// a status, or a status with what it means on this route
export type ApiError = ErrorStatus | [ErrorStatus, string];

// the 4xx responses of a route, each with the one error body (ErrorBody) as its schema
export function ApiErrors(...errors: ApiError[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...errors.map((error) => {
      const [status, description] = Array.isArray(error) ? error : [error, MEANING[error]];
      return ApiResponse({ status, description, type: ErrorBodyDto });
    }),
  );
}
