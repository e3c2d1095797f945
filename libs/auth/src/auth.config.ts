import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { readEnv, validateConfig } from '@app/core';
import { MAX_HASH_COST, MIN_HASH_COST } from './password-hasher';

class AuthEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  // a working day plus margin: screeners sign in once a shift
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS: number = 10 * 3600;

  // scrypt cost as a power of two (N = 2^cost); 15 is about 100 ms here
  @IsInt()
  @Min(MIN_HASH_COST)
  @Max(MAX_HASH_COST)
  PASSWORD_HASH_COST: number = 15;
}

// outside production a fixed development secret keeps two local instances interoperable
const DEVELOPMENT_SECRET = 'front-door-development-secret-not-for-production-use';

export const authConfig = registerAs('auth', () => {
  const parsed = validateConfig(
    'auth',
    AuthEnv,
    readEnv(['NODE_ENV', 'JWT_SECRET', 'JWT_TTL_SECONDS', 'PASSWORD_HASH_COST']),
  );
  if (parsed.NODE_ENV === 'production' && !parsed.JWT_SECRET) {
    throw new Error('Invalid auth configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  return {
    jwtSecret: parsed.JWT_SECRET ?? DEVELOPMENT_SECRET,
    jwtTtlSeconds: parsed.JWT_TTL_SECONDS,
    passwordHashCost: parsed.PASSWORD_HASH_COST,
  };
});
