import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { In, Repository } from 'typeorm';
import { releasedDefinitions } from '@sss/definitions';
import { caseIdOfWorkflow, caseWorkflowId, equals, mayMigrateCases } from '@sss/domain';
import { CaseEntity } from '@sss/persistence';
import { migrateUpdate, MigrationRequest, migrationCheckQuery } from '@sss/workflows/client';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/request-context';
import { CaseClients } from '../temporal/case-clients';
import { queryOnLiveWorker } from '../temporal/query-retry';
import {
  MigratedCaseView,
  MigrationRequestDto,
  MigrationView,
  MOST_MIGRATED,
} from './dto/migration.dto';

/**
 * Moves running cases to another released definition version: a deliberate act of an
 * administrator, on the cases of their own municipality only. Each case's process checks and
 * makes the move itself (docs/process-versioning.md); one audit row per case moved.
 */
@Injectable()
export class MigrationsService {
  private readonly registry = releasedDefinitions();

  constructor(
    private readonly temporal: CaseClients,
    private readonly audit: AuditService,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
  ) {}

  async migrate(ctx: RequestContext, dto: MigrationRequestDto): Promise<MigrationView> {
    await this.audit.enforce(ctx, 'case.migrate', mayMigrateCases(ctx.actor));
    if ((dto.caseIds === undefined) === (dto.filter === undefined)) {
      throw new BadRequestException('give either caseIds or filter, not both');
    }
    if (!this.registry.versions(dto.definition).includes(dto.version)) {
      throw new BadRequestException(`definition ${dto.definition}@${dto.version} is not released`);
    }
    const request: MigrationRequest = {
      target: this.registry.pinByHash(dto.definition, dto.version),
      mapping: dto.mapping,
      by: ctx.actor.id,
    };
    const ids = dto.caseIds
      ? [...new Set(dto.caseIds)]
      : await this.runningOn(ctx, dto.filter!.runningOn);
    // The stored row decides: another municipality's case is the same "no such case" as none.
    const own = new Set(
      (
        await this.cases.find({
          select: { id: true },
          where: { id: In(ids), municipality: ctx.actor.municipality },
        })
      ).map((c) => c.id),
    );
    const results: MigratedCaseView[] = [];
    for (const id of ids) {
      results.push(own.has(id) ? await this.move(ctx, id, request, dto.dryRun) : unknown(id));
    }
    return { dryRun: dto.dryRun, target: request.target.root, cases: results };
  }

  /** Open cases of the caller's municipality whose process runs on the definition. */
  private async runningOn(ctx: RequestContext, key: string): Promise<string[]> {
    const query = [
      equals('Municipality', ctx.actor.municipality),
      equals('ProcessDefinition', key),
      `ExecutionStatus = 'Running'`,
    ].join(' AND ');
    const ids: string[] = [];
    for await (const wf of this.temporal
      .for(ctx.actor.municipality)
      .workflow.list({ query, pageSize: MOST_MIGRATED })) {
      const id = caseIdOfWorkflow(wf.workflowId);
      if (id && wf.workflowId === caseWorkflowId(id)) ids.push(id);
      if (ids.length >= MOST_MIGRATED) break;
    }
    return ids;
  }

  private async move(
    ctx: RequestContext,
    id: string,
    request: MigrationRequest,
    dryRun: boolean,
  ): Promise<MigratedCaseView> {
    const { municipality } = ctx.actor;
    const handle = this.temporal.for(municipality).workflow.getHandle(caseWorkflowId(id));
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') {
      return { id, from: null, canMove: false, moved: false, reasons: ['the case is not open'] };
    }
    const check = await queryOnLiveWorker(() => handle.query(migrationCheckQuery, request));
    const view = {
      id,
      from: check.from,
      canMove: check.canMove,
      moved: false,
      reasons: check.reasons,
    };
    if (dryRun || !check.canMove) return view;
    try {
      await handle.executeUpdate(migrateUpdate, { args: [request] });
    } catch (error) {
      // It changed between the check and the move (a step taken): it says why, nothing moved.
      const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
      if (!(cause instanceof ApplicationFailure)) throw error;
      return { ...view, canMove: false, reasons: [cause.message] };
    }
    await this.audit.enforce(
      ctx,
      'case.migrate',
      { allowed: true, reason: `moved from ${check.from} to ${check.to}` },
      { caseId: id, municipality },
    );
    return { ...view, moved: true };
  }
}

function unknown(id: string): MigratedCaseView {
  return { id, from: null, canMove: false, moved: false, reasons: ['no such case'] };
}
