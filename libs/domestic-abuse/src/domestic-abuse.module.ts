import { Module } from '@nestjs/common';
import { ContactsModule, childRowsProvider } from '@app/contacts';
import { encompassChildRows, notificationChildRows } from './da.repository';
import { NotificationContacts } from './notification-contacts';
import { LiveModule } from '@app/live';
import { DaNotificationsController, EncompassController, TriageMatrixController } from './da.controller';
import { EncompassQueue, TriageQueue } from './da-queues';
import { NotificationSubmissions } from './notification-submissions';
import { MarkEncompassSent } from './use-cases/mark-encompass-sent';
import { SubmitNotification } from './use-cases/submit-notification';
import { TriageNotification } from './use-cases/triage-notification';
import { ListNotifications, ViewNotification } from './use-cases/view-notifications';

@Module({
  imports: [LiveModule, ContactsModule],
  controllers: [DaNotificationsController, EncompassController, TriageMatrixController],
  providers: [
    SubmitNotification,
    TriageNotification,
    MarkEncompassSent,
    ViewNotification,
    ListNotifications,
    TriageQueue,
    EncompassQueue,
    NotificationSubmissions,
    childRowsProvider('domestic-abuse', notificationChildRows, encompassChildRows),
    NotificationContacts,
  ],
  // information sharing asks partners about the contacts a triage made
  exports: [NotificationContacts],
})
export class DomesticAbuseModule {}
