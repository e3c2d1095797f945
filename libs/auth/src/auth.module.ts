import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { SystemClock } from '@app/core';
import { AccessTokens } from './access-tokens';
import { AccountStore } from './account-store';
import { Assignees } from './assignees';
import { AuthClock } from './auth-clock';
import { authConfig } from './auth.config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ApiClientStore } from './clients/api-client-store';
import { IssueClientToken } from './clients/issue-client-token';
import { OAuthController } from './clients/oauth.controller';
import { DemoSeeder } from './demo/demo-seeder';
import { AgencyEntity } from './entities/agency.entity';
import { UserEntity } from './entities/user.entity';
import { AuthenticationGuard, RolesGuard } from './guards';
import { ConfirmMfa } from './mfa/confirm-mfa';
import { EnrolMfa } from './mfa/enrol-mfa';
import { MfaController } from './mfa/mfa.controller';
import { MfaService } from './mfa/mfa.service';
import { RegenerateRecoveryCodes } from './mfa/regenerate-recovery-codes';
import { SecondFactor } from './mfa/second-factor';
import { OidcController } from './oidc/oidc.controller';
import { OidcRelyingParty } from './oidc/oidc-relying-party';
import { OidcService } from './oidc/oidc.service';
import { SignInWithOidc } from './oidc/sign-in-with-oidc';
import { SessionAuthenticator } from './sessions/session-authenticator';
import { SessionEnder } from './sessions/session-ender';
import { SessionIssuer } from './sessions/session-issuer';
import { SessionRegistry } from './sessions/session-registry';
import { SocketAuthenticator } from './socket-auth';
import { ChangePassword } from './use-cases/change-password';
import { SetUpPassword } from './use-cases/set-up-password';
import { SignIn } from './use-cases/sign-in';
import { SignOut } from './use-cases/sign-out';

@Module({
  imports: [
    TypeOrmModule.forFeature([AgencyEntity, UserEntity]),
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: ConfigType<typeof authConfig>) => ({
        // a key object made once: given a string, jsonwebtoken parses it as a key on every verify
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
      }),
    }),
    AuditModule,
  ],
  controllers: [AuthController, OAuthController, MfaController, OidcController],
  providers: [
    { provide: AuthClock, useClass: SystemClock },
    AccessTokens,
    AccountStore,
    Assignees,
    AuthService,
    SessionRegistry,
    SessionAuthenticator,
    SessionIssuer,
    SessionEnder,
    ApiClientStore,
    IssueClientToken,
    SecondFactor,
    EnrolMfa,
    ConfirmMfa,
    RegenerateRecoveryCodes,
    MfaService,
    SignIn,
    SignOut,
    ChangePassword,
    SetUpPassword,
    OidcRelyingParty,
    SignInWithOidc,
    OidcService,
    SocketAuthenticator,
    DemoSeeder,
    // order matters: who you are, then whether your role may
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [
    AuthClock,
    AccountStore,
    Assignees,
    ApiClientStore,
    AuthService,
    SessionRegistry,
    SessionEnder,
    SessionIssuer,
    SecondFactor,
    SocketAuthenticator,
  ],
})
export class AuthModule {}
