import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A case note (支援記録): what a support worker writes down about the case. The text is personal
 * data and is stored sealed with the municipality's key ring (AES-256-GCM, bound to the case), so
 * a database dump or backup shows who wrote when, never what.
 */
@Entity({ name: 'case_notes' })
@Index(['caseId', 'id'])
export class CaseNoteEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The sealed payload (Temporal's Payload encoding) holding the text. */
  @Column({ type: 'bytea' })
  sealed!: Buffer;

  @Column({ name: 'written_by', type: 'varchar', length: 200 })
  writtenBy!: string;

  @CreateDateColumn({ name: 'written_at', type: 'timestamptz' })
  writtenAt!: Date;
}
