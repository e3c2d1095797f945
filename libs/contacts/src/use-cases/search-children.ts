import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { DomainError } from '@app/core';
import { Journal } from '@app/live';
import { childCandidates } from '../child-search';
import type { ChildSearchResultDto } from '../dto/child-search.dto';
import { criteriaGiven, rankCandidates, type SearchCriteria } from '../policy/child-search';

// issue 17 item 1: ranked candidates, each with its score and reasons. Every search is audited
// with which criteria were given and how many children it found, never the terms: a name or an
// NHS number in the audit trail would be personal data kept for as long as the trail
export type SearchChildrenCommand = SearchCriteria;

@Injectable()
export class SearchChildren {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
  ) {}

  async execute(user: AuthenticatedUser, query: SearchChildrenCommand): Promise<ChildSearchResultDto> {
    const criteria = criteriaGiven(query);
    if (criteria.length === 0) {
      throw DomainError.validation(
        [{ field: 'name', message: 'give at least one of name, dateOfBirth, nhsNumber or postcode' }],
        'Give at least one thing to search by.',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const items = rankCandidates(query, await childCandidates(manager, query));
      this.journal.write(manager, user, {
        action: 'CHILD_SEARCHED',
        entityType: 'child',
        entityId: null,
        details: { criteria, results: items.length },
      });
      return { items };
    });
  }
}
