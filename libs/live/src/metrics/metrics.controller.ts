import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/access';
import { ScreeningMetricsDto } from './metrics.dto';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Roles('MANAGER', 'ADMIN')
  @ApiOkResponse({
    type: ScreeningMetricsDto,
    description: 'DOMAIN.md "What managers watch": screening figures',
  })
  read(): Promise<ScreeningMetricsDto> {
    return this.metrics.snapshot();
  }
}
