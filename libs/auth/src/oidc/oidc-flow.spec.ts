import { OidcFlowSeal, type OidcFlow } from './oidc-flow';

const SECRET = 'a-secret-that-is-long-enough-for-tests-0123456789';
const START = new Date('2026-12-01T09:00:00Z');
const FLOW: OidcFlow = {
  state: 'state-abcdefghijklmnopqrstuvwxyz0123456789',
  nonce: 'nonce-abcdefghijklmnopqrstuvwxyz0123456789',
  verifier: 'verifier-abcdefghijklmnopqrstuvwxyz0123456789',
  returnTo: '/queues/screening',
  startedAt: START.getTime(),
};
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);

// flip one character of a base64url part of the sealed cookie
function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const text = parts[part];
  const i = Math.floor(text.length / 2);
  parts[part] = `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
  return parts.join('.');
}

describe('OidcFlowSeal', () => {
  const seal = new OidcFlowSeal(SECRET);

  it('should give the flow back when the cookie is opened within ten minutes', () => {
    const sealed = seal.seal(FLOW);
    expect(seal.open(sealed, at(0))).toEqual({ flow: FLOW });
    expect(seal.open(sealed, at(600))).toEqual({ flow: FLOW });
  });

  it('should not show the verifier, state or nonce when the cookie is read', () => {
    const sealed = seal.seal(FLOW);
    const readable = sealed
      .split('.')
      .map((p) => Buffer.from(p, 'base64url').toString('latin1'))
      .join('');
    for (const secret of [FLOW.verifier, FLOW.state, FLOW.nonce, FLOW.returnTo]) {
      expect(readable).not.toContain(secret);
    }
  });

  it('should seal the same flow differently each time', () => {
    expect(seal.seal(FLOW)).not.toBe(seal.seal(FLOW));
  });

  // oidc-flow.ts: FLOW_TTL_SECONDS, and another instance's clock a little ahead
  it.each`
    seconds | expected
    ${601}  | ${'FLOW_EXPIRED'}
    ${3600} | ${'FLOW_EXPIRED'}
    ${-61}  | ${'FLOW_EXPIRED'}
  `(
    'should refuse with $expected when the cookie is opened $seconds s after the start',
    ({ seconds, expected }) => {
      expect(seal.open(seal.seal(FLOW), at(seconds))).toEqual({ problem: expected });
    },
  );

  it('should accept a flow started up to a minute ahead when the clocks differ', () => {
    expect(seal.open(seal.seal(FLOW), at(-60))).toEqual({ flow: FLOW });
  });

  it.each([1, 2, 3])('should refuse as FLOW_INVALID when part %i of the cookie is changed', (part) => {
    expect(seal.open(tamper(seal.seal(FLOW), part), at(0))).toEqual({ problem: 'FLOW_INVALID' });
  });

  it.each`
    sealed                      | why
    ${''}                       | ${'empty'}
    ${'garbage'}                | ${'not sealed'}
    ${'v1.a.b.c'}               | ${'parts of the wrong size'}
    ${'v2.AAAA.AAAA.AAAA'}      | ${'another version'}
    ${'v1.' + 'A'.repeat(5000)} | ${'too long'}
  `('should refuse as FLOW_INVALID when the cookie is $why', ({ sealed }: { sealed: string }) => {
    expect(seal.open(sealed, at(0))).toEqual({ problem: 'FLOW_INVALID' });
  });

  it('should refuse as FLOW_INVALID when the cookie was sealed with another secret', () => {
    const other = new OidcFlowSeal('another-secret-that-is-long-enough-0123456789');
    expect(seal.open(other.seal(FLOW), at(0))).toEqual({ problem: 'FLOW_INVALID' });
  });

  it('should refuse as FLOW_INVALID when the sealed flow has a field of the wrong shape', () => {
    const odd = { ...FLOW, returnTo: 'https://evil.example/' };
    expect(seal.open(seal.seal(odd), at(0))).toEqual({ problem: 'FLOW_INVALID' });
  });
});
