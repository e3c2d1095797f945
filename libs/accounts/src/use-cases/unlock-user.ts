import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { AccountStore, AuthClock } from '@app/auth';
import { DomainError } from '@app/core';
import { Journal } from '@app/live';
import type { AdminUserViewDto, UnlockUserDto } from '../dto/user.dto';
import { adminUserViewOf } from '../account-views';

export interface UnlockUserCommand extends UnlockUserDto {
  id: string;
}

// issue 14 item 8: POST /api/admin/users/:id/unlock. The lock after failed sign-ins goes, and
// the count of failures in a row with it (so the growing wait starts again); the password stays
@Injectable()
export class UnlockUser {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: AccountStore,
    private readonly clock: AuthClock,
  ) {}

  async execute(user: AuthenticatedUser, command: UnlockUserCommand): Promise<AdminUserViewDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const target = await this.store.lockUser(manager, command.id);
      if (!target) throw DomainError.notFound('user');
      await this.store.unlock(manager, command.id, now);
      this.journal.write(manager, user, {
        action: 'USER_UNLOCKED',
        entityType: 'user',
        entityId: command.id,
        details: {
          wasLocked: !!target.lockedUntil && target.lockedUntil > now,
          failedSignIns: target.failedSignIns,
          reason: command.reason ?? null,
        },
      });
      return adminUserViewOf((await this.store.userById(manager, command.id))!, now);
    });
  }
}
