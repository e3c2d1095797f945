import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { ApiErrors } from '@app/core/openapi';
import { CensusCheckDto, CensusYearQueryDto } from './dto/returns.dto';
import { CheckCinCensus } from './use-cases/check-cin-census';
import { ExportCinCensus } from './use-cases/export-cin-census';

@ApiTags('returns')
@ApiBearerAuth()
@Controller('returns')
export class ReturnsController {
  constructor(
    private readonly cinCensus: ExportCinCensus,
    private readonly censusCheck: CheckCinCensus,
  ) {}

  @Get('cin-census/check')
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({
    summary: 'The DfE validation rules the front door’s records break in a year’s CIN census, child by child',
    description:
      'Each problem names the rule, the field and the record to fix (child, contact or strategy discussion). Rules the front door cannot break (assessments, plans, closures) are not checked; 2991Q is expected of a fragment. Audited as RETURN_CHECKED.',
  })
  @ApiOkResponse({ type: CensusCheckDto })
  @ApiErrors(400, 401, 403, 429)
  check(@Query() query: CensusYearQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<CensusCheckDto> {
    return this.censusCheck.execute(user, { year: query.year });
  }

  @Get('cin-census')
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({
    summary: 'The DfE children in need census (XML) for a collection year, from the front door’s records',
    description:
      'Valid against the CIN census XSD of the year (CIN_schema_2026.xsd for 2026). A fragment: assessments, plans and closures come from the council’s case system (docs/returns.md). Streamed; audited as RETURN_EXPORTED with the counts.',
  })
  @ApiOkResponse({
    description: 'the census message, as an attachment cin-census-<year>.xml',
    content: { 'application/xml': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 401, 403, [409, 'CONFLICT: no child was referred in the year'], 429)
  async cinCensusXml(
    @Query() query: CensusYearQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    await this.cinCensus.execute(user, {
      year: query.year,
      out: res,
      start: (filename) => {
        res.status(200);
        res.setHeader('Content-Type', 'application/xml; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
        res.setHeader('Cache-Control', 'no-store');
      },
    });
    res.end();
  }
}
