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
    // never sent: an access denial the trail records (ASVS 16.3.2), with the record it was about
    readonly denial?: { entityId?: string },
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

  // another agency's record: answered exactly as a missing one, but recorded as a denial
  static notYours(what = 'record', entityId?: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `No such ${what}.`, undefined, undefined, { entityId });
  }

  static forbidden(message = 'Your role may not do this.'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message, undefined, undefined, {});
  }

  static unauthenticated(message = 'Sign in first.'): DomainError {
    return new DomainError(ErrorCode.UNAUTHENTICATED, message);
  }
}
