import {
  BadRequestException,
  ConflictException,
  HttpException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApiEnvironment } from '@sss/config';
import {
  caseWorkflowId,
  handoverNotice,
  mayReassignCase,
  reassignmentRefusal,
  transferRefusal,
} from '@sss/domain';
import {
  AgencyEntity,
  AuditEntryEntity,
  CaseEntity,
  CaseNoteEntity,
  TimelineEntryEntity,
} from '@sss/persistence';
import { noticeWorkflowId, type noticeDeliveryWorkflow } from '@sss/workflows/client';
import type { RequestContext } from '../auth/request-context';
import { CasesService } from '../cases/cases.service';
import type { CaseView } from '../cases/dto/case-view.dto';
import { NoteCipher } from '../notes/note-cipher';
import { CaseClients } from '../temporal/case-clients';

/** How long the change waits for Temporal to take its notice before it is refused (a 503). */
const NOTICE_START_DEADLINE_MS = 3000;

/**
 * A case changing hands: to another coordinator (担当替え) or another office (移管). The case row
 * is the one place that says who has it: the process's notices for the coordinator read it at
 * each delivery, so from the change on they go to the new one, with no message to the process.
 * The reason is case data: written as a case note (支援記録, encrypted, attributed) that the
 * timeline entry names, as the timeline holds no free text; never in a Temporal history.
 * The new hands are told as every notice is (inbox, mail, webhook: the worker's deliverNotice),
 * by a notice workflow started before the change commits: a change is stored only with its
 * notice under way, and Temporal being down refuses it whole (503), to be retried.
 */
@Injectable()
export class CaseAssignmentService {
  constructor(
    private readonly cases: CasesService,
    private readonly cipher: NoteCipher,
    private readonly temporal: CaseClients,
    private readonly env: ApiEnvironment,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async reassign(
    ctx: RequestContext,
    id: string,
    coordinator: string,
    reason: string,
  ): Promise<CaseView> {
    const row = await this.cases.scoped(ctx, id, 'case.reassign', (stored) =>
      mayReassignCase(ctx.actor, stored),
    );
    if (!(await this.isCoordinatorOf(row.municipality, coordinator))) {
      throw new BadRequestException([
        `coordinator: '${coordinator}' is no coordinator of the municipality (no one of that id has signed in here as a coordinator)`,
      ]);
    }
    await this.db.transaction(async (tx) => {
      const locked = await this.lock(tx, id);
      const refusal = reassignmentRefusal(locked.assignedCoordinator, coordinator, locked.status);
      if (refusal) throw new ConflictException(`reassignment is not possible: ${refusal}`);
      await tx.update(CaseEntity, { id }, { assignedCoordinator: coordinator });
      await this.record(tx, ctx, locked, reason, {
        event: 'case.reassigned',
        from: locked.assignedCoordinator,
        to: ['person', coordinator],
      });
    });
    return this.cases.view(id);
  }

  async transfer(
    ctx: RequestContext,
    id: string,
    agency: string,
    reason: string,
  ): Promise<CaseView> {
    const row = await this.cases.scoped(ctx, id, 'case.transfer', (stored) =>
      mayReassignCase(ctx.actor, stored),
    );
    const registered = await this.db.getRepository(AgencyEntity).find({
      select: { municipality: true },
      where: { code: agency },
    });
    const home =
      registered.find((a) => a.municipality === row.municipality)?.municipality ??
      registered[0]?.municipality;
    await this.db.transaction(async (tx) => {
      const locked = await this.lock(tx, id);
      const refusal = transferRefusal(locked, agency, home);
      if (refusal) {
        throw new HttpException(
          refusal.status === 400
            ? { statusCode: 400, error: 'Bad Request', message: [refusal.reason] }
            : {
                statusCode: 409,
                error: 'Conflict',
                message: `transfer is not possible: ${refusal.reason}`,
              },
          refusal.status,
        );
      }
      await tx.update(CaseEntity, { id }, { responsibleAgency: agency });
      await this.record(tx, ctx, locked, reason, {
        event: 'case.transferred',
        from: locked.responsibleAgency,
        to: ['agency', agency],
      });
    });
    return this.cases.view(id);
  }

  /**
   * There is no staff register here: the identity provider knows the staff, and tokens say who
   * they are. A coordinator of the municipality is a person who has acted here with that role,
   * as the audit log (which records every request that reached a case) shows.
   */
  private async isCoordinatorOf(municipality: string, staffId: string): Promise<boolean> {
    const seen = await this.db
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.actor_id = :staffId AND a.municipality = :municipality', { staffId, municipality })
      .andWhere("a.actor_kind = 'person' AND 'coordinator' = ANY(a.actor_roles)")
      .andWhere("a.outcome = 'allowed'")
      .getExists();
    return seen;
  }

  /** A change of hands: its reason as a sealed note, its timeline entry, the new hands' notice. */
  private async record(
    tx: EntityManager,
    ctx: RequestContext,
    row: CaseEntity,
    reason: string,
    change: {
      event: 'case.reassigned' | 'case.transferred';
      from: string | null;
      to: ['person' | 'agency', string];
    },
  ): Promise<void> {
    const stepKey = `${change.event === 'case.reassigned' ? 'assignment' : 'transfer'}/${randomUUID()}`;
    const noteId = await this.writeReason(tx, ctx, row, reason);
    await tx.save(
      tx.create(TimelineEntryEntity, {
        caseId: row.id,
        stepKey,
        recordedBy: ctx.actor.id,
        event: change.event,
        detail: { from: change.from, to: change.to[1], reasonNote: noteId },
      }),
    );
    await this.notify(row, stepKey, change.to);
  }

  private async writeReason(
    tx: EntityManager,
    ctx: RequestContext,
    row: CaseEntity,
    reason: string,
  ): Promise<string> {
    const note = await tx.save(
      tx.create(CaseNoteEntity, {
        caseId: row.id,
        sealed: this.cipher.seal(row.municipality, row.id, reason),
        writtenBy: ctx.actor.id,
      }),
    );
    return note.id;
  }

  /** The case row is the lock: two changes of hands at once are taken one after the other. */
  private async lock(tx: EntityManager, id: string): Promise<CaseEntity> {
    const row = await tx.findOne(CaseEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw new NotFoundException();
    return row;
  }

  /**
   * Starts the delivery of the change's notice, keyed by its timeline entry so it is told once,
   * with the client of the case's municipality (its payloads are sealed for it). It runs inside
   * the transaction: the delivery waits for the case row and tells no one if the change was not
   * stored, and a start Temporal did not take fails the change.
   */
  private async notify(
    row: CaseEntity,
    stepKey: string,
    to: ['person' | 'agency', string],
  ): Promise<void> {
    await this.temporal.connection.withDeadline(Date.now() + NOTICE_START_DEADLINE_MS, () =>
      this.temporal
        .for(row.municipality)
        .workflow.start<typeof noticeDeliveryWorkflow>('noticeDeliveryWorkflow', {
          workflowId: noticeWorkflowId(caseWorkflowId(row.id), stepKey),
          taskQueue: this.env.TEMPORAL_TASK_QUEUE,
          args: [handoverNotice(stepKey, to, Date.now())],
        }),
    );
  }
}
