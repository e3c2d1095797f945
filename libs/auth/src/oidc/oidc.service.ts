import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { parse as parseCookies } from 'cookie';
import type { Response } from 'express';
import * as client from 'openid-client';
import { DomainError, ErrorCode } from '@app/core';
import { AuthClock } from '../auth-clock';
import { authConfig } from '../auth.config';
import { AuthService } from '../auth.service';
import { FLOW_COOKIE, OidcFlowSeal, type OidcFlow } from './oidc-flow';
import { OidcRelyingParty, ProviderProblem } from './oidc-relying-party';
import { FLOW_TTL_SECONDS, providerErrorCode, safeReturnTo } from './oidc-rules';
import { OidcRefusal, SignInWithOidc } from './sign-in-with-oidc';

// the flow cookie goes back to these routes only
export const FLOW_COOKIE_PATH = '/api/auth/oidc';

export interface OidcStatus {
  enabled: boolean;
}

// where the console shows why a single sign-on did not work
export const signInErrorLocation = (reason: string): string => `/?signInError=${encodeURIComponent(reason)}`;

// the single sign-on routes' service: the flow cookie, the redirects, and what HTTP adds to
// SignInWithOidc. A callback always ends in a redirect, never an error page, whatever it is sent
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly seal: OidcFlowSeal;

  constructor(
    private readonly relyingParty: OidcRelyingParty,
    private readonly signIn: SignInWithOidc,
    private readonly auth: AuthService,
    private readonly clock: AuthClock,
    @Inject(authConfig.KEY) private readonly authSettings: ConfigType<typeof authConfig>,
  ) {
    this.seal = new OidcFlowSeal(authSettings.jwtSecret);
  }

  status(): OidcStatus {
    return { enabled: this.relyingParty.enabled };
  }

  // to the provider, with this browser's flow in the cookie
  async start(returnTo: unknown, response: Response): Promise<string> {
    this.requireEnabled();
    const flow: OidcFlow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo: safeReturnTo(returnTo),
      startedAt: this.clock.now().getTime(),
    };
    let location: URL;
    try {
      location = await this.relyingParty.authorizationUrl({
        state: flow.state,
        nonce: flow.nonce,
        codeChallenge: await client.calculatePKCECodeChallenge(flow.verifier),
      });
    } catch (error) {
      const reason = error instanceof ProviderProblem ? error.reason : 'SSO_FAILED';
      if (reason === 'SSO_FAILED') this.logger.error(`single sign-on could not start: ${String(error)}`);
      return signInErrorLocation(reason);
    }
    response.cookie(FLOW_COOKIE, this.seal.seal(flow), {
      ...this.flowCookieOptions(),
      maxAge: FLOW_TTL_SECONDS * 1000,
    });
    return location.href;
  }

  // back from the provider: the session cookie and the page asked for, or the console with why not
  async finish(originalUrl: string, cookieHeader: string | undefined, response: Response): Promise<string> {
    this.requireEnabled();
    // one flow, one callback: whatever happens next, the cookie is spent
    response.clearCookie(FLOW_COOKIE, this.flowCookieOptions());
    try {
      const flow = this.flowFrom(cookieHeader);
      const query = queryOf(originalUrl);
      const params = new URLSearchParams(query);
      const states = params.getAll('state');
      if (states.length !== 1 || states[0] !== flow.state) throw new OidcRefusal('STATE_MISMATCH');
      if (params.has('error')) {
        throw new OidcRefusal('PROVIDER_DENIED', undefined, {
          providerError: providerErrorCode(params.get('error')),
        });
      }
      const claims = await this.relyingParty.redeem(query, flow);
      const signedIn = await this.signIn.execute(claims);
      this.auth.setCookie(response, signedIn.session);
      return flow.returnTo;
    } catch (error) {
      return this.refuse(error);
    }
  }

  private flowFrom(cookieHeader: string | undefined): OidcFlow {
    let sealed: string | undefined;
    try {
      sealed = cookieHeader ? parseCookies(cookieHeader)[FLOW_COOKIE] : undefined;
    } catch {
      throw new OidcRefusal('FLOW_INVALID');
    }
    if (!sealed) throw new OidcRefusal('FLOW_MISSING');
    const opened = this.seal.open(sealed, this.clock.now());
    if ('problem' in opened) throw new OidcRefusal(opened.problem);
    return opened.flow;
  }

  private async refuse(error: unknown): Promise<string> {
    let refusal: OidcRefusal;
    if (error instanceof OidcRefusal) {
      refusal = error;
    } else if (error instanceof ProviderProblem) {
      // the detail is for operators (the log), the reason for the trail and the console
      this.logger.warn(`single sign-on refused (${error.reason}): ${error.message}`);
      refusal = new OidcRefusal(error.reason);
    } else {
      this.logger.error(
        `single sign-on failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      refusal = new OidcRefusal('SSO_FAILED');
    }
    try {
      await this.signIn.refused(refusal);
    } catch (auditError) {
      this.logger.error(`single sign-on refusal not audited: ${String(auditError)}`);
    }
    return signInErrorLocation(refusal.reason);
  }

  private requireEnabled(): void {
    if (!this.relyingParty.enabled) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'Single sign-on is not set up on this service.');
    }
  }

  private flowCookieOptions() {
    return {
      httpOnly: true,
      secure: this.authSettings.cookieSecure,
      // Lax: the provider's redirect back is a top-level cross-site GET, which Strict would strip
      sameSite: 'lax' as const,
      path: FLOW_COOKIE_PATH,
    };
  }
}

function queryOf(originalUrl: string): string {
  const at = originalUrl.indexOf('?');
  return at === -1 ? '' : originalUrl.slice(at + 1);
}
