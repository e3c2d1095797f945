import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AccountsModule } from '@app/accounts';
import { ClockModule, PolicyModule } from '@app/core';
import { DatabaseModule, type DatabaseRuntime } from '@app/database';
import { AppModule } from '../app.module';

// the api's own settings and database modules, taken from AppModule: a command validates and
// reads exactly the settings the api does (a namespace a library adds later needs no change
// here), and migrates the database at boot as the api does
async function fromApi(runtime: DatabaseRuntime): Promise<DynamicModule[]> {
  const wanted: unknown[] = [ConfigModule, DatabaseModule];
  const found: DynamicModule[] = [];
  for (const entry of AppModule.forRoot(runtime).imports ?? []) {
    const resolved = (await entry) as Partial<DynamicModule>;
    if (wanted.includes(resolved.module)) found.push(resolved as DynamicModule);
  }
  if (found.length !== wanted.length)
    throw new Error('AppModule no longer imports its settings and database');
  return found;
}

// what a console command needs and no more: the settings, the database, the clock and policies,
// and the accounts use cases with the journal they audit through. No HTTP
@Module({})
export class AdminCliModule {
  static async forRoot(runtime: DatabaseRuntime): Promise<DynamicModule> {
    return {
      module: AdminCliModule,
      imports: [...(await fromApi(runtime)), ClockModule, PolicyModule, AccountsModule],
    };
  }
}
