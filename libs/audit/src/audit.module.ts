import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AccessDenials } from './access-denials';
import { AuditService } from './audit.service';
import { AuditEntryEntity } from './entities/audit-entry.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity])],
  controllers: [AuditController],
  providers: [AuditService, AccessDenials],
  exports: [AuditService, AccessDenials],
})
export class AuditModule {}
