export * from './domestic-abuse.module';
// the police submission, for the demo caseload npm start seeds (apps/api/src/demo-caseload.ts)
export { SubmitNotification } from './use-cases/submit-notification';
export { SubmitNotificationDto } from './dto/submit-notification.dto';
export { NotificationContacts, type NotificationTriage } from './notification-contacts';
