import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { FLOW_TTL_SECONDS } from './oidc-rules';

// a sign-in at the provider, between the redirect there and the callback here: carried by the
// browser in the fd_oidc cookie, so any instance can finish what another started. Sealed with
// AES-256-GCM under a key derived from JWT_SECRET (HKDF, its own label): the browser can neither
// read the PKCE verifier nor change a field. `v1.<iv>.<tag>.<ciphertext>`, base64url
export const FLOW_COOKIE = 'fd_oidc';

export interface OidcFlow {
  state: string;
  nonce: string;
  // the PKCE code_verifier (RFC 7636): only the browser that started the flow can finish it
  verifier: string;
  returnTo: string;
  startedAt: number;
}

export type OpenedFlow = { flow: OidcFlow } | { problem: 'FLOW_INVALID' | 'FLOW_EXPIRED' };

const INFO = 'front-door oidc flow v1';
const AAD = Buffer.from(FLOW_COOKIE);
const TAG_BYTES = 16;
// a flow started a little "in the future" is another instance's clock, not a forgery
const SKEW_MS = 60_000;
const MAX_SEALED = 4096;

const isToken = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(value);

export class OidcFlowSeal {
  private readonly key: Buffer;

  constructor(masterSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', masterSecret, 'front-door', INFO, 32));
  }

  seal(flow: OidcFlow): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  // what the cookie held, or why it cannot be used; never throws, whatever the browser sent
  open(sealed: string, now: Date): OpenedFlow {
    const flow = this.decrypt(sealed);
    if (!flow) return { problem: 'FLOW_INVALID' };
    const age = now.getTime() - flow.startedAt;
    if (age > FLOW_TTL_SECONDS * 1000 || age < -SKEW_MS) return { problem: 'FLOW_EXPIRED' };
    return { flow };
  }

  private decrypt(sealed: string): OidcFlow | undefined {
    if (sealed.length > MAX_SEALED) return undefined;
    const [version, iv, tag, body, extra] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !body || extra !== undefined) return undefined;
    const authTag = Buffer.from(tag, 'base64url');
    const nonce = Buffer.from(iv, 'base64url');
    if (authTag.length !== TAG_BYTES || nonce.length !== 12) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(AAD);
      decipher.setAuthTag(authTag);
      const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
      const value = JSON.parse(plain.toString('utf8')) as Partial<OidcFlow>;
      const valid =
        isToken(value.state) &&
        isToken(value.nonce) &&
        isToken(value.verifier) &&
        typeof value.returnTo === 'string' &&
        value.returnTo.startsWith('/') &&
        typeof value.startedAt === 'number' &&
        Number.isFinite(value.startedAt);
      return valid ? (value as OidcFlow) : undefined;
    } catch {
      return undefined;
    }
  }
}
