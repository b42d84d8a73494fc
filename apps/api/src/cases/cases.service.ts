import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { Repository } from 'typeorm';
import { ApiEnvironment } from '@sss/config';
import {
  caseWorkflowId,
  mayReadCase,
  mayReferCase,
  Referral,
  supportMeetingAgencies,
} from '@sss/domain';
import { CaseEntity } from '@sss/persistence';
import { caseRegisteredUpdate, caseStatusQuery, caseWorkflow } from '@sss/workflows/client';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/request-context';
import { CaseView, CaseWorkflowView } from './dto/case-view.dto';
import { ReferCaseDto } from './dto/refer-case.dto';

@Injectable()
export class CasesService {
  constructor(
    private readonly temporal: Client,
    private readonly env: ApiEnvironment,
    private readonly audit: AuditService,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
  ) {}

  /**
   * Starts the case's workflow, or finds the one already running for this id, and returns once the
   * case is stored: a retried referral never makes a second case.
   */
  async refer(ctx: RequestContext, dto: ReferCaseDto): Promise<CaseView> {
    await this.audit.enforce(ctx, 'case.refer', mayReferCase(ctx.actor, dto.municipality), {
      caseId: dto.id,
      municipality: dto.municipality,
    });
    const referral: Referral = {
      caseId: dto.id,
      municipality: dto.municipality,
      programme: dto.programme,
      fields: dto.fields,
      referringAgency: dto.referringAgency,
      householdName: dto.householdName,
      summary: dto.summary,
      supportMeetingAgencies: supportMeetingAgencies(
        dto.referringAgency,
        dto.supportMeetingAgencies,
      ),
      referredBy: ctx.actor.id,
    };
    const start = new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
      workflowId: caseWorkflowId(dto.id),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [referral],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    try {
      await this.temporal.workflow.executeUpdateWithStart(caseRegisteredUpdate, {
        startWorkflowOperation: start,
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ConflictException(`case ${dto.id} exists and is already closed`);
      }
      throw error;
    }
    return this.view(dto.id);
  }

  async get(ctx: RequestContext, id: string): Promise<CaseView> {
    const row = await this.cases.findOneBy({ id });
    if (!row) throw new NotFoundException(`case ${id} not found`);
    await this.audit.enforce(ctx, 'case.read', mayReadCase(ctx.actor, row), {
      caseId: id,
      municipality: row.municipality,
    });
    return this.view(id, row);
  }

  private async view(id: string, row?: CaseEntity): Promise<CaseView> {
    const stored = row ?? (await this.cases.findOneByOrFail({ id }));
    return { ...stored, workflow: await this.workflowView(id) };
  }

  private async workflowView(id: string): Promise<CaseWorkflowView> {
    const workflowId = caseWorkflowId(id);
    const handle = this.temporal.workflow.getHandle(workflowId);
    try {
      const { status } = await handle.describe();
      const stage =
        status.name === 'RUNNING' ? (await handle.query(caseStatusQuery)).stage : undefined;
      return { workflowId, status: status.name, stage };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { workflowId, status: 'NOT_FOUND' };
      throw error;
    }
  }
}
