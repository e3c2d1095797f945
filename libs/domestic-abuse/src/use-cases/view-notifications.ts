import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { agencyFilterFor, assertCanSeeAgencyRecord, type AuthenticatedUser } from '@app/auth/access';
import { Journal } from '@app/live';
import type { NotificationViewDto } from '../dto/notification-view.dto';
import { findNotification, notificationView, notificationViews, type NotificationRow } from '../notification-reader';

const LIST_LIMIT = 100;

// police read their own force's notifications (404 for another force's); every read audited
@Injectable()
export class ViewNotifications {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
  ) {}

  async one(user: AuthenticatedUser, id: string): Promise<NotificationViewDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await findNotification(manager, id);
      assertCanSeeAgencyRecord(user, row.force_agency_id, 'notification', id);
      const view = await notificationView(manager, row, user.role === 'POLICE' ? 'police' : 'staff');
      this.journal.write(manager, user, { action: 'DA_NOTIFICATION_VIEWED', entityType: 'da_notification', entityId: id });
      return view;
    });
  }

  async list(user: AuthenticatedUser, status?: string): Promise<NotificationViewDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `select * from da_notification
          where ($1::uuid is null or force_agency_id = $1) and ($2::text is null or status = $2)
          order by received_at desc limit $3`,
        [agencyFilterFor(user), status ?? null, LIST_LIMIT],
      )) as NotificationRow[];
      const views = await notificationViews(manager, rows, user.role === 'POLICE' ? 'police' : 'staff');
      this.journal.write(manager, user, {
        action: 'DA_NOTIFICATIONS_LISTED',
        entityType: 'da_notification',
        details: { returned: rows.length, status: status ?? null },
      });
      return views;
    });
  }
}
