import type { QualityGrade } from '../policy/referral-quality';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionOutcome } from '@app/core';
import type { ReferrerOutcome } from '../policy/threshold-rules';

export const DECISION_STATUSES = ['DECIDED', 'AWAITING_AUTHORISATION', 'APPROVED', 'REJECTED'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export interface Acknowledgement {
  recipient: { name: string; organisation: string };
  outcome: ReferrerOutcome;
  recordedAt: string;
}

@Entity({ name: 'threshold_decision' })
export class ThresholdDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'text' })
  outcome: DecisionOutcome;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ name: 'primary_need_code', type: 'text', nullable: true })
  primaryNeedCode: string | null;

  @Column({ type: 'text', array: true })
  factors: string[];

  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;

  @Column({ type: 'boolean' })
  overridden: boolean;

  // issue 18: why the decision did not wait for the partner agencies' open requests
  @Column({ name: 'open_requests_reason', type: 'text', nullable: true })
  openRequestsReason: string | null;

  // issue 18 item 4: the screener's grade of what the referrer sent, and what it lacked
  @Column({ name: 'quality_grade', type: 'text', nullable: true })
  qualityGrade: QualityGrade | null;

  @Column({ name: 'quality_reasons', type: 'text', array: true, default: () => "'{}'" })
  qualityReasons: string[];

  @Column({ name: 'decided_by', type: 'uuid' })
  decidedBy: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  @Column({ name: 'within_timescale', type: 'boolean' })
  withinTimescale: boolean;

  @Column({ name: 'minutes_taken', type: 'integer' })
  minutesTaken: number;

  @Column({ type: 'text' })
  status: DecisionStatus;

  @Column({ name: 'authorisation_reasons', type: 'jsonb' })
  authorisationReasons: { code: string; text: string }[];

  @Column({ name: 'authorised_by', type: 'uuid', nullable: true })
  authorisedBy: string | null;

  @Column({ name: 'authorised_at', type: 'timestamptz', nullable: true })
  authorisedAt: Date | null;

  @Column({ name: 'authorisation_comment', type: 'text', nullable: true })
  authorisationComment: string | null;

  @Column({ type: 'jsonb', nullable: true })
  acknowledgement: Acknowledgement | null;
}
