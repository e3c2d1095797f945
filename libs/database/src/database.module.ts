import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { databaseConfig } from './database.config';
import { dataSourceOptions } from './data-source-options';
import { runMigrations } from './run-migrations';

export interface DatabaseRuntime {
  // the database to use; when absent, DATABASE_URL
  url?: string;
  // true when main.ts started the embedded server (the demo world is then seeded)
  embedded: boolean;
}

export const DATABASE_RUNTIME = Symbol('DATABASE_RUNTIME');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(runtime: DatabaseRuntime): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [databaseConfig.KEY],
          useFactory: (config: ConfigType<typeof databaseConfig>) => {
            const url = runtime.url ?? config.url;
            if (!url) throw new Error('No database: set DATABASE_URL or let main.ts start the embedded one');
            return {
              ...dataSourceOptions(url, config.poolSize, config.ssl, config.sslCa),
              autoLoadEntities: true,
            };
          },
          // migrate before anything else touches the schema
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [{ provide: DATABASE_RUNTIME, useValue: runtime }],
      exports: [DATABASE_RUNTIME],
    };
  }
}
