import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CaseStage, CaseStatusName, Field, Programme } from '@sss/domain';

/** A support case (ケース) as referred to the coordinator. */
@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Looked up through the (municipality, created_at) index, IDX_cases_created_at. */
  @Column({ type: 'varchar', length: 64 })
  municipality!: string;

  @Column({ type: 'varchar', length: 32 })
  programme!: Programme;

  @Column({ type: 'varchar', array: true, length: 32 })
  fields!: Field[];

  @Column({ name: 'referring_agency', type: 'varchar', length: 200 })
  referringAgency!: string;

  /** Personal data (要配慮個人情報): never logged. */
  @Column({ name: 'household_name', type: 'varchar', length: 200 })
  householdName!: string;

  /** Personal data (要配慮個人情報): never logged. */
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  stage!: CaseStage;

  @Column({ name: 'consent_given', type: 'boolean', default: false })
  consentGiven!: boolean;

  @Column({ name: 'support_meeting_agencies', type: 'varchar', array: true, length: 100 })
  supportMeetingAgencies!: string[];

  @Column({ name: 'plan_agencies', type: 'varchar', array: true, length: 100, default: '{}' })
  planAgencies!: string[];

  /** 8050, young_carer, hikikomori, poverty, …: what the household struggles with. */
  @Column({ name: 'issue_tags', type: 'varchar', array: true, length: 32, default: '{}' })
  issueTags!: string[];

  /** The coordinator (a staff id) who owns the case's next step. */
  @Index()
  @Column({ name: 'assigned_coordinator', type: 'varchar', length: 200, nullable: true })
  assignedCoordinator!: string | null;

  /** The office (窓口, an agency code) the case was transferred to; none until a transfer. */
  @Column({ name: 'responsible_agency', type: 'varchar', length: 100, nullable: true })
  responsibleAgency!: string | null;

  /** The definition its process runs on (`id@version`). */
  @Column({ name: 'process_definition', type: 'varchar', length: 100, nullable: true })
  processDefinition!: string | null;

  /** open, closed or suspended. */
  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: CaseStatusName;

  /** Id of the person who referred the case. */
  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
