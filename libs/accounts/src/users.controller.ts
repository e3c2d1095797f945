import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { ApiErrors } from '@app/core/openapi';
import {
  AdminUserViewDto,
  CreateUserDto,
  CreateUserResultDto,
  ResetUserDto,
  ResetUserResultDto,
  UnlockUserDto,
  UpdateUserDto,
  UserPageDto,
  UserQueryDto,
} from './dto/user.dto';
import { CreateUser } from './use-cases/create-user';
import { ListUsers } from './use-cases/list-users';
import { ResetUser } from './use-cases/reset-user';
import { UnlockUser } from './use-cases/unlock-user';
import { UpdateUser } from './use-cases/update-user';

// ids that are not UUIDs name no user: 404, like any other unknown id
const UserId = () => new ParseUUIDPipe({ exceptionFactory: () => DomainError.notFound('user') });

@ApiTags('admin')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('admin/users')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsers,
    private readonly createUser: CreateUser,
    private readonly updateUser: UpdateUser,
    private readonly resetUser: ResetUser,
    private readonly unlockUser: UnlockUser,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Find people’s accounts, newest first (the read is audited)' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400, 401, 403, 429)
  list(@Query() query: UserQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<UserPageDto> {
    return this.listUsers.execute(user, query);
  }

  @Post()
  @ApiOperation({ summary: 'Make an account: the answer carries its setup code, shown once (72 hours)' })
  @ApiCreatedResponse({ type: CreateUserResultDto })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: a field is wrong, or the role does not fit the agency’s kind'],
    401,
    403,
    [409, 'CONFLICT: there is already an account with that email (whatever its case)'],
    413,
    429,
  )
  create(@Body() dto: CreateUserDto, @CurrentUser() user: AuthenticatedUser): Promise<CreateUserResultDto> {
    return this.createUser.execute(user, dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a name, role, agency or active flag (role, agency and deactivation end their sessions)',
  })
  @ApiOkResponse({ type: AdminUserViewDto })
  @ApiErrors(
    [
      400,
      'VALIDATION_FAILED: a field is wrong, the role does not fit the agency, or no reason to deactivate',
    ],
    401,
    403,
    404,
    [409, 'CONFLICT: that would leave no active administrator'],
    413,
    429,
  )
  update(
    @Param('id', UserId()) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AdminUserViewDto> {
    return this.updateUser.execute(user, { ...dto, id });
  }

  @Post(':id/reset')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End their sessions, clear their password and give a new setup code (shown once, 72 hours)',
  })
  @ApiOkResponse({ type: ResetUserResultDto })
  @ApiErrors(
    [400, 'VALIDATION_FAILED: the reason is missing or too long'],
    401,
    403,
    404,
    [409, 'CONFLICT: the user is deactivated (reactivate them first)'],
    413,
    429,
  )
  reset(
    @Param('id', UserId()) id: string,
    @Body() dto: ResetUserDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ResetUserResultDto> {
    return this.resetUser.execute(user, { ...dto, id });
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift the lock after failed sign-ins (the password stays)' })
  @ApiOkResponse({ type: AdminUserViewDto })
  @ApiErrors(400, 401, 403, 404, 413, 429)
  unlock(
    @Param('id', UserId()) id: string,
    @Body() dto: UnlockUserDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AdminUserViewDto> {
    return this.unlockUser.execute(user, { ...dto, id });
  }
}
