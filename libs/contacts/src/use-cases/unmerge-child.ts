import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock } from '@app/core';
import { Journal } from '@app/live';
import { queueItemsNaming } from '../child-record-reader';
import { mergeInForce, movedRowsOf, recordUnmerge, reviveChild } from '../child-merges.repository';
import { ChildRowOwners } from '../child-rows';
import type { ChildUnmergeResultDto, UnmergeChildDto } from '../dto/child-merge.dto';
import { unmergeRefusal } from '../policy/child-merge';
import { lockPair, refused } from './merge-child';

export interface UnmergeChildCommand extends UnmergeChildDto {
  id: string;
}

// issue 17 item 4 (decision 0028): a merge undone exactly, in one transaction: each row the merge
// moved goes back to the duplicate (rows added to the kept record since stay), an NHS number the
// merge moved goes back, and the tombstone is a record again
@Injectable()
export class UnmergeChild {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly owners: ChildRowOwners,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id, duplicateId, reason }: UnmergeChildCommand,
  ): Promise<ChildUnmergeResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const { kept, duplicate } = await lockPair(manager, id, duplicateId);
      const merge = await mergeInForce(manager, id, duplicateId);
      const refusal = unmergeRefusal(kept, duplicate, merge !== undefined);
      if (refusal) throw refused(refusal);
      if (!merge) throw new Error('unreachable: a merge in force was checked');
      const rows = await movedRowsOf(manager, merge.id);
      const moved: ChildUnmergeResultDto['moved'] = [];
      for (const [table, ids] of rows) {
        const owner = this.owners.of(table);
        if (!owner) throw new Error(`${table}: no module moves this table's child rows`);
        const count = await owner.restore(manager, ids, id, duplicateId);
        // the kept record is no tombstone, so nothing has moved its rows on since the merge
        if (count !== ids.length)
          throw new Error(`${table}: ${ids.length - count} merged rows are not where they were`);
        moved.push({ table, count });
      }
      await reviveChild(manager, {
        duplicateId,
        keptId: id,
        movedNhsNumber: merge.nhsNumberMoved ? kept.nhsNumber : null,
      });
      await recordUnmerge(manager, { mergeId: merge.id, reason, unmergedBy: user.id, unmergedAt: now });
      const queued = await queueItemsNaming(manager, duplicateId);
      this.journal.write(
        manager,
        user,
        {
          action: 'CHILD_UNMERGED',
          entityType: 'child',
          entityId: id,
          details: {
            duplicateId,
            mergeId: merge.id,
            rowsMoved: moved.reduce((n, m) => n + m.count, 0),
            tables: moved.filter((m) => m.count > 0).map((m) => m.table),
          },
        },
        queued.map((item) => ({ type: 'child.updated', ...item })),
      );
      return { mergeId: merge.id, keptId: id, duplicateId, moved };
    });
  }
}
