import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContactCategory, RagRating } from '@app/core';

export const CONTACT_STATUSES = ['RECEIVED', 'IN_SCREENING', 'AWAITING_AUTHORISATION', 'DECIDED'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export type ConsentStatus = 'GIVEN' | 'NOT_SOUGHT' | 'REFUSED' | 'OVERRIDDEN';

export interface Referrer {
  name: string;
  organisation: string;
  role?: string;
  phone?: string;
  email?: string;
}

@Entity({ name: 'contact' })
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'origin_agency_id', type: 'uuid' })
  originAgencyId: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ type: 'jsonb' })
  referrer: Referrer;

  // the child as the referrer described them, kept apart from the matched child record
  @Column({ name: 'child_reported', type: 'jsonb' })
  childReported: Record<string, string | string[] | boolean | undefined>;

  @Column({ type: 'text' })
  concerns: string;

  @Column({ type: 'text', array: true })
  categories: ContactCategory[];

  @Column({ type: 'boolean' })
  injury: boolean;

  @Column({ name: 'immediate_risk', type: 'boolean' })
  immediateRisk: boolean;

  @Column({ name: 'consent_status', type: 'text' })
  consentStatus: ConsentStatus;

  @Column({ name: 'consent_reason', type: 'text', nullable: true })
  consentReason: string | null;

  @Column({ name: 'suggested_rag', type: 'text' })
  suggestedRag: RagRating;

  @Column({ name: 'rag_reasons', type: 'text', array: true })
  ragReasons: string[];

  @Column({ type: 'text' })
  rag: RagRating;

  @Column({ name: 'decision_due_at', type: 'timestamptz' })
  decisionDueAt: Date;

  @Column({ type: 'text' })
  status: ContactStatus;

  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'prior_contacts_12m', type: 'integer' })
  priorContacts12m: number;

  @Column({ name: 'prior_referrals_12m', type: 'integer' })
  priorReferrals12m: number;

  // the threshold decision's outcome once it is in force
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  // issue 21 (decision 0033): the child's earlier contact closed at the front door
  // (config/quality.yml) within the window before this one arrived, and the whole days between
  @Column({ name: 'returned_after_contact_id', type: 'uuid', nullable: true })
  returnedAfterContactId: string | null;

  @Column({ name: 'returned_after_days', type: 'integer', nullable: true })
  returnedAfterDays: number | null;

  // the police domestic-abuse notification this contact was made from, at triage
  @Column({ name: 'da_notification_id', type: 'uuid', nullable: true })
  daNotificationId: string | null;

  // when the clock alone next changes its timeliness (null: never again)
  @Column({ name: 'next_transition_at', type: 'timestamptz', nullable: true })
  nextTransitionAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
