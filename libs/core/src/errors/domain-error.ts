import { ErrorCode } from './error-codes';

export interface FieldError {
  field: string;
  message: string;
}

// a rule said no: carries a code the client can branch on, mapped to HTTP in one place
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
    // extra, non-personal context for the client (e.g. who holds a claim)
    readonly meta?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(details: FieldError[], message = 'The request is not valid.'): DomainError {
    return new DomainError(ErrorCode.VALIDATION_FAILED, message, details);
  }

  static notFound(what = 'record'): DomainError {
    // "not found" and "not yours" must look the same (STYLE.md)
    return new DomainError(ErrorCode.NOT_FOUND, `No such ${what}.`);
  }

  static forbidden(message = 'Your role may not do this.'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message = 'Sign in first.'): DomainError {
    return new DomainError(ErrorCode.UNAUTHENTICATED, message);
  }
}
