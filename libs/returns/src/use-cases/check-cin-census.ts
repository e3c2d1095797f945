import { Inject, Injectable } from '@nestjs/common';
import { RETURNS_POLICY, type ReturnsPolicySchema } from '@app/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Journal } from '@app/live';
import { censusYear } from '../cin/census-child';
import { censusChildren, censusRowsSql, type CensusRow } from '../cin/census-projection';
import { CHECKED_RULES, censusProblems, EXPECTED_QUERIES } from '../cin/census-rules';
import type { CensusCheckDto } from '../dto/returns.dto';
import { childIdSql } from '../return-child-id';

export interface CheckCinCensusCommand {
  year: number;
}

async function* each<T>(rows: T[]): AsyncGenerator<T> {
  yield* rows;
}

// issue 19 item 3 (decision 0030): every DfE rule the front door's data can break, child by
// child, with the rule, the field and the record to fix, over the census the export would send
// now (the same projection). Fix the record, run it again, and the line is gone. Audited like
// the export (it reads every child of the return), with the counts only.
@Injectable()
export class CheckCinCensus {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    @Inject(RETURNS_POLICY) private readonly policy: ReturnsPolicySchema,
  ) {}

  async execute(user: AuthenticatedUser, { year }: CheckCinCensusCommand): Promise<CensusCheckDto> {
    const census = censusYear(year);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const rows = (await manager.query(censusRowsSql(childIdSql(this.policy)), [
        census.start,
        census.referenceDate,
      ])) as CensusRow[];
      const children = [];
      for await (const child of censusChildren(each(rows), census)) children.push(child);
      const laChildIds = new Map(children.map((c) => [c.childId, c.laChildId]));
      const problems = censusProblems(children, census).map((p) => ({
        ...p,
        laChildId: laChildIds.get(p.childId) ?? '',
        expected: EXPECTED_QUERIES.includes(p.rule),
      }));
      const episodes = children.reduce((n, c) => n + c.episodes.length, 0);
      this.journal.write(manager, user, {
        action: 'RETURN_CHECKED',
        entityType: 'return',
        entityId: null,
        details: {
          return: 'CIN_CENSUS',
          year,
          children: children.length,
          episodes,
          problems: problems.length,
        },
      });
      return {
        year,
        referenceDate: census.referenceDate,
        children: children.length,
        episodes,
        rulesChecked: CHECKED_RULES.length,
        problems,
      };
    });
  }
}
