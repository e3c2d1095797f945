import type { EntityManager } from 'typeorm';
import type { Role } from '@app/auth/access';
import type { RagRating, Timeliness } from '@app/core';

// API.md "Queues"
export const QUEUE_VIEW_NAMES = ['screening', 'authorisation', 'triage', 'encompass', 'strategy'] as const;
export type QueueViewName = (typeof QUEUE_VIEW_NAMES)[number];

export interface QueueItem {
  id: string;
  kind: string;
  reference: string;
  childName: string;
  rag: RagRating;
  status: string;
  receivedAt: string;
  dueAt: string;
  timeliness: Timeliness;
  claimedBy?: { id: string; name: string };
  flags: string[];
}

// one queue a module offers: who may see it and how to read it (in queue order)
export interface QueueView {
  readonly name: QueueViewName;
  readonly roles: readonly Role[];
  read(manager: EntityManager, now: Date): Promise<QueueItem[]>;
}
