import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import { Clock, DomainError, QUALITY_POLICY, WorkingCalendar, type QualityPolicySchema } from '@app/core';
import { Journal } from '@app/live';
import { monthsBefore } from '../metrics/metrics-math';
import {
  auditFigures,
  boomerangTrend,
  flaggedScreeners,
  nfaOnRedAmber,
  screenerMixes,
  teamMix,
  twelveMonthsTo,
} from './consistency-rules';
import type { ConsistencyDto, ConsistencyQueryDto } from './consistency.dto';
import { auditRecords, boomerangFigures, boomerangMonths, decisionTallies } from './consistency.projection';

const DEFAULT_DAYS = 90;

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
    const from = query.from ?? this.calendar.addDays(to, -DEFAULT_DAYS);
    if (from > to) throw DomainError.validation([{ field: 'from', message: 'must be on or before to' }]);
    const until = this.calendar.endOfDay(to);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // the period's local days as instants: from the first's start to the last's end
      const start = this.calendar.startOfDay(from);
      const tallies = await decisionTallies(manager, start, until);
      const zone = this.calendar.zone;
      const months = twelveMonthsTo(to);
      const closures = await boomerangMonths(
        manager,
        this.calendar.startOfDay(`${months[0]}-01`),
        until,
        zone,
        this.quality.boomerang,
      );
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
        audits: auditFigures(await auditRecords(manager, start, until, now, zone)),
        boomerangTrend: boomerangTrend(months, closures),
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
