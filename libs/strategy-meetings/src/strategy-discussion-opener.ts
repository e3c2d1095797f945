import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TimelinessClock } from '@app/core';
import { insertDiscussion } from './strategy-discussion.repository';

export interface DiscussionToOpen {
  contactId: string;
  dueAt: Date;
  now: Date;
  // a threshold decision with outcome STRATEGY_DISCUSSION
  decisionId?: string;
  // a manager's escalation of a contact already decided
  startedBy?: string;
  startReason?: string;
}

// the one way a strategy discussion comes to be, for this module's escalation and for a
// threshold decision put into force: due at `dueAt`, its queue clock running from `now`.
// Null when the contact has a discussion open already.
@Injectable()
export class StrategyDiscussionOpener {
  constructor(private readonly timeliness: TimelinessClock) {}

  open(manager: EntityManager, d: DiscussionToOpen): Promise<{ id: string; due_at: Date } | null> {
    return insertDiscussion(manager, {
      contactId: d.contactId,
      decisionId: d.decisionId,
      startedBy: d.startedBy,
      startReason: d.startReason,
      dueAt: d.dueAt,
      createdAt: d.now,
      nextTransitionAt: this.timeliness.nextTransitionAt(d.now, d.now, d.dueAt),
    });
  }
}
