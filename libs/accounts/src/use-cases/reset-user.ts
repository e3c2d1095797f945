import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { AccountStore, AuthClock, newSetupCode, SessionEnder } from '@app/auth';
import { DomainError } from '@app/core';
import { Journal } from '@app/live';
import type { ResetUserDto, ResetUserResultDto } from '../dto/user.dto';
import { userDeactivated } from '../account-errors';
import { adminUserViewOf } from '../account-views';

export interface ResetUserCommand extends ResetUserDto {
  id: string;
}

// issue 14 item 2: POST /api/admin/users/:id/reset (and `npm run admin -- reset`, with no user
// signed in: the operator at the console, audited with no actor). Every session of the user
// ends, the password goes, and a new setup code (shown once, 72 hours) is the only way back
// in; with resetMfa the second factor goes too (decision 0015)
@Injectable()
export class ResetUser {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: AccountStore,
    private readonly ender: SessionEnder,
    private readonly clock: AuthClock,
  ) {}

  async execute(user: AuthenticatedUser | null, command: ResetUserCommand): Promise<ResetUserResultDto> {
    const now = this.clock.now();
    const resetMfa = command.resetMfa ?? false;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const target = await this.store.lockUser(manager, command.id);
      if (!target) throw DomainError.notFound('user');
      if (!target.active) throw userDeactivated();
      const setupCode = newSetupCode(now);
      await this.store.reset(manager, command.id, setupCode, { mfa: resetMfa, now });
      const ended = await this.ender.endForUser(manager, command.id, 'PASSWORD_RESET');
      this.journal.write(manager, user, {
        action: 'USER_RESET',
        entityType: 'user',
        entityId: command.id,
        details: {
          reason: command.reason,
          resetMfa,
          endedSessions: ended.length,
          via: user ? 'ADMIN_API' : 'CLI',
        },
      });
      const view = adminUserViewOf((await this.store.userById(manager, command.id))!, now);
      return { view, ended, setupCode };
    });
    this.ender.announce(outcome.ended, 'PASSWORD_RESET');
    return {
      user: outcome.view,
      setupCode: outcome.setupCode.code,
      setupCodeExpiresAt: outcome.setupCode.expiresAt.toISOString(),
      endedSessions: outcome.ended.length,
    };
  }
}
