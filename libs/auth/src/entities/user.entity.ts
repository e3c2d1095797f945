import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@app/access';
import { AgencyEntity } from './agency.entity';

@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity)
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_app_user_agency' })
  agency?: AgencyEntity;

  // null for a SYSTEM user (a partner system's identity, issue 14 item 5)
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  // null until the user sets one with their setup code; always null for a SYSTEM user
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'text', default: 'PERSON' })
  kind: 'PERSON' | 'SYSTEM';

  @Column({ type: 'boolean' })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
