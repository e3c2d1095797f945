import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { parseBooleanSetting, readEnv, validateConfig } from '@app/core';
import { MAX_HASH_COST, MIN_HASH_COST } from './password-hasher';

class AuthEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  // a working day plus margin: screeners sign in once a shift; no session outlives it
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  SESSION_LIFETIME_SECONDS: number = 10 * 3600;

  // a session with no request for this long has ended (ASVS 7.3.1)
  @IsInt()
  @Min(60)
  @Max(24 * 3600)
  SESSION_IDLE_SECONDS: number = 30 * 60;

  // how long an instance trusts a session it has checked before asking the database again (and
  // writes last seen): the bound on the idle timeout's slack; ends are announced at once anyway
  @IsInt()
  @Min(1)
  @Max(300)
  SESSION_RECHECK_SECONDS: number = 30;

  // a partner system's client-credentials token (RFC 6749 4.4): short-lived
  @IsInt()
  @Min(60)
  @Max(24 * 3600)
  CLIENT_TOKEN_TTL_SECONDS: number = 15 * 60;

  // staff (SCREENER, MANAGER, ADMIN) must have a second factor; off in development so the
  // demo stays two commands
  @IsOptional()
  @Transform(({ obj }: { obj: Record<string, unknown> }) => parseBooleanSetting(obj.MFA_REQUIRED))
  @IsBoolean({ message: 'must be true or false' })
  MFA_REQUIRED?: boolean;

  // failed sign-ins in a row that lock an account, and for how long
  @IsInt()
  @Min(3)
  @Max(100)
  SIGN_IN_LOCK_AFTER: number = 10;

  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  SIGN_IN_LOCK_SECONDS: number = 30 * 60;

  // the browser session cookie is Secure (HTTPS only) everywhere but development
  @IsOptional()
  @Transform(({ obj }: { obj: Record<string, unknown> }) => parseBooleanSetting(obj.SESSION_COOKIE_SECURE))
  @IsBoolean({ message: 'must be true or false' })
  SESSION_COOKIE_SECURE?: boolean;

  // scrypt cost as a power of two (N = 2^cost); 15 is about 100 ms here
  @IsInt()
  @Min(MIN_HASH_COST)
  @Max(MAX_HASH_COST)
  PASSWORD_HASH_COST: number = 15;
}

// outside production a fixed development secret keeps two local instances interoperable
const DEVELOPMENT_SECRET = 'front-door-development-secret-not-for-production-use';

export const AUTH_ENV_KEYS = [
  'NODE_ENV',
  'JWT_SECRET',
  'SESSION_LIFETIME_SECONDS',
  'SESSION_IDLE_SECONDS',
  'SESSION_RECHECK_SECONDS',
  'CLIENT_TOKEN_TTL_SECONDS',
  'MFA_REQUIRED',
  'SIGN_IN_LOCK_AFTER',
  'SIGN_IN_LOCK_SECONDS',
  'SESSION_COOKIE_SECURE',
  'PASSWORD_HASH_COST',
] as const;

export const authConfig = registerAs('auth', () => {
  const parsed = validateConfig('auth', AuthEnv, readEnv([...AUTH_ENV_KEYS]));
  if (parsed.NODE_ENV === 'production' && !parsed.JWT_SECRET) {
    throw new Error('Invalid auth configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  return {
    jwtSecret: parsed.JWT_SECRET ?? DEVELOPMENT_SECRET,
    sessionLifetimeSeconds: parsed.SESSION_LIFETIME_SECONDS,
    sessionIdleSeconds: parsed.SESSION_IDLE_SECONDS,
    sessionRecheckSeconds: parsed.SESSION_RECHECK_SECONDS,
    clientTokenTtlSeconds: parsed.CLIENT_TOKEN_TTL_SECONDS,
    mfaRequired: parsed.MFA_REQUIRED ?? parsed.NODE_ENV === 'production',
    signInLockAfter: parsed.SIGN_IN_LOCK_AFTER,
    signInLockSeconds: parsed.SIGN_IN_LOCK_SECONDS,
    cookieSecure: parsed.SESSION_COOKIE_SECURE ?? parsed.NODE_ENV !== 'development',
    passwordHashCost: parsed.PASSWORD_HASH_COST,
  };
});

export type AuthConfig = ReturnType<typeof authConfig>;
