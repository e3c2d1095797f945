import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { liveConfig } from './live.config';
import type { AuthenticatedUser } from '@app/access';
import { eventRows, messagesFor, type Outgoing } from './live-dispatcher';

// what a reconnecting client missed: exactly the view's events after its last seq, when they
// are all still kept and not too many; otherwise null (it gets a fresh snapshot)
@Injectable()
export class LiveReplay {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(liveConfig.KEY) private readonly config: ConfigType<typeof liveConfig>,
  ) {}

  async since(
    view: string,
    sinceSeq: bigint,
    user: AuthenticatedUser,
  ): Promise<{ seq: bigint; events: Outgoing['message'][] } | null> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [bounds] = (await manager.query(
        `select coalesce(min(seq), 0)::text as first, coalesce(max(seq), 0)::text as last,
                count(*) filter (where seq > $1)::int as missed
           from live_event`,
        [sinceSeq.toString()],
      )) as { first: string; last: string; missed: number }[];
      const first = BigInt(bounds.first);
      const last = BigInt(bounds.last);
      // ahead of the service (a reset database), or behind what is still kept
      if (sinceSeq > last) return null;
      if (last > sinceSeq && sinceSeq < first - 1n) return null;
      if (bounds.missed > this.config.maxReplay) return null;
      const rows = eventRows(
        await manager.query(
          `select seq::text, payload from live_event where seq > $1 and seq <= $2 order by live_event.seq`,
          [sinceSeq.toString(), bounds.last],
        ),
      );
      return { seq: last, events: messagesFor(view, rows, user).map((m) => m.message) };
    });
  }
}
