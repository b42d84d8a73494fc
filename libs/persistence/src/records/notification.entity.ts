import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A reminder, overdue notice or escalation in someone's inbox: a person (the assigned
 * coordinator), an agency (staff of the agencies the plan gives a role) or a role of the
 * municipality (managers). It names the case and the task, never the household.
 */
@Entity({ name: 'notifications' })
@Index(['recipientKind', 'recipient', 'municipality', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** The notice's key and its recipient: a retried delivery finds its row. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 300, unique: true })
  dedupeKey!: string;

  @Index()
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 64 })
  municipality!: string;

  /** One of NOTICE_KINDS. */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ name: 'recipient_kind', type: 'varchar', length: 16 })
  recipientKind!: 'person' | 'agency' | 'role';

  @Column({ type: 'varchar', length: 200 })
  recipient!: string;

  @Column({ name: 'element_id', type: 'varchar', length: 100 })
  elementId!: string;

  @Column({ name: 'task_name', type: 'varchar', length: 200, nullable: true })
  taskName!: string | null;

  /** When the task falls due; for an invitation or event reminder, when the meeting is. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  level!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 200, nullable: true })
  acknowledgedBy!: string | null;
}
