import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { AccountStore, AuthClock, newSetupCode } from '@app/auth';
import { DomainError } from '@app/core';
import { Journal } from '@app/live';
import type { CreateUserDto, CreateUserResultDto } from '../dto/user.dto';
import { emailTaken, noSuchAgency } from '../account-errors';
import { adminUserViewOf } from '../account-views';
import { roleMismatch } from '../policy/account-rules';

export type CreateUserCommand = CreateUserDto;

// issue 14 item 2: POST /api/admin/users. The account has no password: the setup code, shown
// once in the answer and good for 72 hours, lets the user choose one (POST /api/auth/setup)
@Injectable()
export class CreateUser {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: AccountStore,
    private readonly clock: AuthClock,
  ) {}

  async execute(user: AuthenticatedUser, command: CreateUserCommand): Promise<CreateUserResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      // held to commit: the agency's kind cannot change under the new user
      const agency = await this.store.lockAgency(manager, command.agencyId, 'share');
      if (!agency) throw noSuchAgency();
      const mismatch = roleMismatch(command.role, agency.kind);
      if (mismatch) throw DomainError.validation([{ field: 'role', message: mismatch }]);
      const setupCode = newSetupCode(now);
      const id = await this.store.createUser(manager, {
        email: command.email,
        name: command.name,
        role: command.role,
        agencyId: command.agencyId,
        passwordHash: null,
        setupCode,
        now,
      });
      if (!id) throw emailTaken();
      this.journal.write(manager, user, {
        action: 'USER_CREATED',
        entityType: 'user',
        entityId: id,
        details: { role: command.role, agencyId: command.agencyId, via: 'ADMIN_API', passwordSet: false },
      });
      return {
        user: adminUserViewOf((await this.store.userById(manager, id))!, now),
        setupCode: setupCode.code,
        setupCodeExpiresAt: setupCode.expiresAt.toISOString(),
      };
    });
  }
}
