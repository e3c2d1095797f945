import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { AccountStore, AuthClock } from '@app/auth';
import { Journal } from '@app/live';
import type { UserPageDto, UserQueryDto } from '../dto/user.dto';
import { adminUserViewOf } from '../account-views';

export type ListUsersCommand = UserQueryDto;

const DEFAULT_LIMIT = 50;

// issue 14 item 2: GET /api/admin/users, newest first, paged like the audit trail. A list of
// people is personal data: reading it is audited (the filters, never the search text)
@Injectable()
export class ListUsers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: AccountStore,
    private readonly clock: AuthClock,
  ) {}

  async execute(user: AuthenticatedUser, command: ListUsersCommand): Promise<UserPageDto> {
    const active = command.active === undefined ? undefined : command.active === 'true';
    return this.dataSource.transaction(async (manager) => {
      const page = await this.store.searchUsers(manager, {
        q: command.q,
        agencyId: command.agencyId,
        role: command.role,
        active,
        before: command.before,
        limit: command.limit ?? DEFAULT_LIMIT,
      });
      this.journal.write(manager, user, {
        action: 'ADMIN_USERS_LISTED',
        entityType: 'user',
        entityId: null,
        details: {
          // whether a search text was given, never the text (it is a name or an email)
          searched: command.q !== undefined,
          agencyId: command.agencyId ?? null,
          role: command.role ?? null,
          active: active ?? null,
          before: command.before ?? null,
          returned: page.items.length,
          total: page.total,
        },
      });
      const now = this.clock.now();
      return {
        items: page.items.map((item) => adminUserViewOf(item, now)),
        total: page.total,
        nextBefore: page.more ? page.items[page.items.length - 1].id : undefined,
      };
    });
  }
}
