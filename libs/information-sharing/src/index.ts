export * from './information-sharing.module';
export { OpenInformationRequests } from './open-information-requests';
