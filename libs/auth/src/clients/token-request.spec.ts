import { readTokenRequest, type TokenRequestInput } from './token-request';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const raw = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
const grant = { grant_type: 'client_credentials' };
const input = (over: Partial<TokenRequestInput>): TokenRequestInput => ({
  form: true,
  body: grant,
  authorization: undefined,
  ...over,
});

describe('readTokenRequest', () => {
  it.each`
    given                                                                                                  | expected                                                                          | rule
    ${input({ authorization: basic('fdc_a', 's3cret') })}                                                  | ${{ clientId: 'fdc_a', clientSecret: 's3cret', via: 'BASIC' }}                    | ${'RFC 6749 2.3.1: HTTP Basic'}
    ${input({ authorization: basic('fdc_a', 'a:b c+d%') })}                                                | ${{ clientId: 'fdc_a', clientSecret: 'a:b c+d%', via: 'BASIC' }}                  | ${'RFC 6749 2.3.1: each part form-urlencoded before Basic'}
    ${input({ authorization: raw('fdc_a:x+y') })}                                                          | ${{ clientId: 'fdc_a', clientSecret: 'x y', via: 'BASIC' }}                       | ${'RFC 6749 2.3.1: + is a space in a form-urlencoded part'}
    ${input({ authorization: `basic   ${raw('fdc_a:s').slice(6)}` })}                                      | ${{ clientId: 'fdc_a', clientSecret: 's', via: 'BASIC' }}                         | ${'RFC 7235 2.1: the scheme is case-insensitive'}
    ${input({ body: { ...grant, client_id: 'fdc_a', client_secret: 's' } })}                               | ${{ clientId: 'fdc_a', clientSecret: 's', via: 'BODY' }}                          | ${'RFC 6749 2.3.1: credentials in the body'}
    ${input({ body: { ...grant, client_id: 'fdc_a', client_secret: 's', scope: 'da.submit read' } })}      | ${{ clientId: 'fdc_a', clientSecret: 's', via: 'BODY', scope: 'da.submit read' }} | ${'RFC 6749 3.3: a scope is read'}
    ${input({ body: { ...grant, client_id: 'fdc_a', client_secret: 's', extra: ['1', '2'] } })}            | ${{ clientId: 'fdc_a', via: 'BODY' }}                                             | ${'RFC 6749 3.1: unknown parameters are ignored'}
    ${input({ body: { ...grant, client_id: 'fdc_a', client_secret: 's', scope: '' } })}                    | ${{ clientId: 'fdc_a', via: 'BODY' }}                                             | ${'RFC 6749 3.1: an empty parameter is an omitted one'}
    ${input({ authorization: basic('fdc_a', 's'), body: { ...grant, client_id: '', client_secret: '' } })} | ${{ via: 'BASIC' }}                                                               | ${'RFC 6749 3.1: empty body credentials are none'}
  `(
    'should read the request when it is well formed ($rule)',
    ({ given, expected }: { given: TokenRequestInput; expected: object }) => {
      expect(readTokenRequest(given)).toMatchObject(expected);
    },
  );

  it.each`
    given                                                                                                    | status | error                       | rule
    ${input({ form: false })}                                                                                | ${400} | ${'invalid_request'}        | ${'RFC 6749 4.4.2: a form body'}
    ${input({ body: undefined })}                                                                            | ${400} | ${'invalid_request'}        | ${'RFC 6749 4.4.2: no body'}
    ${input({ body: [] })}                                                                                   | ${400} | ${'invalid_request'}        | ${'RFC 6749 4.4.2: not a set of parameters'}
    ${input({ body: {} })}                                                                                   | ${400} | ${'invalid_request'}        | ${'RFC 6749 4.4.2: grant_type is required'}
    ${input({ body: { grant_type: ['client_credentials', 'client_credentials'] } })}                         | ${400} | ${'invalid_request'}        | ${'RFC 6749 3.2: a parameter at most once'}
    ${input({ body: { grant_type: { a: 1 } } })}                                                             | ${400} | ${'invalid_request'}        | ${'token-request.ts: a parameter is text'}
    ${input({ body: { grant_type: 'password' } })}                                                           | ${400} | ${'unsupported_grant_type'} | ${'RFC 6749 5.2: another grant'}
    ${input({ body: { grant_type: 'CLIENT_CREDENTIALS' } })}                                                 | ${400} | ${'unsupported_grant_type'} | ${'RFC 6749 4.4.2: the value is exact'}
    ${input({ body: { ...grant, scope: 'a"b' }, authorization: basic('fdc_a', 's') })}                       | ${400} | ${'invalid_scope'}          | ${'RFC 6749 3.3: scope-token has no quote'}
    ${input({ body: { ...grant, scope: 'a  b' }, authorization: basic('fdc_a', 's') })}                      | ${400} | ${'invalid_scope'}          | ${'RFC 6749 3.3: one space between tokens'}
    ${input({ body: { ...grant, client_id: 'fdc_a', client_secret: 's' }, authorization: basic('x', 'y') })} | ${400} | ${'invalid_request'}        | ${'RFC 6749 2.3: one method per request'}
    ${input({ body: { ...grant, client_secret: 's' }, authorization: basic('x', 'y') })}                     | ${400} | ${'invalid_request'}        | ${'RFC 6749 2.3: one method per request (secret only)'}
    ${input({})}                                                                                             | ${401} | ${'invalid_client'}         | ${'RFC 6749 5.2: no client authentication'}
    ${input({ body: { ...grant, client_id: 'fdc_a' } })}                                                     | ${401} | ${'invalid_client'}         | ${'RFC 6749 2.3.1: the secret with the id'}
    ${input({ authorization: 'Bearer abc' })}                                                                | ${401} | ${'invalid_client'}         | ${'RFC 6749 5.2: an unsupported authentication method'}
    ${input({ authorization: 'Basic' })}                                                                     | ${401} | ${'invalid_client'}         | ${'RFC 7617: Basic without credentials'}
    ${input({ authorization: 'Basic !!!!' })}                                                                | ${401} | ${'invalid_client'}         | ${'RFC 7617: not base64'}
    ${input({ authorization: 'Basic QQ' })}                                                                  | ${401} | ${'invalid_client'}         | ${'RFC 7617: no colon'}
    ${input({ authorization: 'Basic Q' })}                                                                   | ${401} | ${'invalid_client'}         | ${'RFC 4648: a lone base64 character'}
    ${input({ authorization: raw(':s') })}                                                                   | ${401} | ${'invalid_client'}         | ${'RFC 6749 2.3.1: an empty client id'}
    ${input({ authorization: raw('fdc_a:') })}                                                               | ${401} | ${'invalid_client'}         | ${'RFC 6749 2.3.1: an empty secret'}
    ${input({ authorization: raw('fdc_a:%E0%A4%A') })}                                                       | ${401} | ${'invalid_client'}         | ${'RFC 6749 2.3.1: bad percent-encoding'}
    ${input({ authorization: `Basic ${Buffer.from([0x66, 0x3a, 0xff]).toString('base64')}` })}               | ${401} | ${'invalid_client'}         | ${'RFC 7617 2.1: UTF-8 credentials'}
  `(
    'should refuse with $status $error when the request is not one we take ($rule)',
    ({ given, status, error }: { given: TokenRequestInput; status: number; error: string }) => {
      const refused = readTokenRequest(given);
      expect(refused).toMatchObject({ status, error });
      // RFC 6749 5.2: error_description is printable ASCII without " and \
      expect((refused as { description: string }).description).toMatch(/^[\x20\x21\x23-\x5b\x5d-\x7e]+$/);
    },
  );
});
