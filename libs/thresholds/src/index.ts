export * from './thresholds.module';
