import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/access';
import { ApiErrors } from '@app/core/openapi';
import { AssignableUserPageDto } from './dto/assignable-user.dto';
import { ListAssignableUsers } from './use-cases/list-assignable-users';

// the MACH desk's own read of who works it: the roles that claim contacts (an ADMIN neither
// claims nor assigns, so it has nothing to pick from)
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class AssignableUsersController {
  constructor(private readonly listAssignableUsers: ListAssignableUsers) {}

  @Get('assignable')
  @Roles('SCREENER', 'MANAGER')
  @ApiOperation({
    summary: 'Whom a contact may be assigned to: the active MACH screeners and managers, by name',
  })
  @ApiOkResponse({ type: AssignableUserPageDto })
  @ApiErrors(401, [403, 'FORBIDDEN: only screeners and managers claim and assign contacts'], 429)
  list(@CurrentUser() user: AuthenticatedUser): Promise<AssignableUserPageDto> {
    return this.listAssignableUsers.execute(user, {});
  }
}
