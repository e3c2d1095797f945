import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import { ChildSearchResultDto, SearchChildrenQueryDto } from './dto/child-search.dto';
import { ChildViewDto } from './dto/child-view.dto';
import { SearchChildren } from './use-cases/search-children';
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
}
