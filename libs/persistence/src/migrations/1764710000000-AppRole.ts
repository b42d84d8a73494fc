import { MigrationInterface, QueryRunner } from 'typeorm';

/** The group role the API and the worker connect through (a login role that is a member of it). */
export const APP_ROLE = 'sss_app';

/**
 * Migrations run as the schema's owner; the API and the worker connect as a member of `sss_app`,
 * which reads and writes rows but cannot change the schema, and can only add to the audit log.
 * Tables made by later migrations get the same row privileges by default; one that must be
 * append-only revokes UPDATE and DELETE in its own migration, as here.
 */
export class AppRole1764710000000 implements MigrationInterface {
  name = 'AppRole1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} NOLOGIN;
        END IF;
      END $$`);
    // Before PostgreSQL 15 every role may create tables in `public`.
    await queryRunner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`,
    );
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await queryRunner.query(`REVOKE UPDATE, DELETE ON "audit_log" FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON "migrations" FROM ${APP_ROLE}`);
    await queryRunner.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public
        GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`);
    await queryRunner.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
    await queryRunner.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
  }
}
