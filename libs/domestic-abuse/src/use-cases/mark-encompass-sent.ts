import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { Journal } from '@app/live';
import type { EncompassSentResultDto } from '../dto/notification-view.dto';
import type { EncompassSentDto } from '../dto/submit-notification.dto';
import { markEncompassSent } from '../da.repository';

export interface MarkEncompassSentCommand extends EncompassSentDto {
  id: string;
}

// Operation Encompass: the school's key adult has been told
@Injectable()
export class MarkEncompassSent {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id, ...dto }: MarkEncompassSentCommand,
  ): Promise<EncompassSentResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const sent = await markEncompassSent(manager, {
        id,
        sentAt: now,
        sentBy: user.id,
        method: dto.method,
        recipient: dto.recipient,
      });
      if (!sent) throw DomainError.notFound('school notification');
      if (sent === 'SENT')
        throw new DomainError(
          ErrorCode.STALE_STATE,
          'This school notification was recorded as sent already.',
        );
      const onTime = now.getTime() <= sent.dueAt.getTime();
      this.journal.write(
        manager,
        user,
        {
          action: 'ENCOMPASS_SENT',
          entityType: 'encompass_notification',
          entityId: id,
          details: { method: dto.method, onTime },
        },
        [
          { type: 'encompass.sent', entity: 'encompass_notification', id },
          // the force that sent the notification follows its schools being told
          {
            type: 'encompass.sent',
            entity: 'da_notification',
            id: sent.notificationId,
            submission: 'DA_NOTIFICATION',
          },
        ],
      );
      return { id, status: 'SENT', sentAt: now.toISOString(), onTime };
    });
  }
}
