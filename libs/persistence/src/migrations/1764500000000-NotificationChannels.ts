import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationChannels1764500000000 implements MigrationInterface {
  name = 'NotificationChannels1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "notification_addresses" (
        "id" bigserial PRIMARY KEY,
        "municipality" varchar(64) NOT NULL,
        "recipient_kind" varchar(16) NOT NULL,
        "recipient" varchar(200) NOT NULL,
        "channel" varchar(16) NOT NULL,
        "address" varchar(500) NOT NULL,
        "updated_by" varchar(200) NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_notification_addresses_recipient_channel"
          UNIQUE ("municipality", "recipient_kind", "recipient", "channel")
      )`);
    await queryRunner.query(`
      CREATE TABLE "deliveries" (
        "id" bigserial PRIMARY KEY,
        "dedupe_key" varchar(400) NOT NULL UNIQUE,
        "notification_id" bigint NOT NULL REFERENCES "notifications" ("id"),
        "channel" varchar(16) NOT NULL,
        "address" varchar(500) NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'pending',
        "attempts" int NOT NULL DEFAULT 0,
        "last_error" varchar(500),
        "last_attempt_at" timestamptz,
        "sent_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_deliveries_notification_id" ON "deliveries" ("notification_id")`,
    );
    // Managers look for deliveries that are not through; sent ones are the bulk and not indexed.
    await queryRunner.query(
      `CREATE INDEX "IDX_deliveries_unsent" ON "deliveries" ("status") WHERE "status" <> 'sent'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "deliveries"`);
    await queryRunner.query(`DROP TABLE "notification_addresses"`);
  }
}
