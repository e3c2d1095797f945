import { readFileSync } from 'node:fs';
import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { parseBooleanSetting, readEnv, validateConfig } from '@app/core';

class DatabaseEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  // unset: an embedded PostgreSQL is started under EMBEDDED_PG_DIR
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  @Transform(({ obj }) => parseBooleanSetting(obj.DATABASE_SSL))
  @IsBoolean()
  DATABASE_SSL: boolean = false;

  // a PEM file of the certificate authority the server's certificate is checked against
  // (unset: the system's trusted authorities)
  @IsOptional()
  @IsString()
  @MinLength(1)
  DATABASE_SSL_CA?: string;

  @IsString()
  EMBEDDED_PG_DIR: string = '.data';

  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT: number = 5433;

  @IsOptional()
  @Transform(({ obj }) => parseBooleanSetting(obj.SEED_DEMO))
  @IsBoolean({ message: 'must be true or false' })
  SEED_DEMO?: boolean;

  @IsString()
  @MinLength(8)
  DEMO_PASSWORD: string = 'demo-password';
}

function readCertificateAuthority(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Invalid database configuration:\n  DATABASE_SSL_CA: cannot be read (${reason})`, {
      cause: error,
    });
  }
}

export const databaseConfig = registerAs('database', () => {
  const env = validateConfig(
    'database',
    DatabaseEnv,
    readEnv([
      'NODE_ENV',
      'DATABASE_URL',
      'DATABASE_POOL_SIZE',
      'DATABASE_SSL',
      'DATABASE_SSL_CA',
      'EMBEDDED_PG_DIR',
      'EMBEDDED_PG_PORT',
      'SEED_DEMO',
      'DEMO_PASSWORD',
    ]),
  );
  const production = env.NODE_ENV === 'production';
  // API.md: production never seeds; asking it to is a mistake that must stop boot
  if (production && env.SEED_DEMO === true) {
    throw new Error(
      'Invalid database configuration:\n  SEED_DEMO: must not be true when NODE_ENV=production',
    );
  }
  if (production && !env.DATABASE_URL) {
    throw new Error('Invalid database configuration:\n  DATABASE_URL: required when NODE_ENV=production');
  }
  return {
    url: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    ssl: env.DATABASE_SSL,
    sslCa: env.DATABASE_SSL_CA === undefined ? undefined : readCertificateAuthority(env.DATABASE_SSL_CA),
    embeddedDir: env.EMBEDDED_PG_DIR,
    embeddedPort: env.EMBEDDED_PG_PORT,
    // the embedded database is a demo: seeded unless told otherwise
    seedDemo: (mode: 'embedded' | 'external'): boolean =>
      !production && (env.SEED_DEMO ?? mode === 'embedded'),
    demoPassword: env.DEMO_PASSWORD,
  };
});

export type DatabaseConfig = ReturnType<typeof databaseConfig>;
