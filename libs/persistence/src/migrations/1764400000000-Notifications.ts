import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764400000000 implements MigrationInterface {
  name = 'Notifications1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notifications" (
        "id" bigserial PRIMARY KEY,
        "dedupe_key" varchar(300) NOT NULL UNIQUE,
        "case_id" uuid NOT NULL REFERENCES "cases" ("id"),
        "municipality" varchar(64) NOT NULL,
        "kind" varchar(16) NOT NULL,
        "recipient_kind" varchar(16) NOT NULL,
        "recipient" varchar(200) NOT NULL,
        "element_id" varchar(100) NOT NULL,
        "task_name" varchar(200),
        "due_at" timestamptz,
        "level" int,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "acknowledged_at" timestamptz,
        "acknowledged_by" varchar(200)
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_inbox" ON "notifications" ("recipient_kind", "recipient", "municipality", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_case_id" ON "notifications" ("case_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
