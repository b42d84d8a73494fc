import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices a case's pending timers will send, staged ahead of their time by the workflow and sent
 * at it by the worker's dispatcher (libs/activities/src/staged-notices.ts), so that a reminder
 * does not wait for its workflow's turn on a busy worker. `ready_at` is when the dispatcher may
 * take a row next: its time, then a lease while one sends it, then a retry's backoff.
 */
export class StagedNotices1764870000000 implements MigrationInterface {
  name = 'StagedNotices1764870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "staged_notices" (
        "key" character varying(300) PRIMARY KEY,
        "workflow_id" character varying(300) NOT NULL,
        "case_id" uuid NOT NULL,
        "task_id" character varying(100) NOT NULL,
        "deliver_at" timestamptz NOT NULL,
        "ready_at" timestamptz NOT NULL,
        "delivery" jsonb NOT NULL,
        "run_started_at" timestamptz NOT NULL,
        "history_length" integer NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'staged',
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "staged_at" timestamptz NOT NULL DEFAULT now(),
        "delivered_at" timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_staged_notices_ready" ON "staged_notices" ("ready_at")
         WHERE "status" = 'staged'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_staged_notices_workflow" ON "staged_notices" ("workflow_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "staged_notices"`);
  }
}
