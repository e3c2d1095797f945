import type { QueueChange } from './queue-view';
import type { SubmissionItem } from './submissions';

// per view, the queue.changed payload a client receives (seq: a JSON number, API.md "Live")
export interface QueueChangedMessage extends QueueChange {
  seq: number;
}

export interface SubmissionChangedMessage {
  seq: number;
  item: SubmissionItem;
}

// the managers' figures and the seq they are consistent with; their shape is the metrics
// module's (GET /api/metrics), this layer only carries them
export interface MetricsChangedMessage {
  seq: number;
  metrics: object;
}

// every event the server emits on /live, and its payload (API.md "Live"): the one list, as
// immich's ClientEventMap, so an event name and its payload cannot drift apart
export interface LiveEventMap {
  'queue.changed': QueueChangedMessage;
  'submission.changed': SubmissionChangedMessage;
  'metrics.changed': MetricsChangedMessage;
}

export type LiveEventName = keyof LiveEventMap;

// one message to emit: an event of the map with its own payload
export type LiveMessage<E extends LiveEventName = LiveEventName> = {
  [K in E]: { event: K; message: LiveEventMap[K] };
}[E];

// the map as socket.io types a server's emits
export type LiveServerEvents = { [K in LiveEventName]: (message: LiveEventMap[K]) => void };
