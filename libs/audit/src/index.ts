export * from './audit.module';
export * from './audit.service';
export * from './audit-hash';
export * from './entities/audit-entry.entity';
export * from './access-denials';
