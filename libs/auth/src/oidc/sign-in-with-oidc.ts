import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditActor } from '@app/audit';
import { AuthClock } from '../auth-clock';
import { SecondFactor } from '../mfa/second-factor';
import { SessionIssuer, type IssuedSession } from '../sessions/session-issuer';
import { accountByEmail, type SignInAccount } from '../users.repository';
import { oidcConfig } from './oidc.config';
import { providerAssertedMfa, verifiedEmailOf, type OidcClaims, type OidcRefusalReason } from './oidc-rules';

export const actorOf = (account: SignInAccount): AuditActor => ({
  id: account.id,
  role: account.role,
  agencyId: account.agencyId,
});

// a single sign-on said no: why, and whose account it was when that is known
export class OidcRefusal extends Error {
  constructor(
    readonly reason: OidcRefusalReason,
    readonly account?: SignInAccount,
    readonly details: Record<string, string> = {},
  ) {
    super(`single sign-on refused: ${reason}`);
    this.name = 'OidcRefusal';
  }
}

export interface SignedInWithOidc {
  account: SignInAccount;
  session: IssuedSession;
  mfa: boolean;
}

// issue 14 item 7: the provider has said who this is; sign them in if they are one of ours.
// Matched by the email the provider vouches for to an active person (sign-in never creates an
// account); the provider's second factor counts as ours (amr/acr). Staff who must use one and
// whose provider did not say so are refused: the council enforces MFA at its provider.
@Injectable()
export class SignInWithOidc {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly issuer: SessionIssuer,
    private readonly secondFactor: SecondFactor,
    private readonly clock: AuthClock,
    @Inject(oidcConfig.KEY) private readonly config: ConfigType<typeof oidcConfig>,
  ) {}

  async execute(claims: OidcClaims): Promise<SignedInWithOidc> {
    const email = verifiedEmailOf(claims, this.config.emailVerifiedClaims);
    if (!email) throw new OidcRefusal('EMAIL_NOT_VERIFIED');
    const account = await accountByEmail(this.dataSource, email);
    if (!account) throw new OidcRefusal('NO_ACCOUNT');
    if (!account.active) throw new OidcRefusal('INACTIVE', account);
    // a lock (too many wrong passwords in a row) holds for every way of signing in
    if (account.lockedUntil && account.lockedUntil > this.clock.now())
      throw new OidcRefusal('LOCKED', account);
    const mfa = providerAssertedMfa(claims, this.config);
    if (!mfa && this.secondFactor.requiredFor(account.role))
      throw new OidcRefusal('MFA_NOT_ASSERTED', account);

    return this.dataSource.transaction(async (manager) => {
      const session = await this.issuer.open(manager, {
        userId: account.id,
        kind: 'COOKIE',
        purpose: 'FULL',
        method: 'OIDC',
        mfa,
      });
      await this.audit.record(manager, actorOf(account), {
        action: 'LOGIN_SUCCEEDED',
        entityType: 'user',
        entityId: account.id,
        details: {
          sessionId: session.sessionId,
          method: 'OIDC',
          kind: 'COOKIE',
          mfa,
          mfaEnrolmentRequired: false,
        },
      });
      return { account, session, mfa };
    });
  }

  // every refusal is an audit row: why (never the email), the account when one was matched
  async refused(refusal: OidcRefusal): Promise<void> {
    const account = refusal.account;
    await this.audit.recordAlone(account ? actorOf(account) : null, {
      action: 'LOGIN_FAILED',
      entityType: 'user',
      entityId: account?.id,
      details: { reason: refusal.reason, method: 'OIDC', ...refusal.details },
    });
  }
}
