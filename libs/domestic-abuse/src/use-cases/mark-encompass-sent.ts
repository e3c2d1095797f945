import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/auth/access';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { Journal } from '@app/live';
import type { EncompassSentResultDto } from '../dto/notification-view.dto';
import type { EncompassSentDto } from '../dto/submit-notification.dto';

// Operation Encompass: the school's key adult has been told
@Injectable()
export class MarkEncompassSent {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(user: AuthenticatedUser, id: string, dto: EncompassSentDto): Promise<EncompassSentResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const updated = (await manager.query(
        `update encompass_notification
            set status = 'SENT', sent_at = $2, sent_by = $3, method = $4, recipient = $5, next_transition_at = null
          where id = $1 and status = 'PENDING'
          returning due_at`,
        [id, now, user.id, dto.method, dto.recipient],
      )) as [{ due_at: Date }[], number];
      if (updated[1] === 0) {
        const [exists] = (await manager.query('select status from encompass_notification where id = $1', [id])) as unknown[];
        if (!exists) throw DomainError.notFound('school notification');
        throw new DomainError(ErrorCode.STALE_STATE, 'This school notification was recorded as sent already.');
      }
      const onTime = now.getTime() <= new Date(updated[0][0].due_at).getTime();
      this.journal.write(
        manager,
        user,
        { action: 'ENCOMPASS_SENT', entityType: 'encompass_notification', entityId: id, details: { method: dto.method, onTime } },
        [{ type: 'encompass.sent', id, views: ['encompass'] }],
      );
      return { id, status: 'SENT', sentAt: now.toISOString(), onTime };
    });
  }
}
