import type { EntityManager } from 'typeorm';

// the seq of the last live event this transaction's snapshot sees: a read consistent with it
// (in the same REPEATABLE READ transaction) reflects exactly the events up to it
export async function lastLiveSeq(manager: EntityManager): Promise<bigint> {
  const [{ seq }] = (await manager.query('select coalesce(max(seq), 0)::text as seq from live_event')) as {
    seq: string;
  }[];
  return BigInt(seq);
}
