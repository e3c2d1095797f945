import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { ApiErrors } from '@app/core/openapi';
import { CountAnnexA } from './annex-a/count-annex-a';
import { ExportAnnexA } from './annex-a/export-annex-a';
import { ANNEX_A_MEDIA_TYPES } from './annex-a/annex-a-writers';
import {
  AnnexACountsDto,
  AnnexACountsQueryDto,
  AnnexAQueryDto,
  CensusCheckDto,
  CensusYearQueryDto,
} from './dto/returns.dto';
import { CheckCinCensus } from './use-cases/check-cin-census';
import { ExportCinCensus } from './use-cases/export-cin-census';

// a return's answer, before its first byte: a file to save, never kept by a cache
function attachment(res: Response, filename: string, contentType: string): void {
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
}

@ApiTags('returns')
@ApiBearerAuth()
@Controller('returns')
export class ReturnsController {
  constructor(
    private readonly cinCensus: ExportCinCensus,
    private readonly censusCheck: CheckCinCensus,
    private readonly annexA: ExportAnnexA,
    private readonly annexACounts: CountAnnexA,
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
      start: (filename) => attachment(res, filename, 'application/xml; charset=utf-8'),
    });
    res.end();
  }

  @Get('annex-a/counts')
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({
    summary: 'How many rows each of Ofsted’s Annex A lists 1, 3 and 5 holds for the six months to a date',
    description:
      'The rows the download would hold now, list by list, from the same queries. Audited as RETURN_CHECKED with the counts.',
  })
  @ApiOkResponse({ type: AnnexACountsDto })
  @ApiErrors(400, 401, 403, 429)
  annexACount(
    @Query() query: AnnexACountsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AnnexACountsDto> {
    return this.annexACounts.execute(user, { asOf: query.asOf });
  }

  @Get('annex-a')
  @Roles('MANAGER', 'ADMIN')
  @ApiOperation({
    summary:
      'Ofsted’s Annex A lists 1 (contacts), 3 (referrals) and 5 (s47 enquiries and ICPCs) for the six months to a date',
    description:
      'The template’s sheets and headings (Gender, or Sex with heading=sex), coded values in its labelled form (a) Male, e) 2A: Schools), dates dd/mm/yyyy. xlsx: one workbook, a sheet per list, real date cells; csv: a zip of list1.csv, list3.csv and list5.csv. Streamed from one snapshot; audited as RETURN_EXPORTED with the rows of each list.',
  })
  @ApiOkResponse({
    description: 'the lists, as an attachment annex-a-<asOf>.xlsx or annex-a-<asOf>.zip',
    content: {
      [ANNEX_A_MEDIA_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
      [ANNEX_A_MEDIA_TYPES.csv]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(400, 401, 403, 429)
  async annexAFile(
    @Query() query: AnnexAQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    await this.annexA.execute(user, {
      asOf: query.asOf,
      format: query.format,
      heading: query.heading,
      out: res,
      start: (filename, contentType) => attachment(res, filename, contentType),
    });
    res.end();
  }
}
