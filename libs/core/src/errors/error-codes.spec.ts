import { ErrorCode, errorCodeForStatus, httpStatusFor } from './error-codes';

describe('httpStatusFor', () => {
  it.each`
    code                                 | status | rule
    ${ErrorCode.VALIDATION_FAILED}       | ${400} | ${'API.md Errors: VALIDATION_FAILED is 400'}
    ${ErrorCode.UNAUTHENTICATED}         | ${401} | ${'API.md Errors: UNAUTHENTICATED is 401'}
    ${ErrorCode.MFA_REQUIRED}            | ${401} | ${'issue 14 item 6: MFA_REQUIRED is 401'}
    ${ErrorCode.ACCOUNT_LOCKED}          | ${401} | ${'issue 14 item 8: a locked account is 401'}
    ${ErrorCode.FORBIDDEN}               | ${403} | ${'API.md Errors: FORBIDDEN is 403'}
    ${ErrorCode.NOT_FOUND}               | ${404} | ${'API.md Errors: NOT_FOUND is 404 (also "not yours")'}
    ${ErrorCode.METHOD_NOT_ALLOWED}      | ${405} | ${'error-codes.ts: METHOD_NOT_ALLOWED is 405'}
    ${ErrorCode.CONTACT_ALREADY_CLAIMED} | ${409} | ${'API.md Errors: CONTACT_ALREADY_CLAIMED is 409'}
    ${ErrorCode.STALE_STATE}             | ${409} | ${'API.md Errors: STALE_STATE is 409'}
    ${ErrorCode.DUPLICATE_REFERENCE}     | ${409} | ${'API.md Errors: DUPLICATE_REFERENCE is 409'}
    ${ErrorCode.CONFLICT}                | ${409} | ${'error-codes.ts: CONFLICT is 409'}
    ${ErrorCode.PAYLOAD_TOO_LARGE}       | ${413} | ${'API.md Errors: 413 for bodies over 256 kB'}
    ${ErrorCode.UNSUPPORTED_MEDIA_TYPE}  | ${415} | ${'error-codes.ts: UNSUPPORTED_MEDIA_TYPE is 415'}
    ${ErrorCode.IDEMPOTENCY_KEY_REUSED}  | ${422} | ${'API.md Errors: IDEMPOTENCY_KEY_REUSED is 422'}
    ${ErrorCode.RATE_LIMITED}            | ${429} | ${'API.md Errors: RATE_LIMITED is 429'}
    ${ErrorCode.INTERNAL_ERROR}          | ${500} | ${'API.md Errors: INTERNAL_ERROR is 500'}
    ${ErrorCode.SERVICE_UNAVAILABLE}     | ${503} | ${'error-codes.ts: SERVICE_UNAVAILABLE is 503'}
  `(
    'should return $status when the code is $code ($rule)',
    ({ code, status }: { code: ErrorCode; status: number }) => {
      expect(httpStatusFor(code)).toBe(status);
    },
  );

  // API.md Errors: every failure a client can see has a code, and every code an HTTP status
  it.each(Object.values(ErrorCode))('should return an error status when the code is %s', (code) => {
    const status = httpStatusFor(code);
    expect(Number.isInteger(status)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
  });

  it('should keep each key equal to its value when the codes are listed', () => {
    for (const [key, value] of Object.entries(ErrorCode)) expect(value).toBe(key);
  });
});

describe('errorCodeForStatus', () => {
  // API.md Errors: a bare framework status reads as the code that maps back to it
  it.each`
    status | code
    ${400} | ${ErrorCode.VALIDATION_FAILED}
    ${401} | ${ErrorCode.UNAUTHENTICATED}
    ${403} | ${ErrorCode.FORBIDDEN}
    ${404} | ${ErrorCode.NOT_FOUND}
    ${405} | ${ErrorCode.METHOD_NOT_ALLOWED}
    ${409} | ${ErrorCode.CONFLICT}
    ${413} | ${ErrorCode.PAYLOAD_TOO_LARGE}
    ${415} | ${ErrorCode.UNSUPPORTED_MEDIA_TYPE}
    ${429} | ${ErrorCode.RATE_LIMITED}
    ${503} | ${ErrorCode.SERVICE_UNAVAILABLE}
  `(
    'should round-trip to $status when the status is $status',
    ({ status, code }: { status: number; code: ErrorCode }) => {
      expect(errorCodeForStatus(status)).toBe(code);
      expect(httpStatusFor(errorCodeForStatus(status))).toBe(status);
    },
  );

  // API.md Errors: a 5xx says nothing about why, so any server failure is INTERNAL_ERROR
  it.each([500, 501, 502, 504, 505, 511, 599])(
    'should return INTERNAL_ERROR when the status is %i',
    (status) => {
      expect(errorCodeForStatus(status)).toBe(ErrorCode.INTERNAL_ERROR);
    },
  );

  // error-codes.ts: an unmapped 4xx keeps its status with a code that does not claim a
  // validation failure (VALIDATION_FAILED means 400 with field details)
  it.each([402, 406, 410, 411, 418, 422, 431])(
    'should return REQUEST_REJECTED when the status is %i',
    (status) => {
      expect(errorCodeForStatus(status)).toBe(ErrorCode.REQUEST_REJECTED);
    },
  );
});
