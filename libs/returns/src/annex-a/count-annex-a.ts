import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { RETURNS_POLICY, WorkingCalendar, type ReturnsPolicySchema } from '@app/core';
import { Journal } from '@app/live';
import type { AnnexACountsDto } from '../dto/returns.dto';
import { annexALists, annexAPeriod } from './annex-a-lists';
import { countSql } from './annex-a-projection';
import { annexAQueries } from './export-annex-a';

// issue 19 item 1: how many rows each Annex A list would hold for the six months to `asOf`,
// for the console to show before the download: the export's queries, counted, in one snapshot.
// Audited like the census check, with the counts only.
@Injectable()
export class CountAnnexA {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly calendar: WorkingCalendar,
    @Inject(RETURNS_POLICY) private readonly policy: ReturnsPolicySchema,
  ) {}

  execute(user: AuthenticatedUser, { asOf }: { asOf: string }): Promise<AnnexACountsDto> {
    const { from } = annexAPeriod(asOf);
    const queries = annexAQueries(from, asOf, this.calendar.zone, this.policy);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const lists = [];
      for (const { name } of annexALists()) {
        const { sql, params } = queries[name];
        const [{ rows }] = (await manager.query(countSql(sql), params)) as { rows: number }[];
        lists.push({ list: name, rows });
      }
      this.journal.write(manager, user, {
        action: 'RETURN_CHECKED',
        entityType: 'return',
        entityId: null,
        details: {
          return: 'ANNEX_A',
          asOf,
          from,
          list1: lists[0].rows,
          list3: lists[1].rows,
          list5: lists[2].rows,
        },
      });
      return { asOf, from, lists };
    });
  }
}
