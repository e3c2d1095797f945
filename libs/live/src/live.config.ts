import { registerAs } from '@nestjs/config';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { parseBooleanSetting, readEnv, validateConfig } from '@app/core';

class LiveEnv {
  // how long missed events are kept for reconnecting clients (then they get a snapshot)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  LIVE_RETENTION_HOURS: number = 24;

  // the safety net under NOTIFY: how often each instance looks for events it was not told of
  @IsInt()
  @Min(50)
  @Max(60_000)
  LIVE_POLL_MS: number = 1000;

  // how often each instance's sequencer looks for committed audit rows and live events it was
  // not woken for (another instance's, one that died before sequencing its own): the bound on
  // how long a row waits for its chain position and seq (decision 0031)
  @IsInt()
  @Min(20)
  @Max(1000)
  LIVE_SEQUENCE_POLL_MS: number = 200;

  // how often the ticker looks for timeliness transitions (API.md: pushed within 5 s)
  @IsInt()
  @Min(100)
  @Max(5000)
  LIVE_TICK_MS: number = 1000;

  // more missed events than this and a reconnecting client gets a fresh snapshot instead
  @IsInt()
  @Min(1)
  LIVE_MAX_REPLAY: number = 1000;

  // the ticker leader's jobs on the clock (issue 21: the weekly quality audit draw); the test
  // suites turn them off, bar the one that tests them
  @Transform(({ obj }: { obj: Record<string, unknown> }) => parseBooleanSetting(obj.LIVE_LEADER_JOBS) ?? true)
  @IsBoolean({ message: 'must be true or false' })
  LIVE_LEADER_JOBS: boolean = true;
}

export const liveConfig = registerAs('live', () => {
  const env = validateConfig(
    'live',
    LiveEnv,
    readEnv([
      'LIVE_RETENTION_HOURS',
      'LIVE_POLL_MS',
      'LIVE_SEQUENCE_POLL_MS',
      'LIVE_TICK_MS',
      'LIVE_MAX_REPLAY',
      'LIVE_LEADER_JOBS',
    ]),
  );
  return {
    retentionHours: env.LIVE_RETENTION_HOURS,
    pollMs: env.LIVE_POLL_MS,
    sequencePollMs: env.LIVE_SEQUENCE_POLL_MS,
    tickMs: env.LIVE_TICK_MS,
    maxReplay: env.LIVE_MAX_REPLAY,
    leaderJobs: env.LIVE_LEADER_JOBS,
  };
});
