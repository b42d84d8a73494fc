import { Column, CreateDateColumn, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What every record a workflow writes has: the case, who caused it, when, and the step that wrote
 * it. The step key is unique, so a retried activity finds its record instead of adding another.
 */
export abstract class StepRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Index()
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'step_key', type: 'varchar', length: 120, unique: true })
  stepKey!: string;

  /** The person whose action led to the record; null when a timer did. */
  @Column({ name: 'recorded_by', type: 'varchar', length: 200, nullable: true })
  recordedBy!: string | null;

  @Index()
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
