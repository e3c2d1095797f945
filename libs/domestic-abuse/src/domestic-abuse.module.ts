import { Module } from '@nestjs/common';
import { ContactsModule } from '@app/contacts';
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
  ],
})
export class DomesticAbuseModule {}
