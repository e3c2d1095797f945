import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { AccessTokens } from './access-tokens';
import { authConfig } from './auth.config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { DemoSeeder } from './demo/demo-seeder';
import { AgencyEntity } from './entities/agency.entity';
import { UserEntity } from './entities/user.entity';
import { AuthenticationGuard, RolesGuard } from './guards';
import { SocketAuthenticator } from './socket-auth';

@Module({
  imports: [
    TypeOrmModule.forFeature([AgencyEntity, UserEntity]),
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: ConfigType<typeof authConfig>) => ({
        // a key object made once: given a string, jsonwebtoken parses it as a key on every verify
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { expiresIn: config.jwtTtlSeconds },
      }),
    }),
    AuditModule,
  ],
  controllers: [AuthController],
  providers: [
    AccessTokens,
    AuthService,
    SocketAuthenticator,
    DemoSeeder,
    // order matters: who you are, then whether your role may
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AccessTokens, SocketAuthenticator],
})
export class AuthModule {}
