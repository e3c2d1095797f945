import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import {
  ApiClientDto,
  ClientRevokeResultDto,
  ClientSecretResultDto,
  CreateClientDto,
  ListClientsQueryDto,
  RevokeClientDto,
} from './dto/clients.dto';
import { CreateClient } from './use-cases/create-client';
import { ListClients } from './use-cases/list-clients';
import { RevokeClient } from './use-cases/revoke-client';
import { RotateClientSecret } from './use-cases/rotate-client-secret';

const ClientId = () => new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('API client') });

// issue 14 item 5: partner systems' credentials, which the council's admins issue, rotate and
// revoke; the systems themselves get tokens at POST /api/oauth/token
@ApiTags('admin')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('admin/clients')
export class ClientsController {
  constructor(
    private readonly createClient: CreateClient,
    private readonly listClients: ListClients,
    private readonly rotateClientSecret: RotateClientSecret,
    private readonly revokeClient: RevokeClient,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Issue an API client for a police force’s or partner agency’s system' })
  @ApiCreatedResponse({ type: ClientSecretResultDto, description: 'the secret is shown this once' })
  @ApiErrors(
    [
      400,
      'VALIDATION_FAILED: agencyId is not an agency or is the council’s social care; role is not POLICE (police agencies) or PARTNER (other partner agencies)',
    ],
    401,
    403,
    413,
    429,
  )
  create(
    @Body() dto: CreateClientDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ClientSecretResultDto> {
    return this.createClient.execute(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List an agency’s API clients (never their secrets)' })
  @ApiOkResponse({ type: [ApiClientDto], description: 'oldest first, revoked ones too' })
  @ApiErrors([400, 'VALIDATION_FAILED: agencyId is missing or not an agency'], 401, 403, 429)
  list(@Query() query: ListClientsQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<ApiClientDto[]> {
    return this.listClients.execute(user, query);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give an API client a new secret (the old one and its tokens stop working)' })
  @ApiOkResponse({ type: ClientSecretResultDto, description: 'the new secret, shown this once' })
  @ApiErrors(
    401,
    403,
    [404, 'NOT_FOUND: no such API client'],
    [409, 'STALE_STATE: the client is revoked'],
    429,
  )
  rotate(
    @Param('id', ClientId()) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ClientSecretResultDto> {
    return this.rotateClientSecret.execute(user, { id });
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API client for good (its tokens stop working at once)' })
  @ApiOkResponse({ type: ClientRevokeResultDto })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: reason is required'],
    401,
    403,
    [404, 'NOT_FOUND: no such API client'],
    [409, 'STALE_STATE: the client is revoked already'],
    413,
    429,
  )
  revoke(
    @Param('id', ClientId()) id: string,
    @Body() dto: RevokeClientDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ClientRevokeResultDto> {
    return this.revokeClient.execute(user, { ...dto, id });
  }
}
