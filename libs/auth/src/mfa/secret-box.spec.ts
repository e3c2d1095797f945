import { SecretBox } from './secret-box';

const MASTER = 'x'.repeat(32);
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const box = new SecretBox(MASTER);
const sealed = box.seal(TOTP_SECRET);
const [version, iv, tag, body] = sealed.split('.');

// one byte of a base64url part changed (its first character, swapped for another)
const flip = (part: string): string => `${part[0] === 'A' ? 'B' : 'A'}${part.slice(1)}`;
const b64 = (bytes: Buffer): string => bytes.toString('base64url');
const bytesOf = (part: string): Buffer => Buffer.from(part, 'base64url');

describe('SecretBox', () => {
  // secret-box.ts: TOTP secrets are encrypted at rest, and the server reads them back
  it.each`
    plain                 | rule
    ${TOTP_SECRET}        | ${'secret-box.ts: a TOTP secret'}
    ${'a'}                | ${'secret-box.ts: one character'}
    ${'é ✓ 🔐'}           | ${'secret-box.ts: UTF-8 text'}
    ${'x'.repeat(10_000)} | ${'secret-box.ts: long text'}
    ${'has.dots.in.it'}   | ${'secret-box.ts: dots in the text do not confuse the format'}
  `('should open to the same text when it was sealed ($rule)', ({ plain }: { plain: string }) => {
    expect(box.open(box.seal(plain))).toBe(plain);
  });

  it('should open when another box is made from the same master secret', () => {
    expect(new SecretBox(MASTER).open(sealed)).toBe(TOTP_SECRET);
  });

  // secret-box.ts: `v1.<iv>.<tag>.<ciphertext>`, base64url, AES-256-GCM with a 96-bit iv
  it('should write v1, a 12-byte iv, a 16-byte tag and the ciphertext when a text is sealed', () => {
    expect(sealed.split('.')).toHaveLength(4);
    expect(version).toBe('v1');
    expect(bytesOf(iv)).toHaveLength(12);
    expect(bytesOf(tag)).toHaveLength(16);
    expect(bytesOf(body)).toHaveLength(Buffer.byteLength(TOTP_SECRET));
    expect(sealed).not.toContain(TOTP_SECRET);
  });

  // secret-box.ts: a fresh random iv each time, so equal secrets do not look equal at rest
  it('should differ when the same text is sealed twice', () => {
    const again = box.seal(TOTP_SECRET);
    expect(again).not.toBe(sealed);
    expect(again.split('.')[1]).not.toBe(iv);
    expect(box.open(again)).toBe(TOTP_SECRET);
  });

  // secret-box.ts: anything that does not open reads as undefined, never a throw
  it.each`
    stored                                                  | rule
    ${new SecretBox('y'.repeat(32)).seal(TOTP_SECRET)}      | ${'secret-box.ts: sealed under another master secret'}
    ${[version, iv, tag, flip(body)].join('.')}             | ${'secret-box.ts: tampered ciphertext'}
    ${[version, iv, tag, `${body}AA`].join('.')}            | ${'secret-box.ts: ciphertext made longer'}
    ${[version, iv, tag, body.slice(0, -2)].join('.')}      | ${'secret-box.ts: ciphertext cut short'}
    ${[version, iv, flip(tag), body].join('.')}             | ${'secret-box.ts: tampered tag'}
    ${[version, flip(iv), tag, body].join('.')}             | ${'secret-box.ts: tampered iv'}
    ${[version, b64(Buffer.alloc(0)), tag, body].join('.')} | ${'secret-box.ts: no iv'}
    ${[version, iv, '', body].join('.')}                    | ${'secret-box.ts: no tag'}
    ${[version, iv, tag].join('.')}                         | ${'secret-box.ts: no ciphertext'}
    ${['v2', iv, tag, body].join('.')}                      | ${'secret-box.ts: another version'}
    ${['V1', iv, tag, body].join('.')}                      | ${'secret-box.ts: the version in another case'}
    ${[iv, tag, body].join('.')}                            | ${'secret-box.ts: no version'}
    ${[version, tag, iv, body].join('.')}                   | ${'secret-box.ts: parts swapped'}
    ${TOTP_SECRET}                                          | ${'secret-box.ts: a secret stored in the clear'}
    ${'garbage'}                                            | ${'secret-box.ts: garbage'}
    ${'v1.a.b.c'}                                           | ${'secret-box.ts: garbage in the right shape'}
    ${'v1...'}                                              | ${'secret-box.ts: empty parts'}
    ${''}                                                   | ${'secret-box.ts: empty'}
  `('should open to undefined when the stored value is bad ($rule)', ({ stored }: { stored: string }) => {
    expect(box.open(stored)).toBeUndefined();
  });

  it.each`
    stored                                                              | rule
    ${[version, iv, b64(bytesOf(tag).subarray(0, 12)), body].join('.')} | ${'secret-box.ts: a tag cut to 12 bytes'}
    ${[version, iv, b64(bytesOf(tag).subarray(0, 4)), body].join('.')}  | ${'secret-box.ts: a tag cut to 4 bytes'}
  `('should open to undefined when the stored value is bad ($rule)', ({ stored }: { stored: string }) => {
    expect(box.open(stored)).toBeUndefined();
  });

  it('should open to the same text when an empty text was sealed', () => {
    expect(box.open(box.seal(''))).toBe('');
  });
});
