import { Gathered } from './gathered';

describe('Gathered', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('should run the first input alone and gather what is asked for meanwhile into the next run', async () => {
    const runs: number[][] = [];
    const first = deferred();
    const work = new Gathered<number, number>(async (inputs) => {
      runs.push(inputs);
      if (runs.length === 1) await first.promise;
      return runs.length;
    });
    const answers = [work.run(1), work.run(2), work.run(3)];
    await new Promise((r) => setImmediate(r));
    expect(runs).toEqual([[1]]);
    first.resolve();
    expect(await Promise.all(answers)).toEqual([1, 2, 2]);
    expect(runs).toEqual([[1], [2, 3]]);
  });

  it('should run at most `max` inputs at a time', async () => {
    const runs: number[][] = [];
    const work = new Gathered<number, void>(async (inputs) => {
      runs.push(inputs);
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => work.run(n)));
    expect(runs).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('should fail every input of a failed run, and run the next regardless', async () => {
    let calls = 0;
    const work = new Gathered<number, string>(async () => {
      calls += 1;
      if (calls === 1) throw new Error('no database');
      return 'ok';
    });
    const [a, b] = [work.run(1), work.run(2)];
    await expect(a).rejects.toThrow('no database');
    await expect(b).resolves.toBe('ok');
  });
});
