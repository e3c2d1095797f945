// runs one step at a time, never two at once: when woken (a wake while a step runs runs it once
// more after it, so nothing woken for is missed), on a poll (for what no wake announced), and
// again at once while a step says there is more. A failed step waits for the next wake or poll.
export class SerialWorker {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly step: () => Promise<boolean>,
    private readonly pollMs: number,
    private readonly failed: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
  }

  // resolves when no step is running (a test's or a shutdown's wait)
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.idle();
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        while (!this.stopped && (await this.step()));
      } catch (error) {
        this.failed(error);
        return;
      }
    } while (this.again && !this.stopped);
  }
}
