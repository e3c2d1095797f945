import type { AuthenticatedUser } from '@app/access';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AccountStore,
  authConfig,
  AuthClock,
  checkPassword,
  hashPassword,
  newSetupCode,
  type AdminUserRecord,
} from '@app/auth';
import { DomainError } from '@app/core';
import { Journal } from '@app/live';
import { emailTaken } from '../account-errors';

export interface CreateFirstAdminCommand {
  email: string;
  name: string;
  // the council's children's social care agency, made (LA_SOCIAL_CARE) when there is none of that name
  agencyName: string;
  // given: the administrator signs in with it; absent: a setup code is made instead
  password?: string;
}

export interface FirstAdminCreated {
  user: AdminUserRecord;
  agencyCreated: boolean;
  setupCode?: { code: string; expiresAt: Date };
}

// issue 14 item 2: the first administrator, without SQL (`npm run admin -- create-admin`). No
// one is signed in: the operator at the console is audited with no actor
@Injectable()
export class CreateFirstAdmin {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: AccountStore,
    private readonly clock: AuthClock,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  // the actor is null: the command line has no signed-in user (the audit rows say via CLI)
  async execute(
    _user: AuthenticatedUser | null,
    command: CreateFirstAdminCommand,
  ): Promise<FirstAdminCreated> {
    const email = command.email.trim().toLowerCase();
    const name = command.name.trim();
    const agencyName = command.agencyName.trim();
    if (command.password !== undefined) {
      const problems = checkPassword(command.password, { email, name });
      if (problems.length > 0) {
        throw DomainError.validation(problems.map((p) => ({ field: 'password', message: p.message })));
      }
    }
    const passwordHash =
      command.password === undefined
        ? null
        : await hashPassword(command.password, this.config.passwordHashCost);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      let agency = await this.store.agencyByName(manager, agencyName);
      const agencyCreated = !agency;
      if (!agency) {
        const id = await this.store.createAgency(manager, { name: agencyName, kind: 'LA_SOCIAL_CARE', now });
        agency = await (id
          ? this.store.agencyById(manager, id)
          : this.store.agencyByName(manager, agencyName));
      }
      const locked = agency && (await this.store.lockAgency(manager, agency.id, 'share'));
      if (!agency || !locked)
        throw DomainError.validation([{ field: 'agency', message: 'could not be made' }]);
      if (locked.kind !== 'LA_SOCIAL_CARE') {
        throw DomainError.validation([
          {
            field: 'agency',
            message: `"${locked.name}" is a ${locked.kind} agency: an administrator belongs to an LA_SOCIAL_CARE one`,
          },
        ]);
      }
      const setupCode = passwordHash ? null : newSetupCode(now);
      const id = await this.store.createUser(manager, {
        email,
        name,
        role: 'ADMIN',
        agencyId: locked.id,
        passwordHash,
        setupCode,
        now,
      });
      if (!id) throw emailTaken();
      this.journal.write(manager, null, [
        ...(agencyCreated
          ? [
              {
                action: 'AGENCY_CREATED',
                entityType: 'agency',
                entityId: locked.id,
                details: { name: locked.name, kind: locked.kind, via: 'CLI' },
              },
            ]
          : []),
        {
          action: 'USER_CREATED',
          entityType: 'user',
          entityId: id,
          details: {
            role: 'ADMIN',
            agencyId: locked.id,
            via: 'CLI',
            passwordSet: passwordHash !== null,
          },
        },
      ]);
      return {
        user: (await this.store.userById(manager, id))!,
        agencyCreated,
        ...(setupCode ? { setupCode: { code: setupCode.code, expiresAt: setupCode.expiresAt } } : {}),
      };
    });
  }
}
