import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Assignees } from '@app/auth';
import type { AssignableUserPageDto } from '../dto/assignable-user.dto';

export type ListAssignableUsersCommand = Record<string, never>;

// GET /api/users/assignable: who a manager may give a contact to (POST /api/contacts/:id/claim
// { assigneeId }), by auth's one rule for who may hold a contact. The names and roles of the
// front door's own desk, which every queue row already shows as claimedBy: not audited as a
// read of personal data (the admin list of people, with emails and sign-in state, is)
@Injectable()
export class ListAssignableUsers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assignees: Assignees,
  ) {}

  async execute(
    _user: AuthenticatedUser,
    _command: ListAssignableUsersCommand,
  ): Promise<AssignableUserPageDto> {
    const items = await this.assignees.list(this.dataSource.manager);
    return { items: items.map(({ id, name, role }) => ({ id, name, role })) };
  }
}
