import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { DomainError } from '@app/core';
import { authConfig } from '../auth.config';
import { hashPassword } from '../password-hasher';
import { checkPassword } from '../password-policy';
import { hashSecret, normaliseCode } from '../secrets';
import { setPasswordWithSetupCode, userForSetupCode } from '../users.repository';
import { AuthClock } from '../auth-clock';

const SPENT = 'That setup code is not right or has expired: ask an administrator for a new one.';

export interface SetUpPasswordCommand {
  email: string;
  setupCode: string;
  password: string;
}

// issue 14 item 2: POST /api/auth/setup. The one-time code an admin was shown (valid 72 h)
// lets the user choose their password; the code is spent by it
@Injectable()
export class SetUpPassword {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: AuthClock,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async execute(command: SetUpPasswordCommand): Promise<void> {
    const now = this.clock.now();
    const codeHash = hashSecret(normaliseCode(command.setupCode));
    const user = await userForSetupCode(this.dataSource, command.email, codeHash, now);
    if (!user) throw DomainError.unauthenticated(SPENT);
    const problems = checkPassword(command.password, { email: user.email, name: user.name });
    if (problems.length > 0) {
      throw DomainError.validation(problems.map((p) => ({ field: 'password', message: p.message })));
    }
    const hash = await hashPassword(command.password, this.config.passwordHashCost);
    await this.dataSource.transaction(async (manager) => {
      if (!(await setPasswordWithSetupCode(manager, user.id, codeHash, hash, now))) {
        throw DomainError.unauthenticated(SPENT);
      }
      await this.audit.record(
        manager,
        { id: user.id, role: user.role, agencyId: user.agencyId },
        {
          action: 'PASSWORD_SET',
          entityType: 'user',
          entityId: user.id,
          details: { via: 'SETUP_CODE' },
        },
      );
    });
  }
}
