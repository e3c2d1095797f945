interface Waiting<In, Out> {
  input: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

// runs `work` for many callers at once: what is asked for while a run is under way is
// gathered and run together as soon as it ends (at most `max` inputs a run). Every caller gets
// the result of a run that began after it asked, so nothing is older than the request.
export class Gathered<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private running = false;

  constructor(
    private readonly work: (inputs: In[]) => Promise<Out>,
    private readonly max = Number.POSITIVE_INFINITY,
  ) {}

  run(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.waiting.length === 0) return;
    this.running = true;
    const batch = this.waiting.splice(0, this.max);
    void Promise.resolve()
      .then(() => this.work(batch.map((w) => w.input)))
      .then(
        (out) => batch.forEach((w) => w.resolve(out)),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        this.running = false;
        this.next();
      });
  }
}
