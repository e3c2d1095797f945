import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import { ChildSearchResultDto, SearchChildrenQueryDto } from './dto/child-search.dto';
import {
  ChildMergeResultDto,
  ChildUnmergeResultDto,
  MergeChildDto,
  UnmergeChildDto,
} from './dto/child-merge.dto';
import { ChildViewDto } from './dto/child-view.dto';
import { ChildUpdateResultDto, UpdateChildDto } from './dto/update-child.dto';
import { MergeChild } from './use-cases/merge-child';
import { SearchChildren } from './use-cases/search-children';
import { UnmergeChild } from './use-cases/unmerge-child';
import { UpdateChild } from './use-cases/update-child';
import { ViewChild } from './use-cases/view-child';

// ids that are not UUIDs name no child: 404, like any other unknown id
function ChildId(): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('child') });
}

@ApiTags('children')
@ApiBearerAuth()
@Controller('children')
export class ChildrenController {
  constructor(
    private readonly searchChildren: SearchChildren,
    private readonly viewChild: ViewChild,
    private readonly updateChild: UpdateChild,
    private readonly mergeChild: MergeChild,
    private readonly unmergeChild: UnmergeChild,
  ) {}

  // before ':id', so "search" is not read as an id
  @Get('search')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({
    summary:
      'Find a child: ranked candidates with a score and the reasons each matched (at least one criterion)',
  })
  @ApiOkResponse({ type: ChildSearchResultDto })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: no criterion, or a date of birth, NHS number or postcode that is not one'],
    401,
    403,
    429,
  )
  search(
    @Query() query: SearchChildrenQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ChildSearchResultDto> {
    return this.searchChildren.execute(user, query);
  }

  @Get(':id')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({
    summary:
      'Read a child’s record: demographics, household and the whole front-door history, oldest first; a merged duplicate answers its names and mergedInto, the record to read instead',
  })
  @ApiOkResponse({ type: ChildViewDto })
  @ApiErrors(401, 403, 404, 429)
  view(@Param('id', ChildId()) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ChildViewDto> {
    return this.viewChild.execute(user, { id });
  }

  @Patch(':id')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({
    summary:
      'Correct a child’s record: the fields to change and why; each field’s change kept with who and when (audited as CHILD_UPDATED, by field name)',
  })
  @ApiOkResponse({ type: ChildUpdateResultDto })
  @ApiErrors(
    [
      400,
      'VALIDATION_FAILED: no reason, a code outside the CIN census lists, a UPN whose check letter is wrong, or nothing to change',
    ],
    401,
    403,
    404,
    429,
  )
  update(
    @Param('id', ChildId()) id: string,
    @Body() body: UpdateChildDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ChildUpdateResultDto> {
    return this.updateChild.execute(user, { ...body, id });
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('MANAGER')
  @ApiOperation({
    summary:
      'Merge a duplicate record into this one: every contact, referral and DA notification of the duplicate moves here in one transaction; the duplicate stays as a tombstone that redirects (audited as CHILD_MERGED)',
  })
  @ApiOkResponse({ type: ChildMergeResultDto })
  @ApiErrors(
    [
      400,
      'VALIDATION_FAILED: no or short reason, a duplicateId that is no child, this record itself, or a record with another NHS number',
    ],
    401,
    403,
    404,
    [409, 'STALE_STATE: either record has been merged into another already'],
    429,
  )
  merge(
    @Param('id', ChildId()) id: string,
    @Body() body: MergeChildDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ChildMergeResultDto> {
    return this.mergeChild.execute(user, { ...body, id });
  }

  @Post(':id/unmerge')
  @HttpCode(200)
  @Roles('MANAGER')
  @ApiOperation({
    summary:
      'Undo a merge into this record exactly: every row it moved goes back to the duplicate, which is a record again (audited as CHILD_UNMERGED)',
  })
  @ApiOkResponse({ type: ChildUnmergeResultDto })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: no or short reason, a duplicateId that is no child, or this record itself'],
    401,
    403,
    404,
    [409, 'STALE_STATE: that record is not merged into this one, or this record has been merged on since'],
    429,
  )
  unmerge(
    @Param('id', ChildId()) id: string,
    @Body() body: UnmergeChildDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ChildUnmergeResultDto> {
    return this.unmergeChild.execute(user, { ...body, id });
  }
}
