import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgencyKind, Role } from '@app/access';
import {
  agencyById,
  agencyByName,
  clearLock,
  insertAgency,
  insertUser,
  listAgencies,
  lockActiveAdmins,
  lockAgency,
  lockUser,
  resetToSetupCode,
  rolesInAgency,
  searchUsers,
  updateAgency,
  updateUser,
  userById,
  userIdByEmail,
  violatedConstraint,
  type AdminUserRecord,
  type AgencyRecord,
  type NewUser,
  type UserChanges,
  type UserFilter,
} from './accounts.repository';
import { clearMfa } from './mfa/mfa.repository';
import { hashSecret, normaliseCode, typeableCode } from './secrets';

export type { AdminUserRecord, AgencyRecord, UserChanges, UserFilter } from './accounts.repository';

// issue 14 item 2: a setup code is shown once and is good for 72 hours
export const SETUP_CODE_VALID_HOURS = 72;

export interface SetupCode {
  // shown once, to the admin who asked for it; never stored
  code: string;
  hash: string;
  expiresAt: Date;
}

// 16 Crockford base32 characters (80 bits), stored as a hash of the form it is typed in
export function newSetupCode(now: Date): SetupCode {
  const code = typeableCode(4);
  return {
    code,
    hash: hashSecret(normaliseCode(code)),
    expiresAt: new Date(now.getTime() + SETUP_CODE_VALID_HOURS * 3600 * 1000),
  };
}

export type NewAccount = Omit<NewUser, 'setupCodeHash' | 'setupCodeExpiresAt'> & {
  setupCode: SetupCode | null;
};

// the accounts SQL auth owns (agency, app_user), for the accounts module's use cases: each call
// runs in the caller's transaction
@Injectable()
export class AccountStore {
  listAgencies(manager: EntityManager): Promise<AgencyRecord[]> {
    return listAgencies(manager);
  }

  agencyById(manager: EntityManager, id: string): Promise<AgencyRecord | undefined> {
    return agencyById(manager, id);
  }

  agencyByName(manager: EntityManager, name: string): Promise<AgencyRecord | undefined> {
    return agencyByName(manager, name);
  }

  lockAgency(
    manager: EntityManager,
    id: string,
    mode: 'share' | 'update',
  ): Promise<{ id: string; name: string; kind: AgencyKind } | undefined> {
    return lockAgency(manager, id, mode);
  }

  // undefined: the name is taken
  createAgency(
    manager: EntityManager,
    agency: { name: string; kind: AgencyKind; now: Date },
  ): Promise<string | undefined> {
    return insertAgency(manager, agency);
  }

  // false: the name is taken (also when a concurrent rename took it first)
  async updateAgency(
    manager: EntityManager,
    id: string,
    changes: { name?: string; kind?: AgencyKind },
  ): Promise<boolean> {
    try {
      return await updateAgency(manager, id, changes);
    } catch (error) {
      if (violatedConstraint(error) === 'uq_agency_name') return false;
      throw error;
    }
  }

  rolesInAgency(manager: EntityManager, agencyId: string): Promise<Role[]> {
    return rolesInAgency(manager, agencyId);
  }

  searchUsers(
    manager: EntityManager,
    filter: UserFilter,
  ): Promise<{ items: AdminUserRecord[]; total: number; more: boolean }> {
    return searchUsers(manager, filter);
  }

  userById(manager: EntityManager, id: string): Promise<AdminUserRecord | undefined> {
    return userById(manager, id);
  }

  userIdByEmail(manager: EntityManager, email: string): Promise<string | undefined> {
    return userIdByEmail(manager, email);
  }

  lockUser(manager: EntityManager, id: string): Promise<AdminUserRecord | undefined> {
    return lockUser(manager, id);
  }

  lockActiveAdmins(manager: EntityManager): Promise<string[]> {
    return lockActiveAdmins(manager);
  }

  // undefined: the email is taken
  createUser(manager: EntityManager, account: NewAccount): Promise<string | undefined> {
    const { setupCode, ...user } = account;
    return insertUser(manager, {
      ...user,
      setupCodeHash: setupCode?.hash ?? null,
      setupCodeExpiresAt: setupCode?.expiresAt ?? null,
    });
  }

  updateUser(manager: EntityManager, id: string, changes: UserChanges, now: Date): Promise<void> {
    return updateUser(manager, id, changes, now);
  }

  // the password is cleared: only the new setup code sets one; with `mfa`, the second factor
  // and its recovery codes go too (the user enrols again at their next sign-in)
  async reset(
    manager: EntityManager,
    id: string,
    setupCode: SetupCode,
    options: { mfa: boolean; now: Date },
  ): Promise<void> {
    await resetToSetupCode(manager, id, setupCode.hash, setupCode.expiresAt, options.now);
    if (options.mfa) await clearMfa(manager, id, options.now);
  }

  unlock(manager: EntityManager, id: string, now: Date): Promise<void> {
    return clearLock(manager, id, now);
  }
}
