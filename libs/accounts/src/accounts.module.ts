import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { LiveModule } from '@app/live';

// issue 14 items 2 and 5: the council's administration of who may sign in (agencies, users,
// partner systems' API clients). Above auth and live: auth owns the tables and their SQL
// (its exported AccountStore), this module owns the use cases, which journal every change
@Module({
  imports: [AuthModule, LiveModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class AccountsModule {}
