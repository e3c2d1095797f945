import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { AccountStore, AuthClock, SessionEnder, type SessionEndReason } from '@app/auth';
import { DomainError } from '@app/core';
import { Journal } from '@app/live';
import type { AdminUserViewDto, UpdateUserDto } from '../dto/user.dto';
import { lastAdmin, noSuchAgency } from '../account-errors';
import { adminUserViewOf } from '../account-views';
import { leavesNoActiveAdmin, roleMismatch } from '../policy/account-rules';

export interface UpdateUserCommand extends UpdateUserDto {
  id: string;
}

// issue 14 item 2: PATCH /api/admin/users/:id (name, role, agency, active). A new role or agency,
// or deactivation, ends every session of the user at once (their next request is a 401). The
// last active administrator can be neither demoted nor deactivated: a change that could remove
// an administrator first locks all active ones, so two admins demoting each other at once are
// settled one after the other, and the second sees the first's result
@Injectable()
export class UpdateUser {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly store: AccountStore,
    private readonly ender: SessionEnder,
    private readonly clock: AuthClock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id, reason, ...sent }: UpdateUserCommand,
  ): Promise<AdminUserViewDto> {
    // a field sent as null is a field not sent (class-validator's IsOptional lets null through)
    const changes = {
      name: sent.name ?? undefined,
      role: sent.role ?? undefined,
      agencyId: sent.agencyId ?? undefined,
      active: sent.active ?? undefined,
    };
    if (Object.values(changes).every((value) => value === undefined)) {
      throw DomainError.validation([
        { field: 'body', message: 'give a name, role, agencyId or active to change' },
      ]);
    }
    const now = this.clock.now();
    const mayRemoveAdmin =
      (changes.role !== undefined && changes.role !== 'ADMIN') || changes.active === false;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const activeAdmins = mayRemoveAdmin ? await this.store.lockActiveAdmins(manager) : [];
      const before = await this.store.lockUser(manager, id);
      if (!before) throw DomainError.notFound('user');
      const after = {
        name: changes.name ?? before.name,
        role: changes.role ?? before.role,
        agencyId: changes.agencyId ?? before.agencyId,
        active: changes.active ?? before.active,
      };
      const fields = (['name', 'role', 'agencyId', 'active'] as const).filter((f) => after[f] !== before[f]);
      if (fields.length === 0) return { view: adminUserViewOf(before, now), ended: [], endReason: undefined };

      if (fields.includes('role') || fields.includes('agencyId')) {
        const agency = await this.store.lockAgency(manager, after.agencyId, 'share');
        if (!agency) throw noSuchAgency();
        const mismatch = roleMismatch(after.role, agency.kind);
        const field = changes.role !== undefined ? 'role' : 'agencyId';
        if (mismatch) throw DomainError.validation([{ field, message: mismatch }]);
      }
      if (
        mayRemoveAdmin &&
        leavesNoActiveAdmin({ activeAdmins, userId: id, role: after.role, active: after.active })
      ) {
        throw lastAdmin(changes.active === false && before.active ? 'active' : 'role');
      }

      await this.store.updateUser(manager, id, changes, now);
      const endReason: SessionEndReason | undefined =
        before.active && !after.active
          ? 'USER_DEACTIVATED'
          : fields.includes('role')
            ? 'ROLE_CHANGED'
            : fields.includes('agencyId')
              ? 'AGENCY_CHANGED'
              : undefined;
      const ended = endReason ? await this.ender.endForUser(manager, id, endReason) : [];
      // role, agency and active with their values; a name only as changed (it is personal data)
      const valueChange = (f: 'role' | 'agencyId' | 'active') =>
        fields.includes(f) ? { [`${f}From`]: before[f], [`${f}To`]: after[f] } : {};
      this.journal.write(manager, user, {
        action: !fields.includes('active')
          ? 'USER_UPDATED'
          : after.active
            ? 'USER_REACTIVATED'
            : 'USER_DEACTIVATED',
        entityType: 'user',
        entityId: id,
        details: {
          fields,
          ...valueChange('role'),
          ...valueChange('agencyId'),
          ...valueChange('active'),
          reason: reason ?? null,
          endedSessions: ended.length,
        },
      });
      return { view: adminUserViewOf((await this.store.userById(manager, id))!, now), ended, endReason };
    });
    if (outcome.endReason) this.ender.announce(outcome.ended, outcome.endReason);
    return outcome.view;
  }
}
