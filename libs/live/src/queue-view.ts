import type { EntityManager } from 'typeorm';
import type { Role } from '@app/access';
import type { RagRating, Timeliness } from '@app/core';

// API.md "Queues"
export const QUEUE_VIEW_NAMES = [
  'screening',
  'authorisation',
  'triage',
  'encompass',
  'strategy',
  // issue 18: an agency's open information requests (a view per agency: audience 'agency')
  'information-requests',
  // issue 21: the weekly dip-sample audits (managers; never shown to the decider: withheldFrom)
  'quality-audit',
] as const;
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
  // a DA notification's: the force that sent it and its risk assessment (triage queue)
  force?: string;
  riskTool?: string;
  riskLevel?: string;
  // an Encompass notice's school, when the police named one, and its notification (encompass queue)
  school?: string;
  notificationId?: string;
  // when a strategy discussion is to be held, once scheduled (strategy queue)
  scheduledFor?: string;
  // an information request's questions (information-requests queue)
  questions?: string;
  // a quality audit's contact, who made the decision audited and its outcome (quality-audit queue)
  contactId?: string;
  decidedBy?: { id: string; name: string };
  outcome?: string;
}

// what a queue's items are: the entity (by the name its owner gives it, e.g. its table) whose
// id an item carries. A change to an entity is projected onto every queue that shows it.
export type LiveEntity = string;

// one queue a module offers: who may see it, how to read it (in queue order), and how to
// read one entity's item in it (null: not on this queue), for live changes
export interface QueueView {
  readonly name: QueueViewName;
  // the entity it shows: a change to one of them is read again on this queue (upsert or remove)
  readonly entity: LiveEntity;
  readonly roles: readonly Role[];
  // 'agency' (issue 18): each agency sees only its own items; the list is read for one agency
  // and each change goes only to that agency's subscribers (agenciesOf names it)
  readonly audience?: 'agency';
  // the one person an item is never shown to, if any (issue 21: the decider of an audited
  // decision); every reader of the view is sent the list and changes without their own
  withheldFrom?(item: QueueItem): string | undefined;
  read(manager: EntityManager, now: Date, agencyId?: string): Promise<QueueItem[]>;
  // the list and the seq of the last live event it reflects, from one snapshot
  snapshot(
    manager: EntityManager,
    now: Date,
    agencyId?: string,
  ): Promise<{ seq: bigint; items: QueueItem[] }>;
  // the items of these entities that are on the queue, by entity id, in one read (the sequencer's)
  readMany(manager: EntityManager, ids: string[], now: Date): Promise<Map<string, QueueItem>>;
  // an agency view's: the agency each entity's item belongs to, whether or not it is on the
  // queue, by entity id, in one read (an id with none is absent)
  agenciesOf?(manager: EntityManager, ids: string[]): Promise<Map<string, string>>;
}

// what one committed change did to one queue
export interface QueueChange {
  view: QueueViewName;
  op: 'upsert' | 'remove';
  item: QueueItem | { id: string };
  // an agency view's change: only that agency's subscribers are told (never sent itself)
  agencyId?: string;
  // the one subscriber this change is not sent to (the view's withheldFrom; never sent itself)
  withheldFrom?: string;
}

// a change to announce: the entity that changed (every queue showing it is read again: the
// registry knows which) and, when it is something a police force or partner sent, its kind
// (they hear of its status)
export interface LiveChangeRef {
  type: string;
  entity: LiveEntity;
  id: string;
  submission?: 'CONTACT' | 'DA_NOTIFICATION';
  // the entity was made by this change: it was on no queue before, so a queue it is not on now
  // is told nothing (no `remove` of an item no subscriber has)
  created?: boolean;
}

// an entity whose place on its queues changes with the clock alone (ON_TRACK -> DUE_SOON ->
// OVERDUE): the ticker asks it for the ones due now; it moves their next transition on
export interface TimedSource {
  // the entity whose items move: its queues are the ones showing it
  readonly entity: LiveEntity;
  takeDue(manager: EntityManager, now: Date, limit: number): Promise<string[]>;
}
