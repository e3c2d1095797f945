import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { DomainError } from '@app/core';
import type { AuthenticatedUser } from '@app/access';
import { authConfig } from '../auth.config';
import { hashPassword, verifyPassword } from '../password-hasher';
import { checkPassword } from '../password-policy';
import { SessionEnder } from '../sessions/session-ender';
import { accountById, setPasswordHash } from '../users.repository';
import { AuthClock } from '../auth-clock';

export interface ChangePasswordCommand {
  currentPassword: string;
  newPassword: string;
}

// issue 14 item 8: POST /api/auth/password. The current password proves it is the user; the
// new one meets the policy; every other session of theirs ends (this one stays)
@Injectable()
export class ChangePassword {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly ender: SessionEnder,
    private readonly clock: AuthClock,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async execute(user: AuthenticatedUser, command: ChangePasswordCommand): Promise<void> {
    const account = await accountById(this.dataSource, user.id);
    if (!account?.passwordHash || !(await verifyPassword(command.currentPassword, account.passwordHash))) {
      throw DomainError.validation([{ field: 'currentPassword', message: 'is not your current password' }]);
    }
    const problems = checkPassword(command.newPassword, { email: account.email, name: account.name });
    if (problems.length > 0) {
      throw DomainError.validation(problems.map((p) => ({ field: 'newPassword', message: p.message })));
    }
    const hash = await hashPassword(command.newPassword, this.config.passwordHashCost);
    const ended = await this.dataSource.transaction(async (manager) => {
      await setPasswordHash(manager, user.id, hash, this.clock.now());
      const ids = await this.ender.endForUser(manager, user.id, 'PASSWORD_CHANGED', user.sessionId);
      await this.audit.record(manager, user, {
        action: 'PASSWORD_CHANGED',
        entityType: 'user',
        entityId: user.id,
        details: { endedSessions: ids.length },
      });
      return ids;
    });
    this.ender.announce(ended, 'PASSWORD_CHANGED');
  }
}
