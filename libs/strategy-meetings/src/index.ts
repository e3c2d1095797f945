export * from './strategy-meetings.module';
