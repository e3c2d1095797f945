import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, QUALITY_POLICY, WorkingCalendar, type QualityPolicySchema } from '@app/core';
import { Journal } from '@app/live';
import { monthsBefore } from '../metrics/metrics-math';
import { flaggedScreeners, nfaOnRedAmber, screenerMixes, teamMix } from './consistency-rules';
import type { ConsistencyDto, ConsistencyQueryDto } from './consistency.dto';
import { boomerangFigures, decisionTallies } from './consistency.projection';

const DEFAULT_DAYS = 90;

// a local date some days before another (plain date arithmetic, no time zone in it)
function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

// GET /api/metrics/consistency (issue 21 items 1 and 2): the outcome mix by screener against
// the team over a period, who differs by more than the margin, and the boomerang rates over the
// 3 and 12 months to the period's end. It names screeners and their judgement: audited.
@Injectable()
export class ViewConsistency {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    @Inject(QUALITY_POLICY) private readonly quality: QualityPolicySchema,
  ) {}

  async execute(user: AuthenticatedUser, query: ConsistencyQueryDto): Promise<ConsistencyDto> {
    const now = this.clock.now();
    const to = query.to ?? this.calendar.localDate(now);
    const from = query.from ?? daysBefore(to, DEFAULT_DAYS);
    if (from > to) throw DomainError.validation([{ field: 'from', message: 'must be on or before to' }]);
    const until = this.calendar.endOfDay(to);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // the period's local days as instants: from the first's start to the last's end
      const tallies = await decisionTallies(manager, this.calendar.startOfDay(from), until);
      const boomerangOver = (months: number) =>
        boomerangFigures(manager, monthsBefore(until, months), until, now, this.quality.boomerang);
      const result: ConsistencyDto = {
        from,
        to,
        rule: { ...this.quality.consistency },
        team: teamMix(tallies),
        teamNfaOnRedAmber: nfaOnRedAmber(tallies),
        screeners: screenerMixes(tallies),
        flagged: flaggedScreeners(tallies, this.quality.consistency),
        boomerangs: {
          windowDays: this.quality.boomerang.windowDays,
          outcomes: [...this.quality.boomerang.outcomes],
          last3Months: await boomerangOver(3),
          last12Months: await boomerangOver(12),
        },
      };
      this.journal.write(manager, user, {
        action: 'CONSISTENCY_VIEWED',
        entityType: 'metrics',
        entityId: 'consistency',
        details: { from, to, screeners: result.screeners.length, flagged: result.flagged.length },
      });
      return result;
    });
  }
}
