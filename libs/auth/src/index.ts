export * from '@app/access';
export * from './account-store';
export * from './assignees';
export * from './auth-clock';
export * from './auth.config';
export * from './auth.module';
export * from './auth.service';
export * from './access-tokens';
export * from './socket-auth';
export * from './login-throttle';
export * from './password-hasher';
export * from './password-policy';
export * from './secrets';
export * from './clients/api-client-store';
export * from './clients/client-roles';
export {
  isTokenForm,
  oauthTokenRefusals,
  OAUTH_TOKEN_PATH,
  TOKEN_FORM_LIMIT,
  TOKEN_FORM_PARAMETERS,
} from './clients/oauth-http';
export * from './demo/demo-world';
export * from './demo/demo-users';
export * from './entities/agency.entity';
export * from './entities/user.entity';
export * from './mfa/second-factor';
export { OIDC_ENV_KEYS, oidcConfig, type OidcConfig } from './oidc/oidc.config';
export { OIDC_REFUSALS, type OidcRefusalReason } from './oidc/oidc-rules';
export * from './mfa/recovery-codes';
export * from './sessions/current-session';
export * from './sessions/session-authenticator';
export * from './sessions/session-ender';
export * from './sessions/session-issuer';
export * from './sessions/session-registry';
export type { SessionEndReason, SessionKind, SignInMethod } from './sessions/session.repository';
