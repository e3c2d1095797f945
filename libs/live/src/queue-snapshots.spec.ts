import { SharedSnapshot, ViewReads } from './queue-snapshots';

describe('ViewReads', () => {
  // a read that ends when told to; `reads` counts the view's SQL
  const harness = () => {
    const pending: (() => void)[] = [];
    let reads = 0;
    const view = new ViewReads(() => {
      const seq = BigInt(++reads);
      return new Promise<SharedSnapshot>((resolve) =>
        pending.push(() => resolve(new SharedSnapshot(seq, []))),
      );
    });
    const settle = () => new Promise((r) => setImmediate(r));
    const finish = async () => {
      await settle();
      pending.shift()?.();
      await settle();
    };
    return { view, finish, settle, reads: () => reads };
  };

  it('should give every subscriber asking while a read is under way that one read', async () => {
    const h = harness();
    const answers = Array.from({ length: 50 }, () => h.view.joined());
    await h.finish();
    const snapshots = await Promise.all(answers);
    expect(h.reads()).toBe(1);
    expect(new Set(snapshots).size).toBe(1);
  });

  it('should keep nothing after a read: the next subscriber gets a new one', async () => {
    const h = harness();
    const first = h.view.joined();
    await h.finish();
    const second = h.view.joined();
    await h.finish();
    expect((await first).seq).toBe(1n);
    expect((await second).seq).toBe(2n);
  });

  it('should give a fresh reader a read begun after it asked, shared with the fresh readers after it', async () => {
    const h = harness();
    const under = h.view.joined();
    await h.settle();
    const fresh = [h.view.fresh(), h.view.fresh()];
    // a subscriber may join the gathered read too
    const joined = h.view.joined();
    await h.finish();
    expect((await under).seq).toBe(1n);
    await h.finish();
    expect((await Promise.all(fresh)).map((s) => s.seq)).toEqual([2n, 2n]);
    expect((await joined).seq).toBe(1n);
    expect(h.reads()).toBe(2);
  });

  it('should encode the body once, on first use, with seq as a number', () => {
    const snapshot = new SharedSnapshot(12n, []);
    expect(snapshot.body).toEqual({ seq: 12, items: [] });
    expect(snapshot.encoded).toBe(snapshot.encoded);
    expect(snapshot.encoded.text).toBe('{"seq":12,"items":[]}');
  });
});
