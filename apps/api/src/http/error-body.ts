import type { ErrorCode, FieldError } from '@app/core';

// API.md "Errors": the one shape every failure takes
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: FieldError[] } & Record<string, unknown>;
  correlationId: string;
}
