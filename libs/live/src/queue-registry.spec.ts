import { QueueRegistry } from './queue-registry';
import type { QueueView, QueueViewName } from './queue-view';

const view = (name: QueueViewName, entity: string): QueueView =>
  ({ name, entity, roles: [], read: jest.fn(), snapshot: jest.fn(), readMany: jest.fn() }) as QueueView;

// issue 13 item 3: which queues hear of a change is the registry's answer, not a list at the change
describe('QueueRegistry', () => {
  it('should name every queue that shows an entity, in registration order', () => {
    const registry = new QueueRegistry();
    registry.register(view('screening', 'contact'));
    registry.register(view('triage', 'da_notification'));
    registry.register(view('authorisation', 'contact'));
    expect(registry.showing('contact').map((v) => v.name)).toEqual(['screening', 'authorisation']);
    expect(registry.showing('da_notification').map((v) => v.name)).toEqual(['triage']);
    expect(registry.showing('referral')).toEqual([]);
  });

  it('should refuse a queue registered twice', () => {
    const registry = new QueueRegistry();
    registry.register(view('screening', 'contact'));
    expect(() => registry.register(view('screening', 'contact'))).toThrow(
      'queue view screening registered twice',
    );
  });
});
