import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isMachStaff, type AuthenticatedUser } from '@app/access';
import { DomainError, type FieldError } from '@app/core';
import { Journal } from '@app/live';
import { listContacts, type ListedContact } from '../contact-list';
import {
  contactListLimit,
  type ContactListItemDto,
  type ContactListPageDto,
  type ListContactsQueryDto,
} from '../dto/contact-list.dto';
import { decodeCursor, encodeCursor, intervalProblems, partnerFilterProblems } from '../policy/contact-list';

// what a partner may see of its own contact in the list: what it sent became, nothing of
// social care's record (its rating, source, who screens it, the child's record id)
function partnerItem(row: ListedContact): ContactListItemDto {
  return {
    id: row.id,
    reference: row.reference,
    childName: row.child_name,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    ...(row.acknowledgement
      ? { outcome: row.acknowledgement.outcome, acknowledgement: row.acknowledgement }
      : {}),
  };
}

function staffItem(row: ListedContact): ContactListItemDto {
  return {
    id: row.id,
    reference: row.reference,
    childName: row.child_name,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    rag: row.rag,
    source: row.source,
    decisionDueAt: row.decision_due_at.toISOString(),
    agency: { id: row.agency_id, name: row.agency_name },
    ...(row.claimed_by ? { claimedBy: { id: row.claimed_by, name: row.claimed_by_name ?? '' } } : {}),
    childId: row.child_id,
    ...(row.outcome ? { outcome: row.outcome } : {}),
    ...(row.acknowledgement ? { acknowledgement: row.acknowledgement } : {}),
  };
}

// issue 17 item 5: MACH staff list every contact by the filters; a partner its own agency's.
// The list names children, so each page read is audited (its filters by name, never their
// values, and how many came back)
export type ListContactsCommand = ListContactsQueryDto;

@Injectable()
export class ListContacts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
  ) {}

  async execute(user: AuthenticatedUser, query: ListContactsCommand): Promise<ContactListPageDto> {
    const staff = isMachStaff(user);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const problems: FieldError[] = [
      ...(staff ? [] : partnerFilterProblems(query)),
      ...intervalProblems(query.from, query.to),
      ...(query.cursor !== undefined && !after
        ? [{ field: 'cursor', message: 'must be the nextCursor of a page' }]
        : []),
    ];
    if (problems.length > 0) throw DomainError.validation(problems);
    const { cursor: _cursor, limit: _limit, ...filter } = query;
    return this.dataSource.transaction(async (manager) => {
      const { rows, next } = await listContacts(
        manager,
        staff ? filter : { ...filter, agencyId: user.agencyId },
        after,
        contactListLimit(query),
      );
      this.journal.write(manager, user, {
        action: 'CONTACTS_LISTED',
        entityType: 'contact',
        details: {
          filters: Object.keys(filter).filter((key) => filter[key as keyof typeof filter] !== undefined),
          paged: after !== undefined,
          returned: rows.length,
        },
      });
      return {
        items: rows.map(staff ? staffItem : partnerItem),
        ...(next ? { nextCursor: encodeCursor(next) } : {}),
      };
    });
  }
}
