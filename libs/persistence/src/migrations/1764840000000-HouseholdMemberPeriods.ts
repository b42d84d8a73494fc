import { MigrationInterface, QueryRunner } from 'typeorm';

/** Household members over time: the dates a member joined and left the household. */
export class HouseholdMemberPeriods1764840000000 implements MigrationInterface {
  name = 'HouseholdMemberPeriods1764840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "household_members"
        ADD COLUMN "member_from" date,
        ADD COLUMN "member_to" date,
        ADD CONSTRAINT "CHK_household_members_period"
          CHECK ("member_to" IS NULL OR "member_from" IS NULL OR "member_to" >= "member_from")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "household_members" DROP CONSTRAINT "CHK_household_members_period",
        DROP COLUMN "member_from", DROP COLUMN "member_to"`);
  }
}
