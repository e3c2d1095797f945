import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DATABASE_RUNTIME, databaseConfig, type DatabaseRuntime } from '@app/database';
import { authConfig } from '../auth.config';
import { seedDemoWorld } from './demo-world';

// seeds the demo users on the embedded database, or anywhere with SEED_DEMO=true;
// never in production (the config refuses that combination at boot)
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_RUNTIME) private readonly runtime: DatabaseRuntime,
    @Inject(databaseConfig.KEY) private readonly database: ConfigType<typeof databaseConfig>,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.database.seedDemo(this.runtime.embedded ? 'embedded' : 'external')) return;
    const created = await seedDemoWorld(
      this.dataSource,
      this.database.demoPassword,
      this.auth.passwordHashCost,
    );
    if (created > 0) this.logger.log(`demo world seeded: ${created} users`);
  }
}
