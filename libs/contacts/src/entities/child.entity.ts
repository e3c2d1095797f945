import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'child' })
export class ChildEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'nhs_number', type: 'char', length: 10, nullable: true })
  nhsNumber: string | null;

  @Column({ name: 'first_name', type: 'text' })
  firstName: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName: string;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ name: 'expected_date_of_birth', type: 'date', nullable: true })
  expectedDateOfBirth: string | null;

  @Column({ type: 'char', length: 1, nullable: true })
  sex: 'M' | 'F' | 'U' | null;

  @Column({ type: 'text', nullable: true })
  ethnicity: string | null;

  @Column({ type: 'text', nullable: true })
  postcode: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  school: string | null;

  // CIN census disability codes (decision 0027); empty when not known
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  disabilities: string[];

  @Column({ type: 'char', length: 13, nullable: true })
  upn: string | null;

  @Column({ name: 'first_language', type: 'text', nullable: true })
  firstLanguage: string | null;

  @Column({ name: 'interpreter_needed', type: 'boolean', nullable: true })
  interpreterNeeded: boolean | null;

  // issue 19: open to the council's children's social care from this date (its case system's word)
  @Column({ name: 'open_to_social_care_since', type: 'date', nullable: true })
  openToSocialCareSince: string | null;

  // issue 19: the LAchildID the returns name the child by (given by the database)
  @Column({ name: 'la_child_id', type: 'text', insert: false, update: false })
  laChildId: string;

  // issue 19: the child's id in the council's case-management system, when it gives one
  @Column({ name: 'case_system_id', type: 'text', nullable: true })
  caseSystemId: string | null;

  // decision 0028: a merged duplicate's tombstone names the record it was merged into
  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto: string | null;

  @Column({ name: 'match_key', type: 'text', nullable: true })
  matchKey: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
