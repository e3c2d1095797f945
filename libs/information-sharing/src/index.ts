export * from './information-sharing.module';
