import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@app/access';
import {
  Clock,
  DomainError,
  ErrorCode,
  QUALITY_POLICY,
  TimelinessClock,
  WorkingCalendar,
  type QualityPolicySchema,
} from '@app/core';
import { Journal } from '@app/live';
import type { AuditDrawResultDto, DrawAuditSampleDto } from '../dto/quality-audit.dto';
import { weekProblem } from '../policy/audit-schedule';
import { drawSample } from '../policy/audit-sample';
import {
  decisionsBetween,
  insertDraw,
  insertItems,
  itemsOfDraw,
} from '../quality-audits/quality-audits.repository';

export type DrawAuditSampleCommand = DrawAuditSampleDto;

// issue 21 item 3 (decision 0034): a week's dip sample, drawn once. The weekly draw (no user:
// the ticker's leader) and a manager's draw of a past week are the same use case; a second draw
// of a week is refused by the unique week, whoever asks first. The seed is made here, after
// the week has ended, and recorded with the whole population in the draw and the audit trail.
@Injectable()
export class DrawAuditSample {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly timeliness: TimelinessClock,
    @Inject(QUALITY_POLICY) private readonly quality: QualityPolicySchema,
  ) {}

  async execute(
    user: AuthenticatedUser | null,
    { weekStarting }: DrawAuditSampleCommand,
  ): Promise<AuditDrawResultDto> {
    const now = this.clock.now();
    const problem = weekProblem(this.calendar, weekStarting, this.calendar.localDate(now));
    if (problem) throw DomainError.validation([{ field: 'weekStarting', message: problem }]);
    const { sample, dueWorkingDays } = this.quality.audits;
    const seed = randomBytes(16).toString('hex');
    const dueAt = this.calendar.addWorkingDays(now, dueWorkingDays);
    return this.dataSource.transaction(async (manager) => {
      const population = await decisionsBetween(
        manager,
        this.calendar.startOfDay(weekStarting),
        this.calendar.startOfDay(this.calendar.addDays(weekStarting, 7)),
      );
      const drawId = await insertDraw(manager, {
        weekStarting,
        seed,
        sample,
        population: population.map((d) => d.decisionId),
        drawnAt: now,
        drawnBy: user?.id ?? null,
        dueAt,
      });
      if (!drawId)
        throw new DomainError(
          ErrorCode.CONFLICT,
          `The week starting ${weekStarting} has been drawn already.`,
        );
      const contactOf = new Map(population.map((d) => [d.decisionId, d.contactId]));
      const drawn = drawSample(seed, population, sample).map((d, i) => ({
        ...d,
        contactId: contactOf.get(d.decisionId) as string,
        position: i + 1,
      }));
      const ids = await insertItems(
        manager,
        drawId,
        { drawnAt: now, dueAt, nextTransitionAt: this.timeliness.nextTransitionAt(now, now, dueAt) },
        drawn,
      );
      this.journal.write(
        manager,
        user,
        {
          action: 'QUALITY_AUDIT_DRAWN',
          entityType: 'quality_audit_draw',
          entityId: drawId,
          details: {
            weekStarting,
            seed,
            share: sample.share ?? null,
            perScreener: sample.perScreener ?? null,
            minimumPerScreener: sample.minimumPerScreener,
            population: population.length,
            drawn: ids.length,
            scheduled: user === null,
          },
        },
        ids.map((id) => ({ type: 'quality-audit.drawn', entity: 'quality_audit', id, created: true })),
      );
      const items = await itemsOfDraw(manager, drawId);
      return {
        id: drawId,
        seed,
        items: items.map((i) => ({
          id: i.id,
          contactId: i.contact_id,
          reference: i.reference,
          decidedBy: { id: i.decided_by, name: i.decided_by_name },
        })),
      };
    });
  }
}
