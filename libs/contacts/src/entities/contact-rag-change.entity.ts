import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RagRating } from '@app/core';

// every rating a contact has had: who, when, why, and the deadline it set
@Entity({ name: 'contact_rag_change' })
export class ContactRagChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ name: 'from_rag', type: 'text', nullable: true })
  fromRag: RagRating | null;

  @Column({ name: 'to_rag', type: 'text' })
  toRag: RagRating;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'changed_by', type: 'uuid' })
  changedBy: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ name: 'decision_due_at', type: 'timestamptz' })
  decisionDueAt: Date;
}
