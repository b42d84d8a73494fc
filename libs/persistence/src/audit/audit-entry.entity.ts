import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One read or write of case data, or a refused attempt: who (id, kind, roles, municipality), what
 * (action, case), when and in which request. Append-only: the database refuses updates and deletes.
 * It holds no case content.
 */
@Entity({ name: 'audit_log' })
@Index(['municipality', 'occurredAt'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Index()
  @Column({ name: 'actor_id', type: 'varchar', length: 200 })
  actorId!: string;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind!: 'person' | 'service';

  @Column({ name: 'actor_roles', type: 'varchar', array: true, length: 32 })
  actorRoles!: string[];

  /** The actor's municipality. */
  @Column({ type: 'varchar', length: 64 })
  municipality!: string;

  /** The case's municipality, so its auditors also see attempts from outside. */
  @Column({ name: 'case_municipality', type: 'varchar', length: 64, nullable: true })
  caseMunicipality!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Index()
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: 'allowed' | 'denied';

  @Column({ name: 'request_id', type: 'varchar', length: 100 })
  requestId!: string;
}
