import { Injectable } from '@nestjs/common';

// work one instance of the cluster does on the clock (issue 21: the weekly audit draw): the
// escalation ticker's leader runs every job at each tick; a job keeps its own note of what it
// has done, so a tick that finds nothing due costs no query
export interface LeaderJob {
  readonly name: string;
  run(now: Date): Promise<void>;
}

@Injectable()
export class LeaderJobs {
  private readonly jobs: LeaderJob[] = [];

  register(job: LeaderJob): void {
    this.jobs.push(job);
  }

  all(): readonly LeaderJob[] {
    return this.jobs;
  }
}
