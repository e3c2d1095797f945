import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/access';
import { ApiErrors } from '@app/core/openapi';
import { ScreeningMetricsDto } from './metrics.dto';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

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
}
