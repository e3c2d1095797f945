import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { LiveModule } from '@app/live';
import { ClientsController } from './clients/clients.controller';
import { CreateClient } from './clients/use-cases/create-client';
import { ListClients } from './clients/use-cases/list-clients';
import { RevokeClient } from './clients/use-cases/revoke-client';
import { RotateClientSecret } from './clients/use-cases/rotate-client-secret';

// issue 14 items 2 and 5: the council's administration of who may sign in (agencies, users,
// partner systems' API clients). Above auth and live: auth owns the tables and their SQL
// (its exported AccountStore), this module owns the use cases, which journal every change
@Module({
  imports: [AuthModule, LiveModule],
  controllers: [ClientsController],
  providers: [CreateClient, ListClients, RotateClientSecret, RevokeClient],
  exports: [],
})
export class AccountsModule {}
