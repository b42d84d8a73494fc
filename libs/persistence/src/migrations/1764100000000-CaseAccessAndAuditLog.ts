import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseAccessAndAuditLog1764100000000 implements MigrationInterface {
  name = 'CaseAccessAndAuditLog1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "cases"
        ADD COLUMN "consent_given" boolean NOT NULL DEFAULT false,
        ADD COLUMN "support_meeting_agencies" varchar(100)[] NOT NULL DEFAULT '{}',
        ADD COLUMN "plan_agencies" varchar(100)[] NOT NULL DEFAULT '{}',
        ADD COLUMN "created_by" varchar(200) NOT NULL DEFAULT 'unknown'`);
    await queryRunner.query(`ALTER TABLE "cases" ALTER COLUMN "created_by" DROP DEFAULT`);
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "id" bigserial PRIMARY KEY,
        "occurred_at" timestamptz NOT NULL DEFAULT now(),
        "actor_id" varchar(200) NOT NULL,
        "actor_kind" varchar(16) NOT NULL,
        "actor_roles" varchar(32)[] NOT NULL,
        "municipality" varchar(64) NOT NULL,
        "action" varchar(64) NOT NULL,
        "case_id" uuid,
        "case_municipality" varchar(64),
        "outcome" varchar(16) NOT NULL,
        "request_id" varchar(100) NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_municipality_occurred_at" ON "audit_log" ("municipality", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_case_municipality" ON "audit_log" ("case_municipality", "occurred_at")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_actor_id" ON "audit_log" ("actor_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_case_id" ON "audit_log" ("case_id")`);
    // Append-only, enforced by the database rather than by convention.
    await queryRunner.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_is_append_only()`);
    await queryRunner.query(`
      ALTER TABLE "cases" DROP COLUMN "consent_given", DROP COLUMN "support_meeting_agencies",
        DROP COLUMN "plan_agencies", DROP COLUMN "created_by"`);
  }
}
