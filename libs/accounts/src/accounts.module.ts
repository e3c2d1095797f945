import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { LiveModule } from '@app/live';
import { ClientsController } from './clients/clients.controller';
import { CreateClient } from './clients/use-cases/create-client';
import { ListClients } from './clients/use-cases/list-clients';
import { RevokeClient } from './clients/use-cases/revoke-client';
import { RotateClientSecret } from './clients/use-cases/rotate-client-secret';
import { AgenciesController } from './agencies.controller';
import { AssignableUsersController } from './assignable-users.controller';
import { UsersController } from './users.controller';
import { CreateAgency } from './use-cases/create-agency';
import { CreateFirstAdmin } from './use-cases/create-first-admin';
import { CreateUser } from './use-cases/create-user';
import { ListAgencies } from './use-cases/list-agencies';
import { ListAssignableUsers } from './use-cases/list-assignable-users';
import { ListUsers } from './use-cases/list-users';
import { ResetUser } from './use-cases/reset-user';
import { UnlockUser } from './use-cases/unlock-user';
import { UpdateAgency } from './use-cases/update-agency';
import { UpdateUser } from './use-cases/update-user';

// issue 14 items 2 and 5: the council's administration of who may sign in (agencies, users,
// partner systems' API clients); issue 15: the desk's list of whom a contact may be assigned
// to. Above auth and live: auth owns the tables and their SQL (its exported AccountStore and
// Assignees), this module owns the use cases, which journal every change
@Module({
  imports: [AuthModule, LiveModule],
  controllers: [AgenciesController, UsersController, ClientsController, AssignableUsersController],
  providers: [
    ListAgencies,
    CreateAgency,
    UpdateAgency,
    ListUsers,
    ListAssignableUsers,
    CreateUser,
    UpdateUser,
    ResetUser,
    UnlockUser,
    CreateFirstAdmin,
    CreateClient,
    ListClients,
    RotateClientSecret,
    RevokeClient,
  ],
  // the console's commands (apps/api/src/admin.ts)
  exports: [CreateFirstAdmin, ResetUser],
})
export class AccountsModule {}
