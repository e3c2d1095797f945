export * from './accounts.module';
export * from './use-cases/create-first-admin';
export * from './use-cases/reset-user';
