import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import * as client from 'openid-client';
import { oidcConfig, type OidcProviderSettings } from './oidc.config';
import type { OidcClaims } from './oidc-rules';

// a failure talking to the provider: which of the two refusals it is
export class ProviderProblem extends Error {
  constructor(
    readonly reason: 'PROVIDER_UNAVAILABLE' | 'TOKEN_REJECTED',
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ProviderProblem';
  }
}

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeChallenge: string;
}

export interface CallbackChecks {
  state: string;
  nonce: string;
  verifier: string;
}

// seconds to wait for the provider (discovery, token endpoint, keys)
const PROVIDER_TIMEOUT_SECONDS = 10;

// this service as an OpenID Connect relying party (openid-client): the provider's metadata is
// discovered on first use and kept; a discovery that fails is tried again on the next sign-in
@Injectable()
export class OidcRelyingParty {
  private readonly logger = new Logger(OidcRelyingParty.name);
  private discovered?: Promise<client.Configuration>;

  constructor(@Inject(oidcConfig.KEY) private readonly config: ConfigType<typeof oidcConfig>) {}

  get enabled(): boolean {
    return this.config.enabled;
  }

  // where to send the browser: the provider's authorization endpoint with PKCE S256, state, nonce
  async authorizationUrl(request: AuthorizationRequest): Promise<URL> {
    const provider = this.provider();
    const configuration = await this.configuration();
    return client.buildAuthorizationUrl(configuration, {
      redirect_uri: provider.redirectUrl,
      scope: this.config.scopes,
      response_type: 'code',
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
  }

  // the callback's code redeemed at the token endpoint; the ID token's claims once openid-client
  // has checked its signature, issuer, audience, expiry, nonce, and the response's state and iss
  async redeem(callbackQuery: string, checks: CallbackChecks): Promise<OidcClaims> {
    const provider = this.provider();
    const configuration = await this.configuration();
    // the URL the provider sent the browser to, as registered there (the request's own host may be
    // a proxy's view): openid-client reads code, state and iss from it and sends it as redirect_uri
    const currentUrl = new URL(provider.redirectUrl);
    currentUrl.search = callbackQuery;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the token response has no ID token');
      return claims as OidcClaims;
    } catch (error) {
      throw new ProviderProblem('TOKEN_REJECTED', error);
    }
  }

  private provider(): OidcProviderSettings {
    if (!this.config.provider) throw new Error('single sign-on is not configured');
    return this.config.provider;
  }

  private configuration(): Promise<client.Configuration> {
    const provider = this.provider();
    this.discovered ??= client
      .discovery(new URL(provider.issuerUrl), provider.clientId, provider.clientSecret, undefined, {
        execute: this.config.allowHttp ? [client.allowInsecureRequests] : [],
        timeout: PROVIDER_TIMEOUT_SECONDS,
      })
      .catch((error: unknown) => {
        // not kept: the next sign-in asks again
        this.discovered = undefined;
        this.logger.warn(
          `discovery at ${provider.issuerUrl} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        throw new ProviderProblem('PROVIDER_UNAVAILABLE', error);
      });
    return this.discovered;
  }
}
