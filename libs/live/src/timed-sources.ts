import { Injectable } from '@nestjs/common';
import type { TimedSource } from './queue-view';

@Injectable()
export class TimedSources {
  private readonly sources: TimedSource[] = [];

  register(source: TimedSource): void {
    this.sources.push(source);
  }

  all(): readonly TimedSource[] {
    return this.sources;
  }
}
