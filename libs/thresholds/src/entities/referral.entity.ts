import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

// a contact accepted for a social care response (DfE CIN census meaning)
@Entity({ name: 'referral' })
export class ReferralEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId: string;

  @Column({ name: 'referral_date', type: 'date' })
  referralDate: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'primary_need_code', type: 'text' })
  primaryNeedCode: string;

  @Column({ name: 'assessment_due_date', type: 'date' })
  assessmentDueDate: string;

  @Column({ name: 're_referral', type: 'boolean' })
  reReferral: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
