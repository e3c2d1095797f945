import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { agencyFilterFor, assertCanSeeAgencyRecord, type AuthenticatedUser } from '@app/access';
import { asOfIn, childHistory } from '@app/contacts';
import { WorkingCalendar } from '@app/core';
import { Journal } from '@app/live';
import type { NotificationViewDto } from '../dto/notification-view.dto';
import { listNotifications } from '../da.repository';
import { findNotification, notificationView, notificationViews } from '../notification-reader';

const LIST_LIMIT = 100;

export interface ViewNotificationCommand {
  id: string;
}

export interface ListNotificationsCommand {
  status?: string;
}

// police read their own force's notifications (404 for another force's); MACH staff also read
// each child's history as it stood when the notification arrived (what the suggestion counted).
// Every read audited: the notification, and each child's history
@Injectable()
export class ViewNotification {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly calendar: WorkingCalendar,
  ) {}

  async execute(user: AuthenticatedUser, { id }: ViewNotificationCommand): Promise<NotificationViewDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await findNotification(manager, id);
      assertCanSeeAgencyRecord(user, row.force_agency_id, 'notification', id);
      const view = await notificationView(manager, row, user.role === 'POLICE' ? 'police' : 'staff');
      // MACH staff only: each child's history (the police's children carry no record id)
      const asOf = asOfIn(this.calendar, row.received_at);
      const read: string[] = [];
      for (const child of user.role === 'POLICE' ? [] : (view.details?.children ?? [])) {
        if (!child.childId) continue;
        // the contact triage made of the child came after the notification: not counted before it
        const made = view.contacts?.find((contact) => contact.childId === child.childId)?.id ?? null;
        child.history = await childHistory(manager, child.childId, asOf, made);
        read.push(child.childId);
      }
      this.journal.write(manager, user, [
        { action: 'DA_NOTIFICATION_VIEWED', entityType: 'da_notification', entityId: id },
        ...read.map((childId) => ({
          action: 'CHILD_HISTORY_VIEWED',
          entityType: 'child',
          entityId: childId,
          details: { notificationId: id },
        })),
      ]);
      return view;
    });
  }
}

// the newest notifications (police: their own force's only), by status; the listing audited
@Injectable()
export class ListNotifications {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { status }: ListNotificationsCommand,
  ): Promise<NotificationViewDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await listNotifications(manager, agencyFilterFor(user), status ?? null, LIST_LIMIT);
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
