import { LiveView } from './live';

interface Item {
  id: string;
  rag: string;
  dueAt: string;
}

const order = (a: Item, b: Item) => a.dueAt.localeCompare(b.dueAt);
const item = (id: string, dueAt = `2026-12-02T1${id}:00:00Z`): Item => ({ id, rag: 'RED', dueAt });
const ids = (view: LiveView<Item, unknown>) => view.get().items?.map((i) => i.id);

// API.md "Live" / CONSOLE.md 4: the snapshot, then changes in seq order, then catch-up
describe('LiveView (one live view of the console)', () => {
  it('should take the snapshot, then apply upserts and removes in seq order, in the server’s order', () => {
    const view = new LiveView<Item, unknown>('screening', order);
    expect(view.get().items).toBeUndefined();
    view.answered({ seq: 10, items: [item('2'), item('1')] });
    expect(ids(view)).toEqual(['1', '2']);
    expect(view.get().connected).toBe(true);
    view.change({ view: 'screening', seq: 11, op: 'upsert', item: item('3') });
    view.change({ view: 'screening', seq: 12, op: 'remove', item: item('1') });
    view.change({ view: 'screening', seq: 13, op: 'upsert', item: item('2', '2026-12-02T19:00:00Z') });
    expect(ids(view)).toEqual(['3', '2']);
    expect(view.lastSeq()).toBe(13);
  });

  it('should ignore what it has seen (a replay overlapping the stream) and other views’ changes', () => {
    const view = new LiveView<Item, unknown>('screening', order);
    view.answered({ seq: 10, items: [item('1')] });
    view.change({ view: 'screening', seq: 10, op: 'remove', item: item('1') });
    view.change({ view: 'screening', seq: 9, op: 'upsert', item: item('9') });
    view.change({ view: 'triage', seq: 11, op: 'upsert', item: item('5') });
    expect(ids(view)).toEqual(['1']);
    expect(view.lastSeq()).toBe(10);
    expect(view.get().version).toBe(0);
  });

  it('should catch up after a reconnect from the missed events, with no doubles, keeping what it had', () => {
    const view = new LiveView<Item, unknown>('screening', order);
    view.answered({ seq: 10, items: [item('1')] });
    view.change({ view: 'screening', seq: 11, op: 'upsert', item: item('2') });
    view.disconnected();
    expect(view.get().connected).toBe(false);
    expect(ids(view)).toEqual(['1', '2']);
    // the ack to subscribe { sinceSeq: 11 }: one event seen already (an overlap), two new
    view.answered({
      seq: 14,
      events: [
        { view: 'screening', seq: 11, op: 'upsert', item: item('2') },
        { view: 'screening', seq: 12, op: 'upsert', item: item('3') },
        { view: 'screening', seq: 14, op: 'remove', item: item('1') },
      ],
    });
    expect(ids(view)).toEqual(['2', '3']);
    expect(view.lastSeq()).toBe(14);
    expect(view.get().connected).toBe(true);
    expect(view.get().version).toBe(3); // 11, 12, 14: each change counted once
  });

  it('should move to the ack’s seq when no event of its own was missed, and replace everything on a fresh snapshot', () => {
    const view = new LiveView<Item, unknown>('screening', order);
    view.answered({ seq: 10, items: [item('1')] });
    view.answered({ seq: 20, events: [] });
    expect(view.lastSeq()).toBe(20);
    view.change({ view: 'screening', seq: 15, op: 'upsert', item: item('7') });
    expect(ids(view)).toEqual(['1']);
    // too far behind: the server answers a snapshot, which replaces the list
    view.answered({ seq: 30, items: [item('4')] });
    expect(ids(view)).toEqual(['4']);
    expect(view.lastSeq()).toBe(30);
  });

  it('should replace a feed’s figures, taking fresh figures at the same seq but never older ones', () => {
    const view = new LiveView<Item, { open: number }>('metrics', order);
    view.answered({ seq: 5, metrics: { open: 1 } });
    expect(view.get().figures).toEqual({ open: 1 });
    view.change({ seq: 5, item: undefined as never, metrics: { open: 2 } });
    expect(view.get().figures).toEqual({ open: 2 });
    view.change({ seq: 4, item: undefined as never, metrics: { open: 9 } });
    expect(view.get().figures).toEqual({ open: 2 });
    view.change({ seq: 6, item: undefined as never, metrics: { open: 3 } });
    expect(view.get().figures).toEqual({ open: 3 });
  });

  it('should say so when the role may not see the list', () => {
    const view = new LiveView<Item, unknown>('metrics', order);
    view.answered({ error: { code: 'FORBIDDEN' } });
    expect(view.get().error).toBe('You cannot see this list');
    expect(view.get().items).toBeUndefined();
  });

  it('should tell its listeners of every change it applies, and stop when they leave', () => {
    const view = new LiveView<Item, unknown>('screening', order);
    const heard = jest.fn();
    const leave = view.listen(heard);
    view.answered({ seq: 1, items: [] });
    view.change({ view: 'screening', seq: 2, op: 'upsert', item: item('1') });
    expect(heard).toHaveBeenCalledTimes(2);
    leave();
    view.change({ view: 'screening', seq: 3, op: 'upsert', item: item('2') });
    expect(heard).toHaveBeenCalledTimes(2);
  });
});
