import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Listener } from '@app/database';
import { authConfig } from '../auth.config';
import {
  endLapsedSessions,
  openSessionIds,
  touchSession,
  type OpenSession,
  type SessionEndReason,
} from './session.repository';
import { AuthClock } from '../auth-clock';

export const SESSION_ENDED_CHANNEL = 'frontdoor_session_ended';

export interface SessionEnded {
  sessionId: string;
  reason: string;
}

interface Cached {
  session: OpenSession;
  // when this instance last had the database confirm (and touch) it
  checkedAt: number;
}

// bounds the cache on an instance with very many distinct sessions; an evicted one is
// simply checked against the database again
const MAX_CACHED = 50_000;

// issue 14 item 3: every request and socket is checked against its server-side session. The
// check is a map lookup: the database is asked (and last seen written) at most once per
// SESSION_RECHECK_SECONDS per session, and an ended session is dropped at once on every
// instance: ending it fires NOTIFY (a trigger on auth_session), which every instance LISTENs
// for. Losing the LISTEN connection empties the cache (whatever was missed is asked again) and
// sweeps the sessions live sockets hold (as a timer also does, for idle and expired ones).
@Injectable()
export class SessionRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRegistry.name);
  private readonly cache = new Map<string, Cached>();
  private readonly endedListeners: ((ended: SessionEnded) => void)[] = [];
  // sessions held open by something other than requests (live sockets), with how many hold each
  private readonly watched = new Map<string, number>();
  private sweepTimer?: NodeJS.Timeout;
  private readonly listener: Listener;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: AuthClock,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {
    this.listener = new Listener(dataSource, 'front-door-sessions', SESSION_ENDED_CHANNEL, {
      notified: (payload) => {
        const [sessionId, reason] = payload.split(' ');
        if (sessionId) this.announce({ sessionId, reason: reason ?? 'ENDED' });
      },
      // anything ended while we were not listening
      listening: () => this.resync(),
      lost: () => this.cache.clear(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.sweepTimer = setInterval(() => void this.sweep(), this.config.sessionRecheckSeconds * 1000);
    this.sweepTimer.unref();
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.listener.stop();
  }

  // the session if it is still good, else undefined (and, if it lapsed, it is ended for good)
  async check(sessionId: string): Promise<OpenSession | undefined> {
    const now = this.clock.now();
    const nowMs = now.getTime();
    const cached = this.cache.get(sessionId);
    if (
      cached &&
      nowMs - cached.checkedAt < this.config.sessionRecheckSeconds * 1000 &&
      cached.session.expiresAt.getTime() > nowMs
    ) {
      return cached.session;
    }
    const session = await touchSession(this.dataSource, sessionId, now, this.config.sessionIdleSeconds);
    if (!session) {
      this.cache.delete(sessionId);
      const lapsed = await endLapsedSessions(
        this.dataSource,
        [sessionId],
        now,
        this.config.sessionIdleSeconds,
      );
      const reason = lapsed.get(sessionId);
      if (reason) this.announce({ sessionId, reason });
      return undefined;
    }
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(sessionId, { session, checkedAt: nowMs });
    return session;
  }

  // a live socket holds its session: it is swept for the idle timeout and lifetime (a socket
  // does not keep a session alive), and for an end whose NOTIFY was missed
  watch(sessionId: string): void {
    this.watched.set(sessionId, (this.watched.get(sessionId) ?? 0) + 1);
  }

  unwatch(sessionId: string): void {
    const holders = (this.watched.get(sessionId) ?? 0) - 1;
    if (holders > 0) this.watched.set(sessionId, holders);
    else this.watched.delete(sessionId);
  }

  // the watched sessions no longer good are ended (if they lapsed) and announced
  async sweep(): Promise<void> {
    const ids = [...this.watched.keys()];
    if (ids.length === 0) return;
    const now = this.clock.now();
    try {
      const open = await openSessionIds(this.dataSource, ids, now, this.config.sessionIdleSeconds);
      const gone = ids.filter((id) => !open.has(id));
      if (gone.length === 0) return;
      const lapsed = await endLapsedSessions(this.dataSource, gone, now, this.config.sessionIdleSeconds);
      for (const sessionId of gone) this.announce({ sessionId, reason: lapsed.get(sessionId) ?? 'ENDED' });
    } catch (error) {
      this.logger.warn(`session sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // called by whoever ended sessions, once their transaction has committed: this instance
  // need not wait for its own NOTIFY
  ended(sessionIds: string[], reason: SessionEndReason): void {
    for (const sessionId of sessionIds) this.announce({ sessionId, reason });
  }

  onEnded(listener: (ended: SessionEnded) => void): void {
    this.endedListeners.push(listener);
  }

  private announce(ended: SessionEnded): void {
    this.cache.delete(ended.sessionId);
    for (const listener of this.endedListeners) listener(ended);
  }

  private resync(): void {
    this.cache.clear();
    void this.sweep();
  }
}
