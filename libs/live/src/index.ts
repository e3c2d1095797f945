export * from './live.module';
export * from './queue-registry';
export * from './queue-view';
