import { MigrationInterface, QueryRunner } from 'typeorm';

export class ParticipationRecords1764300000000 implements MigrationInterface {
  name = 'ParticipationRecords1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "participation_records" (
        "id" bigserial PRIMARY KEY,
        "case_id" uuid NOT NULL REFERENCES "cases" ("id"),
        "step_key" varchar(120) NOT NULL UNIQUE,
        "recorded_by" varchar(200),
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        "event" varchar(16) NOT NULL,
        "resource" varchar(200) NOT NULL,
        "resource_kind" varchar(16) NOT NULL,
        "note" text
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_participation_records_case_id" ON "participation_records" ("case_id", "recorded_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_participation_records_recorded_at" ON "participation_records" ("recorded_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "participation_records"`);
  }
}
