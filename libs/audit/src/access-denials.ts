import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/core';
import { AuditService, type AuditActor } from './audit.service';

export interface AccessDenial {
  actor: AuditActor;
  // the method and route pattern, never the url (no query string, no values)
  route: string;
  status: 403 | 404;
  entityId?: string;
}

const WINDOW_MS = 60_000;
// a flood of distinct keys in one window is still bounded in memory
const MAX_KEYS_PER_WINDOW = 10_000;

// OWASP ASVS 5.0 16.3.2: failed authorisation is recorded, as ACCESS_DENIED in the audit trail
// (actor, route, the record where there is one; no personal data). A flood cannot grow the
// append-only trail without limit: at most one row per actor, route and record per minute on
// each instance; the rest are counted and logged when the minute ends
@Injectable()
export class AccessDenials {
  private readonly logger = new Logger('AccessDenied');
  private window = -1;
  private readonly seen = new Map<string, number>();
  private overflow = 0;

  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async record(denial: AccessDenial): Promise<void> {
    const window = Math.floor(this.clock.now().getTime() / WINDOW_MS);
    if (window !== this.window) this.roll(window);
    const key = `${denial.actor.id} ${denial.route} ${denial.entityId ?? ''}`;
    const count = this.seen.get(key);
    if (count !== undefined) {
      this.seen.set(key, count + 1);
      return;
    }
    if (this.seen.size >= MAX_KEYS_PER_WINDOW) {
      this.overflow += 1;
      return;
    }
    this.seen.set(key, 0);
    this.logger.warn(
      { actorId: denial.actor.id, route: denial.route, status: denial.status },
      'access denied',
    );
    await this.audit.recordAlone(denial.actor, {
      action: 'ACCESS_DENIED',
      entityType: 'route',
      entityId: denial.entityId ?? null,
      details: { route: denial.route, status: denial.status },
    });
  }

  private roll(window: number): void {
    for (const [key, suppressed] of this.seen) {
      if (suppressed === 0) continue;
      const [actorId, method, route] = key.split(' ');
      this.logger.warn(
        { actorId, route: `${method} ${route}`, suppressed },
        'access denied again in the same minute (not audited again)',
      );
    }
    if (this.overflow > 0)
      this.logger.warn(
        { suppressed: this.overflow },
        'access denials over the per-minute bound (not audited)',
      );
    this.seen.clear();
    this.overflow = 0;
    this.window = window;
  }
}
