export * from './reporting.module';
export * from './metrics/metrics.service';
export * from './metrics/metrics-math';
