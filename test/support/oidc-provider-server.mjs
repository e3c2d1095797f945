// A real OpenID Connect provider (oidc-provider 9) for the single sign-on e2e tests, run as its own
// process by test/support/oidc-provider.ts: oidc-provider and koa ship ESM only, jest runs CommonJS.
//
// Configuration comes as JSON in OIDC_TEST_PROVIDER_CONFIG:
//   { port, clientId, clientSecret, redirectUri, accounts: [{ sub, email, emailVerified, name?, amr? }] }
// Once listening it prints one JSON line, { "issuer": "http://127.0.0.1:<port>" }, on stdout.
//
// There is no login page: the interaction route below signs in, without a form, the account whose
// email is the authorization request's login_hint, and grants whatever it asked for. An unknown or
// missing login_hint ends the request with access_denied at the client's redirect_uri.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import process from 'node:process';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_PROVIDER_CONFIG ?? '{}');
const accounts = new Map(config.accounts.map((account) => [account.email.toLowerCase(), account]));
const accountsBySub = new Map(config.accounts.map((account) => [account.sub, account]));

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// the issuer carries the port, so listen first and hand requests to the provider once it exists
let provider;
const server = createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      process.stderr.write(`interaction failed: ${error.stack ?? error}\n`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error.message ?? error));
    });
    return;
  }
  provider.callback()(req, res);
});
server.on('error', (error) => fail(`oidc test provider could not listen: ${error.stack ?? error}`));

server.listen(config.port ?? 0, '127.0.0.1', async () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  try {
    provider = new Provider(issuer, configuration());
    // static clients are checked on first use: look ours up now so bad metadata fails the start
    await provider.Client.find(config.clientId);
  } catch (error) {
    fail(`oidc test provider could not start: ${error.error_description ?? ''}\n${error.stack ?? error}`);
  }
  provider.on('server_error', (_ctx, error) =>
    process.stderr.write(`server_error: ${error.stack ?? error}\n`),
  );
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

function configuration() {
  // a fresh signing key per run: nothing outside this process ever needs to know it in advance
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: [
      {
        client_id: config.clientId,
        client_secret: config.clientSecret,
        redirect_uris: [config.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        // client_secret_post is accepted too: oidc-provider treats the two secret methods as one
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'email', 'profile'],
    // oidc-provider puts amr (taken from the sign-in, see interaction below) into an ID token only
    // when a claim mask asks for it, and a client's claims parameter is not to be relied on: tying it
    // to the openid scope puts it into every ID token whose sign-in had one
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    // scope claims (email, email_verified) go into the ID token as well as to userinfo
    conformIdTokenClaims: false,
    // oidc-provider 9 makes PKCE mandatory only for public clients: this client must use it too
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accountsBySub.get(sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        async claims() {
          return {
            sub: account.sub,
            email: account.email,
            email_verified: account.emailVerified,
            ...(account.name ? { name: account.name } : {}),
          };
        },
      };
    },
  };
}

// the "login page": one interaction per prompt (login, then consent), each finished at once
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params } = details;

  if (prompt.name === 'login') {
    const hint = typeof params.login_hint === 'string' ? params.login_hint.toLowerCase() : undefined;
    const account = hint ? accounts.get(hint) : undefined;
    if (!account) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: `no test account for login_hint ${hint ?? '(none)'}` },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    // amr lives in the session: oidc-provider copies it into the code and then the ID token
    const login = { accountId: account.sub, ...(account.amr ? { amr: account.amr } : {}) };
    await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
    return;
  }

  if (prompt.name === 'consent') {
    // oidc-provider 9 records consent as a Grant: grant exactly what the prompt says is missing
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }

  throw new Error(`unexpected interaction prompt ${prompt.name}`);
}

// the parent stops us with SIGTERM: close the listener and leave
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
