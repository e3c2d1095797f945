import { ValidationPipe } from '@nestjs/common';
import { DomainError, flattenValidationErrors } from '@app/core';

// unknown fields are refused, not dropped: a partner system with a typo must hear about it
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.validation(flattenValidationErrors(errors)),
  });
}
