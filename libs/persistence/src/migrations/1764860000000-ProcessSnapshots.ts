import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each case process's last snapshot (running, stage) and its open tasks, written by the worker
 * before each workflow task completes (libs/activities/src/process-snapshot-store.ts): what lists
 * across cases read, instead of a live query per case. A run's snapshot replaces an older one
 * only: (run_started_at, history_length) orders them across retries, workers and continue-as-new.
 */
export class ProcessSnapshots1764860000000 implements MigrationInterface {
  name = 'ProcessSnapshots1764860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "process_snapshots" (
        "workflow_id" character varying(300) PRIMARY KEY,
        "case_id" uuid NOT NULL,
        "run_started_at" timestamptz NOT NULL,
        "history_length" integer NOT NULL,
        "definition" character varying(100) NOT NULL,
        "running" boolean NOT NULL,
        "stage" character varying(64),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_process_snapshots_case" ON "process_snapshots" ("case_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "open_tasks" (
        "workflow_id" character varying(300) NOT NULL
          REFERENCES "process_snapshots" ("workflow_id") ON DELETE CASCADE,
        "task_id" character varying(100) NOT NULL,
        "case_id" uuid NOT NULL,
        "element_id" character varying(200) NOT NULL,
        "name" text,
        "role" character varying(50) NOT NULL,
        "created_at" timestamptz NOT NULL,
        "due_at" timestamptz,
        "overdue" boolean NOT NULL,
        PRIMARY KEY ("workflow_id", "task_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_open_tasks_case" ON "open_tasks" ("case_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_open_tasks_due" ON "open_tasks" ("due_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "open_tasks"`);
    await queryRunner.query(`DROP TABLE "process_snapshots"`);
  }
}
