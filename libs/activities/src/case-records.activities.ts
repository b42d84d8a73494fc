import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';
import { caseIdOfWorkflow, Referral, Variables } from '@sss/domain';
import {
  AssessmentEntity,
  CaseEndingEntity,
  CaseEntity,
  ConsentEntity,
  ContactEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  MeetingEntity,
  MonitoringEntity,
  ParticipationEntity,
  PlanEntity,
  TimelineEntryEntity,
} from '@sss/persistence';
import type { ProcessActivities, StepContext } from '@sss/workflows/process/process-activities';

/** The type of the failure of a record the database refuses for what it holds. */
export const RECORD_REFUSED = 'RecordRefused';
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * A record the database refuses for its data (SQLSTATE class 22, data exception: a value the
 * column cannot hold; class 23, integrity constraint violation) is refused again on every
 * retry: the step fails at once instead of retrying for ever. The message names the rule and the
 * column, never the value (it goes into the workflow history). All else is retried: a connection
 * lost, a deadlock, and a foreign key (23503) whose row may yet be written (the case's own).
 */
export function refusedRecord(error: unknown): ApplicationFailure | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const { code, column, constraint } = error.driverError as {
    code?: string;
    column?: string;
    constraint?: string;
  };
  if (typeof code !== 'string' || !/^2[23]/.test(code) || code === FOREIGN_KEY_VIOLATION) {
    return undefined;
  }
  const where = column ?? constraint;
  return ApplicationFailure.create({
    type: RECORD_REFUSED,
    message: `the database refuses the record (SQLSTATE ${code}${where ? `, ${where}` : ''})`,
    nonRetryable: true,
  });
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/**
 * Writes the case records service tasks name. Every write is keyed by its step (the unique
 * `step_key`), so a retried activity, or one whose worker died after the commit, finds its rows
 * instead of adding others; each step's record and timeline entry commit together.
 */
@Injectable()
export class CaseRecordsActivities implements ProcessActivities {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async recordReferral(input: Variables, ctx: StepContext): Promise<Variables> {
    const referral = input.referral as Referral;
    // The start step has no actor of its own: the referral is the referring person's doing.
    const by = { ...ctx, by: ctx.by ?? referral.referredBy };
    return this.step(by, 'referred', { programme: referral.programme }, async (tx, caseId) => {
      await tx
        .createQueryBuilder()
        .insert()
        .into(CaseEntity)
        .values({
          id: caseId,
          municipality: referral.municipality,
          programme: referral.programme,
          fields: referral.fields,
          issueTags: referral.issueTags ?? [],
          referringAgency: referral.referringAgency,
          householdName: referral.householdName,
          summary: referral.summary ?? null,
          stage: 'consent',
          supportMeetingAgencies: referral.supportMeetingAgencies,
          assignedCoordinator: referral.assignedCoordinator ?? null,
          processDefinition: referral.processDefinition ?? null,
          createdBy: referral.referredBy,
        })
        .orIgnore()
        .execute();
      await tx
        .createQueryBuilder()
        .insert()
        .into(HouseholdEntity)
        .values({ id: caseId, name: referral.householdName, address: referral.address ?? null })
        .orIgnore()
        .execute();
      const members = (referral.members ?? []).map((m, position) => ({
        householdId: caseId,
        position,
        name: m.name,
        relation: m.relation,
        age: m.age ?? null,
        isPerson: m.isPerson ?? false,
      }));
      if (members.length) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(HouseholdMemberEntity)
          .values(members)
          .orIgnore()
          .execute();
      }
      return {};
    });
  }

  async recordConsent(input: Variables, ctx: StepContext): Promise<Variables> {
    const kind = String(input.kind);
    const status = String(input.status);
    return this.step(ctx, `consent.${kind}`, { status }, async (tx, caseId, stepKey) => {
      await this.insert(tx, ConsentEntity, caseId, stepKey, ctx, {
        kind,
        status,
        planVersion: int(input.planVersion),
        note: text(input.note),
      });
      if (kind === 'information_sharing') {
        await tx.update(CaseEntity, { id: caseId }, { consentGiven: status === 'given' });
      }
      return {};
    });
  }

  async recordAssessment(input: Variables, ctx: StepContext): Promise<Variables> {
    return this.step(ctx, 'assessed', {}, async (tx, caseId, stepKey) => {
      await this.insert(tx, AssessmentEntity, caseId, stepKey, ctx, {
        summary: String(input.summary ?? ''),
        needs: list(input.needs),
      });
      return {};
    });
  }

  /** Stores the next plan version and returns its number (the same one when retried). */
  async recordPlan(input: Variables, ctx: StepContext): Promise<Variables> {
    const agencies = list(input.agencies);
    let version = 0;
    await this.step(
      ctx,
      'plan.drafted',
      () => ({ version }),
      async (tx, caseId, stepKey) => {
        const existing = await tx.findOneBy(PlanEntity, { stepKey });
        if (existing) {
          version = existing.version;
          return {};
        }
        // The case row is the lock that keeps two steps from taking the same version.
        await tx.query('SELECT 1 FROM "cases" WHERE "id" = $1 FOR UPDATE', [caseId]);
        const [{ max }] = await tx.query(
          'SELECT COALESCE(MAX("version"), 0) AS max FROM "plans" WHERE "case_id" = $1',
          [caseId],
        );
        version = Number(max) + 1;
        await this.insert(tx, PlanEntity, caseId, stepKey, ctx, {
          version,
          goals: String(input.goals ?? ''),
          direction: text(input.direction),
          agencies,
          roleNotes: text(input.roleNotes),
          monitoringInterval: String(input.monitoringInterval),
          contactInterval: String(input.contactInterval),
        });
        await tx.update(CaseEntity, { id: caseId }, { planAgencies: agencies });
        return {};
      },
    );
    return { version };
  }

  async recordMeeting(input: Variables, ctx: StepContext): Promise<Variables> {
    const detail = {
      kind: String(input.kind),
      occasion: String(input.occasion),
      outcome: String(input.outcome),
      approvedPlanVersion: int(input.approvedPlanVersion),
      communityIssueFound: text(input.communityIssue) !== null,
    };
    return this.step(ctx, 'meeting.held', detail, async (tx, caseId, stepKey) => {
      await this.insert(tx, MeetingEntity, caseId, stepKey, ctx, {
        kind: detail.kind,
        occasion: detail.occasion,
        outcome: detail.outcome,
        scheduledAt: typeof input.scheduledAt === 'string' ? new Date(input.scheduledAt) : null,
        attendees: list(input.attendees),
        decision: text(input.decision),
        approvedPlanVersion: detail.approvedPlanVersion,
        communityIssue: text(input.communityIssue),
      });
      return {};
    });
  }

  async recordMonitoring(input: Variables, ctx: StepContext): Promise<Variables> {
    const next = String(input.next);
    return this.step(ctx, 'monitored', { next }, async (tx, caseId, stepKey) => {
      await this.insert(tx, MonitoringEntity, caseId, stepKey, ctx, {
        planVersion: int(input.planVersion),
        note: String(input.note ?? ''),
        next,
      });
      return {};
    });
  }

  async recordContact(input: Variables, ctx: StepContext): Promise<Variables> {
    const kind = String(input.kind);
    const channel = text(input.channel);
    return this.step(ctx, `contact.${kind}`, { channel }, async (tx, caseId, stepKey) => {
      await this.insert(tx, ContactEntity, caseId, stepKey, ctx, {
        kind,
        channel,
        note: text(input.note),
      });
      return {};
    });
  }

  async recordCaseEnding(input: Variables, ctx: StepContext): Promise<Variables> {
    const kind = String(input.kind);
    return this.step(
      ctx,
      kind === 'closure' ? 'closed' : 'suspended',
      {},
      async (tx, caseId, stepKey) => {
        await this.insert(tx, CaseEndingEntity, caseId, stepKey, ctx, {
          kind,
          reason: text(input.reason),
        });
        await tx.update(
          CaseEntity,
          { id: caseId },
          { status: kind === 'closure' ? 'closed' : 'suspended' },
        );
        return {};
      },
    );
  }

  async recordReopening(_input: Variables, ctx: StepContext): Promise<Variables> {
    return this.step(ctx, 'reopened', {}, async (tx, caseId) => {
      await tx.update(CaseEntity, { id: caseId }, { status: 'open' });
      return {};
    });
  }

  async recordParticipation(input: Variables, ctx: StepContext): Promise<Variables> {
    const event = String(input.event);
    const resourceKind = String(input.resourceKind);
    return this.step(
      ctx,
      `participation.${event}`,
      { resourceKind },
      async (tx, caseId, stepKey) => {
        await this.insert(tx, ParticipationEntity, caseId, stepKey, ctx, {
          event,
          resource: String(input.resource ?? ''),
          resourceKind,
          note: text(input.note),
        });
        return {};
      },
    );
  }

  /** One step in one transaction: its records, then its timeline entry (skipped when present). */
  private async step(
    ctx: StepContext,
    event: string,
    detail: Record<string, unknown> | (() => Record<string, unknown>),
    write: (tx: EntityManager, caseId: string, stepKey: string) => Promise<Variables>,
  ): Promise<Variables> {
    const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
    const caseId = caseIdOfWorkflow(workflowId);
    if (!caseId) {
      throw ApplicationFailure.nonRetryable(`workflow ${workflowId} is not a case`, 'NotACase');
    }
    try {
      return await this.db.transaction(async (tx) => {
        const result = await write(tx, caseId, ctx.step);
        await this.insert(tx, TimelineEntryEntity, caseId, ctx.step, ctx, {
          event,
          detail: typeof detail === 'function' ? detail() : detail,
        });
        return result;
      });
    } catch (error) {
      throw refusedRecord(error) ?? error;
    }
  }

  private async insert<T extends ObjectLiteral>(
    tx: EntityManager,
    entity: EntityTarget<T>,
    caseId: string,
    stepKey: string,
    ctx: StepContext,
    values: Record<string, unknown>,
  ): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values({ ...values, caseId, stepKey, recordedBy: ctx.by ?? null } as never)
      .orIgnore()
      .execute();
  }
}
