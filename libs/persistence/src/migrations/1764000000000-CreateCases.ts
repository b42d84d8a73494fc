import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCases1764000000000 implements MigrationInterface {
  name = 'CreateCases1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "cases" (
        "id" uuid PRIMARY KEY,
        "municipality" varchar(64) NOT NULL,
        "programme" varchar(32) NOT NULL,
        "fields" varchar(32)[] NOT NULL,
        "referring_agency" varchar(200) NOT NULL,
        "household_name" varchar(200) NOT NULL,
        "summary" text,
        "stage" varchar(32) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_cases_municipality" ON "cases" ("municipality")`);
    await queryRunner.query(`CREATE INDEX "IDX_cases_stage" ON "cases" ("stage")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "cases"`);
  }
}
