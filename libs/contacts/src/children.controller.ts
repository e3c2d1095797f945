import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import { ChildSearchResultDto, SearchChildrenQueryDto } from './dto/child-search.dto';
import { ChildViewDto } from './dto/child-view.dto';
import { ChildUpdateResultDto, UpdateChildDto } from './dto/update-child.dto';
import { SearchChildren } from './use-cases/search-children';
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
    summary: 'Read a child’s record: demographics, household and the whole front-door history, oldest first',
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
}
