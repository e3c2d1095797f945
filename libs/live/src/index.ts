export * from './live.module';
export * from './live.config';
export * from './journal';
export * from './outbox';
export * from './queue-registry';
export * from './queue-view';
export * from './timed-sources';
export * from './sql-queue-view';
