export * from './lock-keys';
export * from './database.config';
export * from './database.module';
export * from './data-source-options';
export * from './embedded-postgres';
export * from './run-migrations';
export * from './migrations';
export * from './idempotency';
