import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { caseIdOfWorkflow, type ProcessSnapshot } from '@sss/domain';

/** How long a workflow task waits for its snapshot to be stored before going on without it. */
export const SNAPSHOT_WAIT_MS = 2000;
/** How soon a snapshot the database did not take is tried again, while no newer one comes. */
const RETRY_MS = 5000;
/** Processes whose last stored snapshot this worker remembers, to skip storing it again. */
const REMEMBERED = 10_000;

/** Where a snapshot stands among its process's: later runs, then later tasks of a run, win. */
export interface SnapshotVersion {
  runStartedAt: Date;
  historyLength: number;
}

interface Pending extends SnapshotVersion {
  caseId: string;
  snapshot: ProcessSnapshot;
  print: string;
}

/**
 * Stores what each process says of itself after a workflow task (ProcessSnapshot) in
 * `process_snapshots` and `open_tasks`, for the lists across cases. Called from the workflow's
 * sink before the task completes, so an action's answer is never ahead of the store. Writes of a
 * process go one after the other and only the latest waiting one is written; a write the
 * database does not take (down) is retried in the background until a newer one replaces it, and
 * the process sends its snapshot again on every task. The version guard in SQL keeps an older
 * snapshot (a retry, another worker) from overwriting a newer one.
 */
@Injectable()
export class ProcessSnapshotStore {
  private readonly log = new Logger(ProcessSnapshotStore.name);
  private readonly pending = new Map<string, Pending>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly retrying = new Set<string>();
  private readonly written = new Map<string, string>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(
    workflowId: string,
    version: SnapshotVersion,
    snapshot: ProcessSnapshot,
  ): Promise<void> {
    const caseId = caseIdOfWorkflow(workflowId);
    if (!caseId) return; // not a case's process (a notice delivery): nothing to list
    const print = JSON.stringify(snapshot);
    // Stored already, and nothing else on its way: only the process's first task after a worker
    // starts writes an unchanged snapshot.
    const idle = !this.pending.has(workflowId) && !this.chains.has(workflowId);
    if (idle && this.written.get(workflowId) === print) return;
    this.pending.set(workflowId, { ...version, caseId, snapshot, print });
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, SNAPSHOT_WAIT_MS)));
    await Promise.race([this.flush(workflowId), waited]);
    clearTimeout(timer);
  }

  /** Resolves once nothing is being written for the process (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  private flush(workflowId: string): Promise<void> {
    const next = (this.chains.get(workflowId) ?? Promise.resolve()).then(() =>
      this.writePending(workflowId),
    );
    this.chains.set(workflowId, next);
    void next.finally(() => {
      if (this.chains.get(workflowId) === next) this.chains.delete(workflowId);
    });
    return next;
  }

  private async writePending(workflowId: string): Promise<void> {
    const pending = this.pending.get(workflowId);
    if (!pending) return; // an earlier write in the chain took it
    this.pending.delete(workflowId);
    try {
      await this.write(workflowId, pending);
      this.remember(workflowId, pending.print);
    } catch (error) {
      if (refusedForData(error)) {
        // Retrying cannot help; the next snapshot (its own data) may still be taken.
        this.log.error(`snapshot of ${workflowId} refused (SQLSTATE ${sqlState(error)})`);
        return;
      }
      if (!this.pending.has(workflowId)) this.pending.set(workflowId, pending);
      this.retryLater(workflowId);
    }
  }

  private retryLater(workflowId: string): void {
    if (this.retrying.has(workflowId)) return;
    this.retrying.add(workflowId);
    setTimeout(() => {
      this.retrying.delete(workflowId);
      void this.flush(workflowId);
    }, RETRY_MS).unref();
  }

  private remember(workflowId: string, print: string): void {
    this.written.delete(workflowId);
    this.written.set(workflowId, print);
    if (this.written.size > REMEMBERED) {
      this.written.delete(this.written.keys().next().value as string);
    }
  }

  private async write(workflowId: string, p: Pending): Promise<void> {
    const { snapshot } = p;
    await this.db.transaction(async (tx) => {
      const taken: unknown[] = await tx.query(
        `INSERT INTO "process_snapshots" AS s ("workflow_id", "case_id", "run_started_at",
           "history_length", "definition", "running", "stage", "updated_at")
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT ("workflow_id") DO UPDATE SET "case_id" = EXCLUDED."case_id",
           "run_started_at" = EXCLUDED."run_started_at", "history_length" = EXCLUDED."history_length",
           "definition" = EXCLUDED."definition", "running" = EXCLUDED."running",
           "stage" = EXCLUDED."stage", "updated_at" = now()
         WHERE (s."run_started_at", s."history_length")
            <= (EXCLUDED."run_started_at", EXCLUDED."history_length")
         RETURNING 1`,
        [
          workflowId,
          p.caseId,
          p.runStartedAt,
          p.historyLength,
          snapshot.definition,
          snapshot.running,
          snapshot.stage,
        ],
      );
      if (taken.length === 0) return; // a newer snapshot is stored already
      await tx.query(`DELETE FROM "open_tasks" WHERE "workflow_id" = $1`, [workflowId]);
      if (snapshot.tasks.length === 0) return;
      await tx.query(
        `INSERT INTO "open_tasks" ("workflow_id", "task_id", "case_id", "element_id", "name",
           "role", "created_at", "due_at", "overdue")
         SELECT $1, t.id, $2, t."elementId", t.name, t.role, t."createdAt", t."dueAt", t.overdue
           FROM jsonb_to_recordset($3::jsonb) AS t(id text, "elementId" text, name text,
             role text, "createdAt" timestamptz, "dueAt" timestamptz, overdue boolean)`,
        [workflowId, p.caseId, JSON.stringify(snapshot.tasks)],
      );
    });
  }
}

const sqlState = (error: unknown) =>
  error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;

/** SQLSTATE class 22 (data exception) or 23 (integrity): the same write would fail again. */
const refusedForData = (error: unknown) => /^2[23]/.test(sqlState(error) ?? '');
