import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import { AgencyPageDto, AgencyViewDto, CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';
import { CreateAgency } from './use-cases/create-agency';
import { ListAgencies } from './use-cases/list-agencies';
import { UpdateAgency } from './use-cases/update-agency';

// ids that are not UUIDs name no agency: 404, like any other unknown id
function agencyId(): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('agency') });
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('admin/agencies')
export class AgenciesController {
  constructor(
    private readonly listAgencies: ListAgencies,
    private readonly createAgency: CreateAgency,
    private readonly updateAgency: UpdateAgency,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List every agency, by name' })
  @ApiOkResponse({ type: AgencyPageDto })
  @ApiErrors(401, 403, 429)
  list(@CurrentUser() user: AuthenticatedUser): Promise<AgencyPageDto> {
    return this.listAgencies.execute(user, {});
  }

  @Post()
  @ApiOperation({ summary: 'Add an agency (a police force, a school, a health trust, ...)' })
  @ApiCreatedResponse({ type: AgencyViewDto })
  @ApiErrors(400, 401, 403, [409, 'CONFLICT: another agency has that name'], 413, 429)
  create(@Body() dto: CreateAgencyDto, @CurrentUser() user: AuthenticatedUser): Promise<AgencyViewDto> {
    return this.createAgency.execute(user, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename an agency, or change its kind (every user must fit the new kind)' })
  @ApiOkResponse({ type: AgencyViewDto })
  @ApiErrors(
    400,
    401,
    403,
    404,
    [409, 'CONFLICT: another agency has that name, or the agency has users the new kind does not take'],
    413,
    429,
  )
  update(
    @Param('id', agencyId()) id: string,
    @Body() dto: UpdateAgencyDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AgencyViewDto> {
    return this.updateAgency.execute(user, { ...dto, id });
  }
}
