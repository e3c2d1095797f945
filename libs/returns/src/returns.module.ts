import { Module } from '@nestjs/common';
import { LiveModule } from '@app/live';
import { CountAnnexA } from './annex-a/count-annex-a';
import { ExportAnnexA } from './annex-a/export-annex-a';
import { ReturnsController } from './returns.controller';
import { CheckCinCensus } from './use-cases/check-cin-census';
import { ExportCinCensus } from './use-cases/export-cin-census';

// the statutory returns (issue 19, decision 0030): the CIN census and Ofsted's Annex A lists,
// from a declared read projection over the domains' tables (docs/architecture.md), above them
// all like reporting; it writes only its audit rows, through the journal
@Module({
  imports: [LiveModule],
  controllers: [ReturnsController],
  providers: [ExportCinCensus, CheckCinCensus, ExportAnnexA, CountAnnexA],
})
export class ReturnsModule {}
