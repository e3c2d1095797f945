import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { parseBooleanSetting, readEnv, validateConfig } from '@app/core';

// issue 14 item 7: single sign-on with the council's OpenID provider (Entra ID or another)
class OidcEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  // the provider's issuer identifier, exactly as its discovery document states it
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  OIDC_ISSUER_URL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  OIDC_CLIENT_SECRET?: string;

  // the callback as registered at the provider: this service has no public URL setting of its
  // own, and behind a proxy the address it listens on is not the one browsers see
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  OIDC_REDIRECT_URL?: string;

  // RFC 8176 methods that count as a second factor when the provider puts them in `amr`
  @IsString()
  OIDC_MFA_AMR: string = 'mfa,otp,hwk,swk,fido,sc';

  // `acr` values that count as a second factor (none unless set)
  @IsOptional()
  @IsString()
  OIDC_MFA_ACR?: string;

  // boolean ID token claims any one of which, when true, vouches for the email claim
  // (Entra ID sends no email_verified for work accounts: its optional claim xms_edov can stand in)
  @IsString()
  OIDC_EMAIL_VERIFIED_CLAIMS: string = 'email_verified';

  // a provider over plain http (a local one, the tests'): never in production
  @IsOptional()
  @Transform(({ obj }: { obj: Record<string, unknown> }) => parseBooleanSetting(obj.OIDC_ALLOW_HTTP))
  @IsBoolean({ message: 'must be true or false' })
  OIDC_ALLOW_HTTP?: boolean;

  @IsString()
  OIDC_SCOPES: string = 'openid email profile';
}

export const OIDC_ENV_KEYS = [
  'NODE_ENV',
  'OIDC_ISSUER_URL',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URL',
  'OIDC_MFA_AMR',
  'OIDC_MFA_ACR',
  'OIDC_EMAIL_VERIFIED_CLAIMS',
  'OIDC_ALLOW_HTTP',
  'OIDC_SCOPES',
] as const;

// the three that switch single sign-on on: all of them, or none
const PROVIDER_KEYS = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

export interface OidcProviderSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

const list = (value: string | undefined, separator: RegExp): string[] =>
  (value ?? '')
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

// an absolute http(s) URL, https unless plain http is allowed; the problem, or undefined
function urlProblem(value: string, allowHttp: boolean, bare: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) {
    return allowHttp ? 'must be an http or https URL' : 'must be an https URL (OIDC_ALLOW_HTTP allows http)';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  if (bare && (url.search || url.hash)) return 'must have no query or fragment';
  return undefined;
}

export const oidcConfig = registerAs('oidc', () => {
  const parsed = validateConfig('oidc', OidcEnv, readEnv([...OIDC_ENV_KEYS]));
  const allowHttp = parsed.OIDC_ALLOW_HTTP ?? false;
  const problems: string[] = [];
  const given = PROVIDER_KEYS.filter((key) => parsed[key] !== undefined);
  const enabled = given.length === PROVIDER_KEYS.length;
  if (given.length > 0 && !enabled) {
    for (const key of PROVIDER_KEYS.filter((k) => parsed[k] === undefined)) {
      problems.push(`${key}: required when ${given.join(' and ')} is set (all three, or none)`);
    }
  }
  if (allowHttp && parsed.NODE_ENV === 'production') {
    problems.push('OIDC_ALLOW_HTTP: must not be true when NODE_ENV=production');
  }
  const scopes = list(parsed.OIDC_SCOPES, /\s+/);
  if (!scopes.includes('openid') || !scopes.includes('email')) {
    problems.push('OIDC_SCOPES: must include openid and email (users are matched by email)');
  }
  const emailVerifiedClaims = list(parsed.OIDC_EMAIL_VERIFIED_CLAIMS, /,/);
  if (emailVerifiedClaims.length === 0) {
    problems.push('OIDC_EMAIL_VERIFIED_CLAIMS: must name at least one claim');
  }
  if (enabled) {
    const issuer = urlProblem(parsed.OIDC_ISSUER_URL!, allowHttp, true);
    if (issuer) problems.push(`OIDC_ISSUER_URL: ${issuer}`);
    if (parsed.OIDC_REDIRECT_URL === undefined) {
      problems.push(
        'OIDC_REDIRECT_URL: required when single sign-on is on (the callback registered at the provider)',
      );
    } else {
      const redirect = urlProblem(parsed.OIDC_REDIRECT_URL, allowHttp, true);
      if (redirect) problems.push(`OIDC_REDIRECT_URL: ${redirect}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid oidc configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  const provider: OidcProviderSettings | undefined = enabled
    ? {
        issuerUrl: parsed.OIDC_ISSUER_URL!,
        clientId: parsed.OIDC_CLIENT_ID!,
        clientSecret: parsed.OIDC_CLIENT_SECRET!,
        redirectUrl: parsed.OIDC_REDIRECT_URL!,
      }
    : undefined;
  return {
    enabled,
    provider,
    scopes: scopes.join(' '),
    mfaAmr: list(parsed.OIDC_MFA_AMR, /,/),
    mfaAcr: list(parsed.OIDC_MFA_ACR, /,/),
    emailVerifiedClaims,
    allowHttp,
  };
});

export type OidcConfig = ReturnType<typeof oidcConfig>;
