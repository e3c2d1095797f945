import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '@app/access';

// what a police force or partner agency sees of something it sent: its status, not the
// social care detail (API.md: a partner sees only status and outcome)
export interface SubmissionItem {
  id: string;
  kind: 'CONTACT' | 'DA_NOTIFICATION';
  reference: string;
  status: string;
  receivedAt: string;
  outcome?: string;
}

// who may hear of it: users of this role in this agency
export interface SubmissionAudience {
  agencyId: string;
  role: Role;
}

export interface SubmissionSource {
  readonly kind: SubmissionItem['kind'];
  // the role whose agency sends these (PARTNER: contacts; POLICE: DA notifications)
  readonly role: Role;
  readOne(manager: EntityManager, id: string): Promise<{ agencyId: string; item: SubmissionItem } | null>;
  // the agency's recent submissions, newest first
  list(manager: EntityManager, agencyId: string): Promise<SubmissionItem[]>;
}

@Injectable()
export class SubmissionSources {
  private readonly sources = new Map<SubmissionItem['kind'], SubmissionSource>();

  register(source: SubmissionSource): void {
    this.sources.set(source.kind, source);
  }

  get(kind: SubmissionItem['kind']): SubmissionSource | undefined {
    return this.sources.get(kind);
  }

  forRole(role: Role): SubmissionSource[] {
    return [...this.sources.values()].filter((s) => s.role === role);
  }
}
