import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { EncodedBody } from './encoded-ack';
import type { QueueItem, QueueView } from './queue-view';
import { jsonSeq } from './seq';

// the body of a queue read (REST) and of a snapshot ack (socket.io)
export interface QueueSnapshot {
  seq: number;
  items: QueueItem[];
}

// one read of a view, shared by everyone who asked for it at once; its encoding is made on
// first use and lives as long as the read does (until the last of them has written it)
export class SharedSnapshot {
  readonly body: QueueSnapshot;
  private encodedBody?: EncodedBody;

  constructor(
    readonly seq: bigint,
    items: QueueItem[],
  ) {
    this.body = { seq: jsonSeq(seq), items };
  }

  get encoded(): EncodedBody {
    return (this.encodedBody ??= new EncodedBody(this.body));
  }

  // the list one reader is shown: all of it, or, on a view that withholds each item from one
  // person (issue 21), all but theirs
  bodyFor(view: QueueView, userId: string): QueueSnapshot {
    if (!view.withheldFrom) return this.body;
    return {
      seq: this.body.seq,
      items: this.body.items.filter((item) => view.withheldFrom?.(item) !== userId),
    };
  }
}

// the reads of one view: the one under way, and the one gathered to begin as it ends
export class ViewReads {
  private current?: Promise<SharedSnapshot>;
  private next?: Promise<SharedSnapshot>;

  constructor(private readonly read: () => Promise<SharedSnapshot>) {}

  // any read under way will do: a subscriber is sent every event after the snapshot's seq, so
  // a read begun just before it asked is as good as its own
  joined(): Promise<SharedSnapshot> {
    return this.current ?? this.next ?? this.start();
  }

  // a read begun after this call (a REST reader sees its own writes): while one is under way,
  // the next, shared by all who ask meanwhile, begins as it ends
  fresh(): Promise<SharedSnapshot> {
    if (!this.current) return this.next ?? this.start();
    return (this.next ??= this.current
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.start();
      }));
  }

  private start(): Promise<SharedSnapshot> {
    const read = Promise.resolve().then(this.read);
    this.current = read;
    const done = () => {
      if (this.current === read) this.current = undefined;
    };
    read.then(done, done);
    return read;
  }
}

// a morning shift reconnecting at once asks for the same long list hundreds of times: they
// share one query and one encoding. Nothing is kept after a read is answered, so no list is
// served from a cache that a later change has made stale.
@Injectable()
export class QueueSnapshots {
  private readonly views = new Map<string, ViewReads>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  // for a socket subscriber (an agency view's: for the subscriber's agency)
  shared(view: QueueView, agencyId?: string): Promise<SharedSnapshot> {
    return this.readsOf(view, agencyId).joined();
  }

  // for GET /api/queues/:view
  fresh(view: QueueView, agencyId?: string): Promise<SharedSnapshot> {
    return this.readsOf(view, agencyId).fresh();
  }

  private readsOf(view: QueueView, agencyId: string | undefined): ViewReads {
    const scope = view.audience === 'agency' ? agencyId : undefined;
    const key = scope ? `${view.name}:${scope}` : view.name;
    let reads = this.views.get(key);
    if (!reads) {
      reads = new ViewReads(async () => {
        const { seq, items } = await view.snapshot(this.dataSource.manager, this.clock.now(), scope);
        return new SharedSnapshot(seq, items);
      });
      this.views.set(key, reads);
    }
    return reads;
  }
}
