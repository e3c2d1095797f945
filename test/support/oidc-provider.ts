import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

// A real OpenID Connect provider for the single sign-on e2e tests. oidc-provider 9 is ESM only and
// pulls in koa, so it runs in a child process (oidc-provider-server.mjs beside this file) rather than
// inside jest's CommonJS module graph; this side starts it, waits for its issuer and stops it.
// (The script must not be called oidc-provider.mjs: jest resolves './oidc-provider' to .mjs before .ts.)

export interface TestOidcAccount {
  /** the subject identifier: the ID token's sub */
  sub: string;
  /** the login_hint that signs this account in, and the email claim */
  email: string;
  emailVerified: boolean;
  name?: string;
  /** authentication methods put in the ID token's amr claim, e.g. ['pwd', 'otp']; none if omitted */
  amr?: string[];
}

export interface StartOidcProviderOptions {
  /** the one redirect_uri the client may use */
  redirectUri: string;
  accounts: TestOidcAccount[];
  /** 0 (the default) picks a free port */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** how long to wait for the provider to listen; 15 s if omitted */
  startTimeoutMs?: number;
}

export interface TestOidcProvider {
  /** http://127.0.0.1:<port>; discovery at <issuer>/.well-known/openid-configuration */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  stop(): Promise<void>;
}

const SCRIPT = join(__dirname, 'oidc-provider-server.mjs');
const CONFIG_ENV = 'OIDC_TEST_PROVIDER_CONFIG';

/**
 * Starts the provider with one confidential client (client_secret_basic or client_secret_post,
 * authorization code with PKCE S256 required, scopes openid email profile). Sign-in is automatic:
 * the authorization request's login_hint (an account's email) picks the account, anything else ends
 * in access_denied. The ID token carries email, email_verified and the account's amr.
 */
export async function startOidcProvider(options: StartOidcProviderOptions): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'frontdoor-test-client';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const config = {
    port: options.port ?? 0,
    clientId,
    clientSecret,
    redirectUri: options.redirectUri,
    accounts: options.accounts,
  };

  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, NODE_ENV: 'test', [CONFIG_ENV]: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  // startup output (oidc-provider's development warnings among it) is kept for the error message only;
  // once running, whatever the provider reports on stderr is worth seeing in the test output
  let startupErrors = '';
  let ready = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (ready) process.stderr.write(chunk.replace(/^(?=.)/gm, '[oidc-provider] '));
    else startupErrors += chunk;
  });

  const issuer = await new Promise<string>((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 15000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`oidc test provider did not start within ${timeoutMs} ms\n${startupErrors}`));
    }, timeoutMs);
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (ready) return;
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      try {
        const line = JSON.parse(stdout.slice(0, newline)) as { issuer?: unknown };
        if (typeof line.issuer !== 'string') throw new Error('no issuer');
        ready = true;
        resolve(line.issuer);
      } catch {
        child.kill('SIGKILL');
        reject(new Error(`oidc test provider printed ${stdout.slice(0, newline)}\n${startupErrors}`));
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`oidc test provider exited (${signal ?? code}) before it was ready\n${startupErrors}`),
      );
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: options.redirectUri,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
  };
}

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

/** Just enough of a browser's cookie store to carry oidc-provider's cookies between redirects. */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie[]>();

  /** Takes in a response's Set-Cookie headers (response.headers.getSetCookie()). */
  store(url: URL, setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split('=');
        const attributeValue = rest.join('=').trim();
        switch (key.trim().toLowerCase()) {
          case 'path':
            path = attributeValue || '/';
            break;
          case 'max-age':
            expired = Number(attributeValue) <= 0;
            break;
          case 'expires':
            expired = Date.parse(attributeValue) <= Date.now();
            break;
        }
      }
      const kept = (this.cookies.get(url.host) ?? []).filter((c) => c.name !== name || c.path !== path);
      if (!expired) kept.push({ name, value, path });
      this.cookies.set(url.host, kept);
    }
  }

  /** The Cookie header a browser would send to url, or undefined for none. */
  header(url: URL): string | undefined {
    const matching = (this.cookies.get(url.host) ?? []).filter(
      (c) =>
        c.path === '/' || url.pathname === c.path || url.pathname.startsWith(`${c.path.replace(/\/$/, '')}/`),
    );
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }
}

export interface FollowAuthorizationOptions {
  /** sets the request's login_hint, i.e. which test account signs in */
  loginHint?: string;
  /** cookies to start from and to keep (e.g. the provider's session, for a second sign-in); a fresh jar if omitted */
  jar?: CookieJar;
  /**
   * where to stop: the first redirect to this URL (query ignored) is returned. Defaults to the
   * request's redirect_uri parameter, or, without one, the first redirect that leaves url's origin.
   */
  stopAt?: string;
  maxHops?: number;
}

/**
 * Plays the browser for an authorization request: follows its redirects by hand (fetch with
 * redirect: 'manual'), carrying cookies, through the provider's automatic sign-in and consent, and
 * returns the URL the provider finally sends the browser to at the redirect_uri, holding ?code=&state=
 * (or ?error=&state=). The redirect_uri itself is not requested.
 */
export async function followAuthorization(
  url: string | URL,
  options: FollowAuthorizationOptions = {},
): Promise<URL> {
  const jar = options.jar ?? new CookieJar();
  let current = new URL(url);
  if (options.loginHint !== undefined) current.searchParams.set('login_hint', options.loginHint);
  const stopAt = options.stopAt ?? current.searchParams.get('redirect_uri');
  const startOrigin = current.origin;
  const isTheEnd = (next: URL): boolean => {
    if (stopAt === null) return next.origin !== startOrigin;
    const target = new URL(stopAt);
    return next.origin === target.origin && next.pathname === target.pathname;
  };

  const maxHops = options.maxHops ?? 20;
  for (let hop = 0; hop < maxHops; hop++) {
    const cookie = jar.header(current);
    const res = await fetch(current, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(current, res.headers.getSetCookie());
    const body = await res.text();
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`authorization stopped with ${res.status} at ${current.href}: ${body.slice(0, 2000)}`);
    }
    const next = new URL(location, current);
    if (isTheEnd(next)) return next;
    current = next;
  }
  throw new Error(`authorization did not reach ${stopAt ?? 'another origin'} within ${maxHops} redirects`);
}
