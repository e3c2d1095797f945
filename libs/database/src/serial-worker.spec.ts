import { SerialWorker } from './serial-worker';

const tick = () => new Promise((r) => setImmediate(r));

// the sequencer's driver (decision 0031): one step at a time, nothing woken for is missed
describe('SerialWorker', () => {
  const steps = (results: boolean[] = []) => {
    let running = 0;
    let most = 0;
    let release: (() => void) | undefined;
    const step = jest.fn(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((r) => (release = r));
      running -= 1;
      return results.shift() ?? false;
    });
    return { step, most: () => most, release: () => release?.() };
  };

  it('should run one step at a time, and once more after a step for the wakes during it', async () => {
    const s = steps();
    const worker = new SerialWorker(s.step, 60_000, jest.fn());
    worker.now();
    worker.now();
    worker.now();
    await tick();
    expect(s.step).toHaveBeenCalledTimes(1);
    s.release();
    await tick();
    await tick();
    // the two wakes while it ran are one more step, not two
    expect(s.step).toHaveBeenCalledTimes(2);
    s.release();
    await worker.idle();
    expect(s.step).toHaveBeenCalledTimes(2);
    expect(s.most()).toBe(1);
  });

  it('should go on at once while a step says there is more', async () => {
    const s = steps([true, true, false]);
    const worker = new SerialWorker(s.step, 60_000, jest.fn());
    worker.now();
    for (let i = 0; i < 3; i += 1) {
      await tick();
      s.release();
    }
    await worker.idle();
    expect(s.step).toHaveBeenCalledTimes(3);
  });

  it('should stop after a failed step until the next wake, and report the failure', async () => {
    const failed = jest.fn();
    const step = jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(false);
    const worker = new SerialWorker(step, 60_000, failed);
    worker.now();
    await worker.idle();
    expect(failed).toHaveBeenCalledWith(expect.objectContaining({ message: 'down' }));
    expect(step).toHaveBeenCalledTimes(1);
    worker.now();
    await worker.idle();
    expect(step).toHaveBeenCalledTimes(2);
  });

  it('should gather the wakes of its delay into one step', async () => {
    jest.useFakeTimers();
    try {
      const step = jest.fn().mockResolvedValue(false);
      const worker = new SerialWorker(step, 60_000, jest.fn(), 50);
      worker.wake();
      worker.wake();
      jest.advanceTimersByTime(49);
      expect(step).not.toHaveBeenCalled();
      worker.wake();
      jest.advanceTimersByTime(1);
      expect(step).toHaveBeenCalledTimes(1);
      await worker.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('should poll, and do nothing once stopped', async () => {
    jest.useFakeTimers();
    try {
      const step = jest.fn().mockResolvedValue(false);
      const worker = new SerialWorker(step, 200, jest.fn());
      worker.start();
      expect(step).toHaveBeenCalledTimes(1);
      await Promise.resolve();
      await worker.idle();
      jest.advanceTimersByTime(200);
      expect(step).toHaveBeenCalledTimes(2);
      await worker.stop();
      jest.advanceTimersByTime(1000);
      worker.wake();
      worker.now();
      expect(step).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
