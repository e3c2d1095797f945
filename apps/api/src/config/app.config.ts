import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { resolve } from 'node:path';
import { IsBoolean, IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { parseBooleanSetting, readEnv, validateConfig } from '@app/core';

class AppEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  // behind a load balancer: trust X-Forwarded-For for the client address (rate limits)
  @Transform(({ obj }) => parseBooleanSetting(obj.TRUST_PROXY))
  @IsBoolean({ message: 'must be true or false' })
  TRUST_PROXY: boolean = false;

  @IsInt()
  @Min(1)
  @Max(3600)
  THROTTLE_TTL_SECONDS: number = 60;

  // per signed-in user (or per address before sign-in), per window
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT: number = 600;

  // the built web console the api serves at / (issue 15); a folder without index.html: none
  @IsString()
  CONSOLE_DIR: string = 'dist/console';

  // sign-in attempts per address per window: a bound for abuse only. An office behind one NAT
  // signs in at nine o'clock; password guessing is throttled per account (issue 14 item 8)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_LIMIT: number = 300;

  // a client gets this long to send its request headers, and this long for the whole
  // request, then 408 and the socket is closed (a slowloris cannot hold sockets for ever)
  @IsInt()
  @Min(1)
  @Max(600)
  HTTP_HEADERS_TIMEOUT_SECONDS: number = 20;

  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_REQUEST_TIMEOUT_SECONDS: number = 60;
}

export const appConfig = registerAs('app', () => {
  const parsed = validateConfig(
    'app',
    AppEnv,
    readEnv([
      'NODE_ENV',
      'PORT',
      'LOG_LEVEL',
      'TRUST_PROXY',
      'THROTTLE_TTL_SECONDS',
      'THROTTLE_LIMIT',
      'LOGIN_THROTTLE_LIMIT',
      'HTTP_HEADERS_TIMEOUT_SECONDS',
      'HTTP_REQUEST_TIMEOUT_SECONDS',
      'CONSOLE_DIR',
    ]),
  );
  if (parsed.HTTP_HEADERS_TIMEOUT_SECONDS > parsed.HTTP_REQUEST_TIMEOUT_SECONDS) {
    throw new Error(
      'Invalid app settings: HTTP_HEADERS_TIMEOUT_SECONDS must not exceed HTTP_REQUEST_TIMEOUT_SECONDS',
    );
  }
  return {
    env: parsed.NODE_ENV,
    port: parsed.PORT,
    logLevel: parsed.LOG_LEVEL,
    trustProxy: parsed.TRUST_PROXY,
    throttle: {
      ttlSeconds: parsed.THROTTLE_TTL_SECONDS,
      limit: parsed.THROTTLE_LIMIT,
      loginLimit: parsed.LOGIN_THROTTLE_LIMIT,
    },
    consoleDir: resolve(parsed.CONSOLE_DIR),
    http: {
      headersTimeoutMs: parsed.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: parsed.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    },
  };
});
