import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, ErrorCode } from '@app/core';
import { Journal } from '@app/live';
import { queueItemsNaming } from '../child-record-reader';
import { lockChildren, recordMerge, recordMovedRows, tombstoneChild } from '../child-merges.repository';
import { ChildRowOwners } from '../child-rows';
import type { ChildMergeResultDto, MergeChildDto } from '../dto/child-merge.dto';
import type { ChildEntity } from '../entities/child.entity';
import { mergeRefusal, movesNhsNumber, type MergeRefusal } from '../policy/child-merge';

export interface MergeChildCommand extends MergeChildDto {
  id: string;
}

// the pair a merge or an unmerge works on, both locked (ids ascending); 404 for an unknown kept
// record, 400 naming duplicateId for an unknown duplicate
export async function lockPair(
  manager: EntityManager,
  keptId: string,
  duplicateId: string,
): Promise<{ kept: ChildEntity; duplicate: ChildEntity }> {
  const locked = await lockChildren(manager, [keptId, duplicateId]);
  const kept = locked.get(keptId);
  if (!kept) throw DomainError.notFound('child');
  const duplicate = locked.get(duplicateId) ?? (keptId === duplicateId ? kept : undefined);
  if (!duplicate)
    throw DomainError.validation([{ field: 'duplicateId', message: 'names no child’s record' }]);
  return { kept, duplicate };
}

export function refused(refusal: MergeRefusal): DomainError {
  return refusal.kind === 'invalid'
    ? DomainError.validation([{ field: refusal.field, message: refusal.message }])
    : new DomainError(ErrorCode.STALE_STATE, refusal.message);
}

// issue 17 item 4 (decision 0028): a duplicate record merged into the kept one, in one
// transaction: every row naming the duplicate (each owner module moves its own: contacts,
// referrals, DA notifications' children, school notifications) moves to the kept record and is
// listed on the merge; the duplicate stays as a tombstone that redirects. The queues naming a
// moved open contact show the kept record's name.
@Injectable()
export class MergeChild {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly owners: ChildRowOwners,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  async execute(
    user: AuthenticatedUser,
    { id, duplicateId, reason }: MergeChildCommand,
  ): Promise<ChildMergeResultDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const { kept, duplicate } = await lockPair(manager, id, duplicateId);
      const refusal = mergeRefusal(kept, duplicate);
      if (refusal) throw refused(refusal);
      const movedNhsNumber = movesNhsNumber(kept, duplicate) ? duplicate.nhsNumber : null;
      const mergeId = await recordMerge(manager, {
        keptId: id,
        duplicateId,
        reason,
        nhsNumberMoved: movedNhsNumber !== null,
        mergedBy: user.id,
        mergedAt: now,
      });
      const moved: ChildMergeResultDto['moved'] = [];
      for (const owner of this.owners.all()) {
        const ids = await owner.move(manager, duplicateId, id);
        await recordMovedRows(manager, mergeId, owner.table, ids);
        moved.push({ table: owner.table, count: ids.length });
      }
      await tombstoneChild(manager, { duplicateId, keptId: id, movedNhsNumber });
      const queued = await queueItemsNaming(manager, id);
      this.journal.write(
        manager,
        user,
        {
          action: 'CHILD_MERGED',
          entityType: 'child',
          entityId: id,
          details: {
            duplicateId,
            mergeId,
            rowsMoved: moved.reduce((n, m) => n + m.count, 0),
            tables: moved.filter((m) => m.count > 0).map((m) => m.table),
          },
        },
        queued.map((item) => ({ type: 'child.updated', ...item })),
      );
      return { mergeId, keptId: id, duplicateId, moved };
    });
  }
}
