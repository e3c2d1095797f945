export * from './domestic-abuse.module';
