import { databaseUnavailable } from './all-exceptions.filter';

const named = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('x'), { name, ...extra });

// the database away answers 503 SERVICE_UNAVAILABLE with Retry-After: a client retries;
// anything else stays a 500 that is logged as a bug
describe('databaseUnavailable', () => {
  it.each<[string, unknown, boolean]>([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }),
      true,
    ],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), true],
    ['the connection dropped mid-query', new Error('Connection terminated unexpectedly'), true],
    [
      'a prepared statement sent on a connection that failed',
      named('QueryFailedError', {
        driverError: new Error('Client has encountered a connection error and is not queryable'),
      }),
      true,
    ],
    [
      'admin shutdown inside a typeorm error',
      named('QueryFailedError', { driverError: { code: '57P01' } }),
      true,
    ],
    ['cannot connect now (starting up)', named('QueryFailedError', { driverError: { code: '57P03' } }), true],
    [
      'a connection exception (class 08)',
      named('QueryFailedError', { driverError: { code: '08006' } }),
      true,
    ],
    ['too many connections', named('QueryFailedError', { driverError: { code: '53300' } }), true],
    ['a released query runner', named('QueryRunnerProviderAlreadyReleasedError'), true],
    ['a query on a runner the failed connection released', named('QueryRunnerAlreadyReleasedError'), true],
    [
      'a refusal wrapped as a cause',
      new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }) }),
      true,
    ],
    [
      'one refusal among many (AggregateError)',
      new AggregateError([Object.assign(new Error('e'), { code: 'ECONNREFUSED' })]),
      true,
    ],
    [
      'a unique violation (a bug or a race, not an outage)',
      named('QueryFailedError', { driverError: { code: '23505' } }),
      false,
    ],
    ['a syntax error', named('QueryFailedError', { driverError: { code: '42601' } }), false],
    ['a plain TypeError', new TypeError('x is undefined'), false],
    ['not an error at all', 'oops', false],
    ['null', null, false],
  ])('should say %s is %p', (_what, error, expected) => {
    expect(databaseUnavailable(error)).toBe(expected);
  });

  it('should not loop on an error that is its own cause', () => {
    const error = new Error('self') as Error & { cause?: unknown };
    error.cause = error;
    expect(databaseUnavailable(error)).toBe(false);
  });
});
