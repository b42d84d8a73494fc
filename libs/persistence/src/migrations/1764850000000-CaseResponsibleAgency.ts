import { MigrationInterface, QueryRunner } from 'typeorm';

/** The office (窓口) a case was transferred to; none until a transfer. */
export class CaseResponsibleAgency1764850000000 implements MigrationInterface {
  name = 'CaseResponsibleAgency1764850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "cases" ADD COLUMN "responsible_agency" character varying(100)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "responsible_agency"`);
  }
}
