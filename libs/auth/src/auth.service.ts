import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/core';
import { AuditService } from '@app/audit';
import { AccessTokens } from './access-tokens';
import { authConfig } from './auth.config';
import type { LoginDto, LoginResultDto } from './dto/login.dto';
import { UserEntity } from './entities/user.entity';
import { hashPassword, verifyPassword } from './password-hasher';

@Injectable()
export class AuthService implements OnModuleInit {
  // compared against when the email is unknown, so a miss costs what a hit costs
  private decoyHash = '';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async onModuleInit(): Promise<void> {
    this.decoyHash = await hashPassword('decoy-password-never-valid', this.config.passwordHashCost);
  }

  async login(dto: LoginDto): Promise<LoginResultDto> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { email: dto.email }, relations: { agency: true } });
    const valid = await verifyPassword(dto.password, user?.passwordHash ?? this.decoyHash);
    if (!user || !valid || !user.active) {
      if (user) {
        await this.audit.recordAlone(
          { id: user.id, role: user.role, agencyId: user.agencyId },
          { action: 'LOGIN_FAILED', entityType: 'user', entityId: user.id },
        );
      }
      throw DomainError.unauthenticated('Email or password is not right.');
    }
    const actor = { id: user.id, role: user.role, agencyId: user.agencyId };
    const accessToken = await this.tokens.issue(actor);
    await this.audit.recordAlone(actor, { action: 'LOGIN_SUCCEEDED', entityType: 'user', entityId: user.id });
    return {
      accessToken,
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        agency: { id: user.agencyId, name: user.agency?.name ?? '' },
      },
    };
  }
}
