import { MigrationInterface, QueryRunner } from 'typeorm';
import { KASHIWA_AGENCIES } from '../records/kashiwa-agencies';

/** Kashiwa had no agencies: its referrals, plans and meetings could name none that exist. */
export class KashiwaAgencies1764820000000 implements MigrationInterface {
  name = 'KashiwaAgencies1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const a of KASHIWA_AGENCIES) {
      await queryRunner.query(
        `INSERT INTO "agencies" ("code", "municipality", "name", "field", "phone")
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("code") DO NOTHING`,
        [a.code, a.municipality, a.name, a.field, a.phone],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "agencies" WHERE "code" = ANY($1)`, [
      KASHIWA_AGENCIES.map((a) => a.code),
    ]);
  }
}
