import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { ApiErrors } from '@app/core/openapi';
import { ConsistencyDto, ConsistencyQueryDto } from '../consistency/consistency.dto';
import { ViewConsistency } from '../consistency/view-consistency';
import { ScreeningMetricsDto } from './metrics.dto';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly viewConsistency: ViewConsistency,
  ) {}

  @Get()
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({ summary: 'The screening, domestic-abuse and strategy figures managers watch' })
  @ApiErrors(401, 403, 429)
  @ApiOkResponse({
    type: ScreeningMetricsDto,
    description: 'DOMAIN.md "What managers watch": screening figures',
  })
  read(): Promise<ScreeningMetricsDto> {
    return this.metrics.snapshot();
  }

  @Get('consistency')
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({
    summary: 'Whether thresholds are applied alike: outcome mix by screener against the team, and boomerangs',
  })
  @ApiErrors(400, 401, 403, 429)
  @ApiOkResponse({ type: ConsistencyDto })
  consistency(
    @Query() query: ConsistencyQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsistencyDto> {
    return this.viewConsistency.execute(user, query);
  }
}
