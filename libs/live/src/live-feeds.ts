import { Injectable } from '@nestjs/common';
import type { Role } from '@app/access';

// a view that is not a queue: a module above this layer (the managers' figures, in
// reporting) registers it, as a domain registers its queues, so the gateway answers a
// subscription to it without knowing the module. Its pushes go out through the dispatcher.
export interface LiveFeed {
  readonly view: string;
  readonly roles: readonly Role[];
  // what a subscriber is answered with: the body and the live seq it is consistent with
  snapshot(): Promise<{ seq: number }>;
}

@Injectable()
export class LiveFeeds {
  private readonly feeds = new Map<string, LiveFeed>();

  register(feed: LiveFeed): void {
    if (this.feeds.has(feed.view)) throw new Error(`live feed ${feed.view} registered twice`);
    this.feeds.set(feed.view, feed);
  }

  get(view: string): LiveFeed | undefined {
    return this.feeds.get(view);
  }
}
