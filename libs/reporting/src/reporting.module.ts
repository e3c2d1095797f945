import { Module } from '@nestjs/common';
import { LiveModule } from '@app/live';
import { ViewConsistency } from './consistency/view-consistency';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { MetricsPublisher } from './metrics-publisher';

// the managers' figures (GET /api/metrics, the live metrics view), above the domains
// (decision 0014): a declared read projection over their tables (docs/architecture.md),
// registered with the live layer as the metrics feed so the gateway does not know it
@Module({
  imports: [LiveModule],
  controllers: [MetricsController],
  providers: [MetricsService, MetricsPublisher, ViewConsistency],
  exports: [MetricsService],
})
export class ReportingModule {}
