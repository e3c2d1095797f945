import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import pino, { type LoggerOptions } from 'pino';
import { loggingOptions, requestProps } from './logging';

// the pino options the service runs with, writing to memory
function capture(): { logger: pino.Logger; lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const options = loggingOptions('info').pinoHttp as LoggerOptions;
  const logger = pino({ level: 'info', redact: options.redact, serializers: options.serializers }, stream);
  return { logger, lines: () => chunks.join('') };
}

describe('logging: no personal data in log lines', () => {
  it.each([
    ['a child at the top level', { firstName: 'Jane', lastName: 'Smith', dateOfBirth: '2015-03-01' }],
    [
      'a child one level down',
      { child: { firstName: 'Jane', nhsNumber: '9434765919', postcode: 'TS5 7AA' } },
    ],
    ['a victim two levels down', { notification: { victim: { lastName: 'Smith', address: '1 High St' } } }],
    ['credentials', { body: { email: 'jane@example.org', password: 'hunter2-secret' } }],
    ['free text', { contact: { concerns: 'Jane said her step-father hit her' } }],
  ])('should censor personal fields when logging %s', (_what, payload) => {
    const { logger, lines } = capture();
    logger.info(payload, 'something happened');
    const out = lines();
    expect(out).toContain('something happened');
    expect(out).toContain('[redacted]');
    expect(out).not.toMatch(/Jane|Smith|9434765919|TS5 7AA|High St|hunter2|jane@example/);
  });

  it('should log a request as id, method and path only, dropping query string and headers', () => {
    const { logger, lines } = capture();
    logger.info({
      req: {
        id: 'abc',
        method: 'GET',
        url: '/api/children?lastName=Smith',
        headers: { authorization: 'Bearer secret-token', cookie: 'sid=1' },
      },
    });
    const out = JSON.parse(lines()) as { req: unknown };
    expect(out.req).toEqual({ id: 'abc', method: 'GET', path: '/api/children' });
  });

  it('should say who asked, by user id only, so a refused request can be traced to its caller', () => {
    const signedIn = { user: { id: 'u-1', name: 'Sam Screener' } } as unknown as IncomingMessage;
    expect(requestProps(signedIn)).toEqual({ userId: 'u-1' });
    expect(requestProps({} as IncomingMessage)).toEqual({});
    expect(loggingOptions('info').pinoHttp).toMatchObject({ customProps: requestProps });
  });
});
