// runs one step at a time, never two at once: when woken (a wake while a step runs runs it once
// more after it, so nothing woken for is missed), on a poll (for what no wake announced), and
// again at once while a step says there is more. A failed step waits for the next wake or poll.
// With `delayMs`, a wake runs that much later, and the wakes meanwhile with it: fewer, larger
// steps, for work that may wait a little.
export class SerialWorker {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private delayed?: NodeJS.Timeout;

  constructor(
    private readonly step: () => Promise<boolean>,
    private readonly pollMs: number,
    private readonly failed: (error: unknown) => void,
    private readonly delayMs = 0,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.now(), this.pollMs);
    this.timer.unref();
    this.now();
  }

  wake(): void {
    if (this.stopped || this.delayed) return;
    if (this.delayMs > 0) {
      this.delayed = setTimeout(() => {
        this.delayed = undefined;
        this.now();
      }, this.delayMs);
      return;
    }
    this.now();
  }

  // a step at once (or after the one running), whatever the delay
  now(): void {
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
    clearTimeout(this.delayed);
    this.delayed = undefined;
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
