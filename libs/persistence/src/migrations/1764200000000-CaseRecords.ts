import { MigrationInterface, QueryRunner } from 'typeorm';
import { KAMAKURA_AGENCIES } from '../records/kamakura-agencies';

/** Columns every step record has; `step_key` makes retried writes land on the same row. */
const STEP_RECORD = `
  "id" bigserial PRIMARY KEY,
  "case_id" uuid NOT NULL REFERENCES "cases" ("id"),
  "step_key" varchar(120) NOT NULL UNIQUE,
  "recorded_by" varchar(200),
  "recorded_at" timestamptz NOT NULL DEFAULT now()`;

const RECORD_TABLES: Record<string, string> = {
  consents: `"kind" varchar(32) NOT NULL, "status" varchar(16) NOT NULL,
    "plan_version" int, "note" text`,
  assessments: `"summary" text NOT NULL, "needs" varchar(200)[] NOT NULL DEFAULT '{}'`,
  plans: `"version" int NOT NULL, "goals" text NOT NULL, "direction" text,
    "agencies" varchar(100)[] NOT NULL, "role_notes" text,
    "monitoring_interval" varchar(32) NOT NULL, "contact_interval" varchar(32) NOT NULL,
    UNIQUE ("case_id", "version")`,
  meetings: `"kind" varchar(32) NOT NULL, "occasion" varchar(32) NOT NULL,
    "scheduled_at" timestamptz, "attendees" varchar(100)[] NOT NULL DEFAULT '{}',
    "outcome" varchar(16) NOT NULL, "decision" text, "approved_plan_version" int,
    "community_issue" text`,
  monitoring_records: `"plan_version" int, "note" text NOT NULL, "next" varchar(16) NOT NULL`,
  contacts: `"kind" varchar(16) NOT NULL, "channel" varchar(16), "note" text`,
  case_endings: `"kind" varchar(16) NOT NULL, "reason" text`,
  case_timeline: `"event" varchar(64) NOT NULL, "detail" jsonb NOT NULL DEFAULT '{}'`,
};

export class CaseRecords1764200000000 implements MigrationInterface {
  name = 'CaseRecords1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "agencies" (
        "code" varchar(100) PRIMARY KEY,
        "municipality" varchar(64) NOT NULL,
        "name" varchar(200) NOT NULL,
        "field" varchar(32) NOT NULL,
        "phone" varchar(32)
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_agencies_municipality" ON "agencies" ("municipality")`,
    );
    for (const a of KAMAKURA_AGENCIES) {
      await queryRunner.query(
        `INSERT INTO "agencies" ("code", "municipality", "name", "field", "phone") VALUES ($1, $2, $3, $4, $5)`,
        [a.code, a.municipality, a.name, a.field, a.phone],
      );
    }
    await queryRunner.query(`
      CREATE TABLE "households" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "address" varchar(400)
      )`);
    await queryRunner.query(`
      CREATE TABLE "household_members" (
        "id" bigserial PRIMARY KEY,
        "household_id" uuid NOT NULL REFERENCES "households" ("id") ON DELETE CASCADE,
        "position" int NOT NULL,
        "name" varchar(200) NOT NULL,
        "relation" varchar(32) NOT NULL,
        "age" int,
        "is_person" boolean NOT NULL DEFAULT false,
        UNIQUE ("household_id", "position")
      )`);
    await queryRunner.query(`
      ALTER TABLE "cases"
        ADD COLUMN "issue_tags" varchar(32)[] NOT NULL DEFAULT '{}',
        ADD COLUMN "assigned_coordinator" varchar(200),
        ADD COLUMN "process_definition" varchar(100),
        ADD COLUMN "status" varchar(16) NOT NULL DEFAULT 'open'`);
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_assigned_coordinator" ON "cases" ("assigned_coordinator")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_created_at" ON "cases" ("municipality", "created_at")`,
    );
    for (const [table, columns] of Object.entries(RECORD_TABLES)) {
      await queryRunner.query(`CREATE TABLE "${table}" (${STEP_RECORD}, ${columns})`);
      await queryRunner.query(
        `CREATE INDEX "IDX_${table}_case_id" ON "${table}" ("case_id", "recorded_at")`,
      );
      // Monthly statistics aggregate over the recording time.
      await queryRunner.query(
        `CREATE INDEX "IDX_${table}_recorded_at" ON "${table}" ("recorded_at")`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(RECORD_TABLES).reverse()) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    await queryRunner.query(`
      ALTER TABLE "cases" DROP COLUMN "issue_tags", DROP COLUMN "assigned_coordinator",
        DROP COLUMN "process_definition", DROP COLUMN "status"`);
    await queryRunner.query(`DROP TABLE "household_members"`);
    await queryRunner.query(`DROP TABLE "households"`);
    await queryRunner.query(`DROP TABLE "agencies"`);
  }
}
