import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The channels a notice goes out on besides the in-app inbox. */
export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/**
 * Where a recipient of notices (a person, an agency, a role of the municipality) wants them
 * outside the inbox: an e-mail address or a chat tool's webhook URL, one per channel.
 */
@Entity({ name: 'notification_addresses' })
@Unique('UQ_notification_addresses_recipient_channel', [
  'municipality',
  'recipientKind',
  'recipient',
  'channel',
])
export class NotificationAddressEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  municipality!: string;

  @Column({ name: 'recipient_kind', type: 'varchar', length: 16 })
  recipientKind!: 'person' | 'agency' | 'role';

  @Column({ type: 'varchar', length: 200 })
  recipient!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: DeliveryChannel;

  @Column({ type: 'varchar', length: 500 })
  address!: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/**
 * The outbox: one row per notification and channel, keyed so a retried or restarted delivery
 * finds its row instead of sending again. Its status, attempts and last error make a failing
 * channel visible.
 */
@Entity({ name: 'deliveries' })
export class DeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** The notification's key and the channel. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 400, unique: true })
  dedupeKey!: string;

  @Column({ name: 'notification_id', type: 'bigint' })
  notificationId!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: DeliveryChannel;

  @Column({ type: 'varchar', length: 500 })
  address!: string;

  /** pending → sending → sent; failing after an attempt that did not get through. */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: 'pending' | 'sending' | 'sent' | 'failing';

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
