import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import type { AuthenticatedUser } from '@app/access';
import { SessionEnder } from '../sessions/session-ender';

// POST /api/auth/logout: the session ends now, everywhere (its sockets too)
@Injectable()
export class SignOut {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly ender: SessionEnder,
  ) {}

  async execute(user: AuthenticatedUser): Promise<void> {
    const sessionId = user.sessionId;
    if (!sessionId) return;
    const ended = await this.dataSource.transaction(async (manager) => {
      const ids = await this.ender.endOne(manager, sessionId, 'LOGOUT');
      if (ids.length > 0) {
        await this.audit.record(manager, user, {
          action: 'SESSION_ENDED',
          entityType: 'user',
          entityId: user.id,
          details: { sessionIds: ids, reason: 'LOGOUT' },
        });
      }
      return ids;
    });
    this.ender.announce(ended, 'LOGOUT');
  }
}
