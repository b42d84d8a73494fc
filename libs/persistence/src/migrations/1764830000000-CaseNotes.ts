import { MigrationInterface, QueryRunner } from 'typeorm';

/** Case notes (支援記録), their text sealed; see CaseNoteEntity. */
export class CaseNotes1764830000000 implements MigrationInterface {
  name = 'CaseNotes1764830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "case_notes" (
        "id" bigserial PRIMARY KEY,
        "case_id" uuid NOT NULL REFERENCES "cases" ("id"),
        "sealed" bytea NOT NULL,
        "written_by" varchar(200) NOT NULL,
        "written_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_case_notes_case_id" ON "case_notes" ("case_id", "id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_notes"`);
  }
}
