import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { seconds, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule, policyConfig, PolicyModule } from '@app/core';
import { DatabaseModule, databaseConfig, type DatabaseRuntime } from '@app/database';
import { AuditModule } from '@app/audit';
import { authConfig, AuthModule, LOGIN_THROTTLE_KEY, oidcConfig } from '@app/auth';
import { ContactsModule } from '@app/contacts';
import { LiveModule, liveConfig } from '@app/live';
import { ThresholdsModule } from '@app/thresholds';
import { DomesticAbuseModule } from '@app/domestic-abuse';
import { StrategyMeetingsModule } from '@app/strategy-meetings';
import { InformationSharingModule } from '@app/information-sharing';
import { ReportingModule } from '@app/reporting';
import { ReturnsModule } from '@app/returns';
import { AccountsModule } from '@app/accounts';
import { appConfig } from './config/app.config';
import { loggingOptions } from './config/logging';
import { HealthModule } from './health/health.module';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { AppThrottlerGuard } from './http/app-throttler.guard';
import { createValidationPipe } from './http/validation';

@Module({})
export class AppModule {
  static forRoot(runtime: DatabaseRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // settings come from the environment only, each namespace validated as it loads
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [appConfig, databaseConfig, authConfig, oidcConfig, policyConfig, liveConfig],
        }),
        LoggerModule.forRootAsync({
          inject: [appConfig.KEY],
          useFactory: (config: ConfigType<typeof appConfig>) => loggingOptions(config.logLevel),
        }),
        ThrottlerModule.forRootAsync({
          inject: [appConfig.KEY],
          useFactory: (config: ConfigType<typeof appConfig>) => ({
            throttlers: [
              { name: 'default', ttl: seconds(config.throttle.ttlSeconds), limit: config.throttle.limit },
              {
                name: 'login',
                ttl: seconds(config.throttle.ttlSeconds),
                limit: config.throttle.loginLimit,
                skipIf: (context) => Reflect.getMetadata(LOGIN_THROTTLE_KEY, context.getHandler()) !== true,
              },
            ],
          }),
        }),
        ClockModule,
        PolicyModule,
        DatabaseModule.forRoot(runtime),
        AuditModule,
        AuthModule,
        LiveModule,
        ContactsModule,
        ThresholdsModule,
        DomesticAbuseModule,
        StrategyMeetingsModule,
        InformationSharingModule,
        ReportingModule,
        ReturnsModule,
        AccountsModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // after the auth guards (registered in AuthModule), so a signed-in user is limited as a user
        { provide: APP_GUARD, useClass: AppThrottlerGuard },
      ],
    };
  }
}
