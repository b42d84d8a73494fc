import { Column, Entity, Index, Unique } from 'typeorm';
import { StepRecord } from './step-record';

/** Consent (本人同意) to share information, or to a plan; a later record may withdraw it. */
@Entity({ name: 'consents' })
export class ConsentEntity extends StepRecord {
  /** information_sharing or plan. */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** given, refused, not_yet or withdrawn. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'plan_version', type: 'int', nullable: true })
  planVersion!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

@Entity({ name: 'assessments' })
export class AssessmentEntity extends StepRecord {
  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'varchar', array: true, length: 200, default: '{}' })
  needs!: string[];
}

/** A support plan version (プラン): each change is a new version, the old ones stay. */
@Entity({ name: 'plans' })
@Unique(['caseId', 'version'])
export class PlanEntity extends StepRecord {
  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  goals!: string;

  @Column({ type: 'text', nullable: true })
  direction!: string | null;

  /** Codes of the agencies the plan gives a role. */
  @Column({ type: 'varchar', array: true, length: 100 })
  agencies!: string[];

  @Column({ name: 'role_notes', type: 'text', nullable: true })
  roleNotes!: string | null;

  @Column({ name: 'monitoring_interval', type: 'varchar', length: 32 })
  monitoringInterval!: string;

  @Column({ name: 'contact_interval', type: 'varchar', length: 32 })
  contactInterval!: string;
}

/** A meeting held for the case and what it decided. */
@Entity({ name: 'meetings' })
@Index(['kind', 'occasion'])
export class MeetingEntity extends StepRecord {
  /** support_meeting, multilayer_meeting, field_meeting or block_meeting. */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** information_sharing, plan_creation, plan_change, termination or suspension. */
  @Column({ type: 'varchar', length: 32 })
  occasion!: string;

  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt!: Date | null;

  @Column({ type: 'varchar', array: true, length: 100, default: '{}' })
  attendees!: string[];

  /** agreed, not_agreed or postponed. */
  @Column({ type: 'varchar', length: 16 })
  outcome!: string;

  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Column({ name: 'approved_plan_version', type: 'int', nullable: true })
  approvedPlanVersion!: number | null;

  /** A missing social resource (地域課題) the meeting found. */
  @Column({ name: 'community_issue', type: 'text', nullable: true })
  communityIssue!: string | null;
}

@Entity({ name: 'monitoring_records' })
export class MonitoringEntity extends StepRecord {
  @Column({ name: 'plan_version', type: 'int', nullable: true })
  planVersion!: number | null;

  @Column({ type: 'text' })
  note!: string;

  /** continue, replan, terminate or suspend. */
  @Column({ type: 'varchar', length: 16 })
  next!: string;
}

/** The contact log: contacts with the person and failed attempts. */
@Entity({ name: 'contacts' })
export class ContactEntity extends StepRecord {
  /** contact or failed_attempt. */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

/** A closure (終結) or a suspension (中断), with its reason. */
@Entity({ name: 'case_endings' })
export class CaseEndingEntity extends StepRecord {
  /** closure or suspension. */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}

/**
 * The case timeline: one entry per recorded event, in order. `detail` holds only codes and
 * numbers (statuses, kinds, versions), never free text, so it can be listed to anyone who may
 * see the case.
 */
@Entity({ name: 'case_timeline' })
@Index(['caseId', 'recordedAt'])
export class TimelineEntryEntity extends StepRecord {
  @Column({ type: 'varchar', length: 64 })
  event!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;
}

/** Participation support (参加支援): a match to a social resource and how settling in goes. */
@Entity({ name: 'participation_records' })
export class ParticipationEntity extends StepRecord {
  /** matched, settling or settled. */
  @Column({ type: 'varchar', length: 16 })
  event!: string;

  /** The firm, group or place. */
  @Column({ type: 'varchar', length: 200 })
  resource!: string;

  @Column({ name: 'resource_kind', type: 'varchar', length: 16 })
  resourceKind!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
