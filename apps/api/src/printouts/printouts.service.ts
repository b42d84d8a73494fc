import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiEnvironment } from '@sss/config';
import { mayPrintCase } from '@sss/domain';
import {
  AssessmentEntity,
  CaseEntity,
  HouseholdEntity,
  MeetingEntity,
  PlanEntity,
} from '@sss/persistence';
import { AgencyRegister } from '../agencies/agency-register';
import type { RequestContext } from '../auth/request-context';
import { CasesService } from '../cases/cases.service';
import { HouseholdFacts, PlanFacts, planSheet } from './plan-sheet';
import { summarySheet } from './summary-sheet';

/** The case papers, rendered from the stored records of the case the caller may print. */
@Injectable()
export class PrintoutsService {
  constructor(
    private readonly env: ApiEnvironment,
    private readonly cases: CasesService,
    private readonly agencies: AgencyRegister,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async plan(ctx: RequestContext, caseId: string): Promise<Buffer> {
    const row = await this.printable(ctx, caseId);
    const [household, plan, assessment] = await Promise.all([
      this.household(caseId),
      this.latestPlan(row),
      this.assessment(caseId),
    ]);
    if (!plan) {
      throw new ConflictException(
        'the case has no plan yet: draft it first (POST /v1/cases/{id}/plan)',
      );
    }
    return planSheet(this.env.PRINTOUT_FONT_FILE, {
      caseId,
      household,
      fields: row.fields,
      issueTags: row.issueTags,
      needs: assessment?.needs ?? [],
      plan,
      printedAt: new Date(),
    });
  }

  async summary(ctx: RequestContext, caseId: string): Promise<Buffer> {
    const row = await this.printable(ctx, caseId);
    const [view, household, plan, assessment, meetings, names] = await Promise.all([
      this.cases.view(row),
      this.household(caseId),
      this.latestPlan(row),
      this.assessment(caseId),
      this.db.getRepository(MeetingEntity).find({ where: { caseId }, order: { id: 'ASC' } }),
      this.agencyNames(row.municipality),
    ]);
    return summarySheet(this.env.PRINTOUT_FONT_FILE, {
      caseId,
      programme: row.programme,
      stage: view.stage,
      referredAt: row.createdAt,
      referringAgency: names.get(row.referringAgency) ?? row.referringAgency,
      household,
      summary: row.summary,
      fields: row.fields,
      issueTags: row.issueTags,
      assessment: assessment && { summary: assessment.summary, needs: assessment.needs },
      plan,
      meetings: meetings.map((m) => ({
        kind: m.kind,
        occasion: m.occasion,
        outcome: m.outcome,
        at: m.scheduledAt ?? m.recordedAt,
      })),
      openTasks: (view.workflow.openTasks ?? []).map((t) => ({
        name: t.name,
        dueAt: t.dueAt,
        overdue: t.overdue,
      })),
      printedAt: new Date(),
    });
  }

  private printable(ctx: RequestContext, caseId: string): Promise<CaseEntity> {
    return this.cases.scoped(ctx, caseId, 'case.print', (stored) =>
      mayPrintCase(ctx.actor, stored),
    );
  }

  private async household(caseId: string): Promise<HouseholdFacts> {
    const household = await this.db.getRepository(HouseholdEntity).findOne({
      where: { id: caseId },
      relations: { members: true },
      order: { members: { position: 'ASC' } },
    });
    return {
      name: household?.name ?? '',
      address: household?.address ?? null,
      members: (household?.members ?? []).map(({ name, relation, age, isPerson }) => ({
        name,
        relation,
        age,
        isPerson,
      })),
    };
  }

  private async latestPlan(row: CaseEntity): Promise<PlanFacts | null> {
    const plan = await this.db
      .getRepository(PlanEntity)
      .findOne({ where: { caseId: row.id }, order: { version: 'DESC' } });
    if (!plan) return null;
    const names = await this.agencyNames(row.municipality);
    return {
      version: plan.version,
      goals: plan.goals,
      direction: plan.direction,
      roleNotes: plan.roleNotes,
      monitoringInterval: plan.monitoringInterval,
      agencies: plan.agencies.map((code) => ({ code, name: names.get(code) ?? code })),
      draftedAt: plan.recordedAt,
    };
  }

  private assessment(caseId: string): Promise<AssessmentEntity | null> {
    return this.db
      .getRepository(AssessmentEntity)
      .findOne({ where: { caseId }, order: { id: 'DESC' } });
  }

  private async agencyNames(municipality: string): Promise<Map<string, string>> {
    return new Map((await this.agencies.list(municipality)).map((a) => [a.code, a.name]));
  }
}
