import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DomainError, ErrorCode, QUALITY_POLICY, WorkingCalendar, type QualityPolicySchema } from '@app/core';
import { LeaderJobs, type LeaderJob } from '@app/live';
import { weekDue } from '../policy/audit-schedule';
import { DrawAuditSample } from '../use-cases/draw-audit-sample';

// issue 21 item 3: the weekly draw, run by the ticker's leader. Once a week's moment has come
// (config/quality.yml audits.draw) it draws that week, or finds it drawn (by a manager, or by an
// instance that led before): either way the week is done and later ticks cost nothing.
@Injectable()
export class WeeklyAuditDraw implements LeaderJob, OnModuleInit {
  readonly name = 'weekly quality audit draw';
  private readonly logger = new Logger(WeeklyAuditDraw.name);
  private done?: string;

  constructor(
    private readonly jobs: LeaderJobs,
    private readonly draw: DrawAuditSample,
    private readonly calendar: WorkingCalendar,
    @Inject(QUALITY_POLICY) private readonly quality: QualityPolicySchema,
  ) {}

  onModuleInit(): void {
    this.jobs.register(this);
  }

  async run(now: Date): Promise<void> {
    const week = weekDue(this.calendar, this.quality.audits.draw, now);
    if (!week || week === this.done) return;
    try {
      const drawn = await this.draw.execute(null, { weekStarting: week });
      this.logger.log(`drew the week starting ${week}: ${drawn.items.length} decisions to audit`);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === ErrorCode.CONFLICT)) throw error;
    }
    this.done = week;
  }
}
