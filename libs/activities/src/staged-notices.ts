import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { caseIdOfWorkflow } from '@sss/domain';
import type { NoticeDelivery, NoticeStaging } from '@sss/workflows/process/notice-activities';

/** A staged notice as the dispatcher takes it. */
export interface DueNotice {
  key: string;
  workflowId: string;
  delivery: NoticeDelivery;
  attempts: number;
}

/**
 * The notices processes stage ahead of their timers (`staged_notices`), and the claims by which
 * the dispatcher sends each once. A row is the process's (its workflow id, from Temporal, never
 * from the input): a process can stage and withdraw only its own.
 */
@Injectable()
export class StagedNotices {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stages a process's notices, withdrawing those it staged before that are not among them and
   * not due yet; answers the keys among them the store holds (staged or sent), which the process
   * then leaves to it. A workflow that is not a case's stages nothing.
   */
  async stage(workflowId: string, { notices, runStartedAt, historyLength }: NoticeStaging) {
    const caseId = caseIdOfWorkflow(workflowId);
    if (!caseId) return [];
    const keys = notices.map((n) => n.delivery.key);
    return this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE "staged_notices" SET "status" = 'withdrawn'
          WHERE "workflow_id" = $1 AND "status" = 'staged' AND "deliver_at" > now()
            AND NOT ("key" = ANY($2))`,
        [workflowId, keys],
      );
      if (notices.length === 0) return [];
      const rows = notices.map((n) => ({
        key: n.delivery.key,
        task_id: n.delivery.notice.taskId ?? '',
        deliver_at: n.deliverAt,
        delivery: n.delivery,
      }));
      // A key names its moment and content: staged again, only a withdrawn one comes back.
      await tx.query(
        `INSERT INTO "staged_notices" AS s ("key", "workflow_id", "case_id", "task_id",
           "deliver_at", "ready_at", "delivery", "run_started_at", "history_length")
         SELECT n.key, $1, $2, n.task_id, n.deliver_at, n.deliver_at, n.delivery, $3, $4
           FROM jsonb_to_recordset($5::jsonb)
             AS n(key text, task_id text, deliver_at timestamptz, delivery jsonb)
         ON CONFLICT ("key") DO UPDATE SET
           "status" = 'staged',
           "ready_at" = CASE WHEN s."status" = 'withdrawn' THEN EXCLUDED."ready_at" ELSE s."ready_at" END,
           "run_started_at" = EXCLUDED."run_started_at",
           "history_length" = EXCLUDED."history_length"
         WHERE s."workflow_id" = EXCLUDED."workflow_id" AND s."status" <> 'delivered'`,
        [workflowId, caseId, runStartedAt, historyLength, JSON.stringify(rows)],
      );
      const held: { key: string }[] = await tx.query(
        `SELECT "key" FROM "staged_notices"
          WHERE "workflow_id" = $1 AND "key" = ANY($2) AND "status" IN ('staged', 'delivered')`,
        [workflowId, keys],
      );
      return held.map((r) => r.key);
    });
  }

  /**
   * Claims up to `limit` notices whose time has come, each for `leaseSeconds` (another worker
   * takes it over after that). Those whose task a newer snapshot of their process no longer
   * shows open (done, or the process ended) are withdrawn instead: a reminder of a task that is
   * done by the time it goes out is not sent.
   */
  async claimDue(limit: number, leaseSeconds: number): Promise<DueNotice[]> {
    return this.db.transaction(async (tx) => {
      // An UPDATE … RETURNING answers [rows, count].
      const [claimed]: [
        (Omit<DueNotice, 'workflowId'> & { workflow_id: string; stale: boolean })[],
      ] = await tx.query(
        `WITH due AS (
             SELECT "key" FROM "staged_notices"
              WHERE "status" = 'staged' AND "ready_at" <= now()
              ORDER BY "ready_at" LIMIT $1 FOR UPDATE SKIP LOCKED)
           UPDATE "staged_notices" s
              SET "ready_at" = now() + make_interval(secs => $2), "attempts" = s."attempts" + 1
             FROM due WHERE s."key" = due."key"
           RETURNING s."key", s."workflow_id", s."delivery", s."attempts",
             EXISTS (SELECT 1 FROM "process_snapshots" p
                      WHERE p."workflow_id" = s."workflow_id"
                        AND (p."run_started_at", p."history_length")
                          > (s."run_started_at", s."history_length")
                        AND (NOT p."running" OR NOT EXISTS (
                          SELECT 1 FROM "open_tasks" t
                           WHERE t."workflow_id" = s."workflow_id" AND t."task_id" = s."task_id")))
               AS stale`,
        [limit, leaseSeconds],
      );
      const stale = claimed.filter((r) => r.stale).map((r) => r.key);
      if (stale.length > 0) {
        await tx.query(`UPDATE "staged_notices" SET "status" = 'withdrawn' WHERE "key" = ANY($1)`, [
          stale,
        ]);
      }
      return claimed
        .filter((r) => !r.stale)
        .map((r) => ({
          key: r.key,
          workflowId: r.workflow_id,
          delivery: r.delivery,
          attempts: r.attempts,
        }));
    });
  }

  async delivered(key: string): Promise<void> {
    await this.db.query(
      `UPDATE "staged_notices" SET "status" = 'delivered', "delivered_at" = now(),
         "last_error" = NULL WHERE "key" = $1`,
      [key],
    );
  }

  /** Puts a notice whose delivery failed back, to be taken again after `retryInSeconds`. */
  async failed(key: string, reason: string, retryInSeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE "staged_notices" SET "ready_at" = now() + make_interval(secs => $2),
         "last_error" = $3 WHERE "key" = $1 AND "status" = 'staged'`,
      [key, retryInSeconds, reason.slice(0, 500)],
    );
  }
}
