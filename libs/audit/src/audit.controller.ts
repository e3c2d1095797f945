import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { instantOf } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { AuditPageDto, AuditQueryDto, AuditVerifyResultDto } from './dto/audit.dto';
import { AuditService } from './audit.service';
import type { AuditEntryEntity } from './entities/audit-entry.entity';

function toDto(entry: AuditEntryEntity) {
  return {
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    actor: { id: entry.actorId, role: entry.actorRole, agencyId: entry.actorAgencyId },
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    correlationId: entry.correlationId,
    details: entry.details,
    hash: entry.hash,
    chainSeq: entry.chainSeq,
  };
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({ summary: 'Search the audit trail, newest first' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrors(400, 401, 403, 429)
  async search(@Query() query: AuditQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<AuditPageDto> {
    const page = await this.audit.search(user, {
      ...query,
      from: query.from ? instantOf(query.from) : undefined,
      to: query.to ? instantOf(query.to) : undefined,
      limit: query.limit ?? 100,
    });
    return { items: page.items.map(toDto), nextBefore: page.nextBefore };
  }

  @Get('verify')
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({ summary: 'Check that the audit trail’s hash chain is unbroken' })
  @ApiOkResponse({ type: AuditVerifyResultDto })
  @ApiErrors(401, 403, 429)
  verify(@CurrentUser() user: AuthenticatedUser): Promise<AuditVerifyResultDto> {
    return this.audit.verify(user);
  }
}
