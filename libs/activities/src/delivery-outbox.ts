import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { DeliveryEntity, NotificationAddressEntity, NotificationEntity } from '@sss/persistence';
import { NOTICE_CHANNELS, NoticeChannels } from './channels/notice-channel';

/**
 * How long a claimed send is left to its attempt before another may take it over. The attempt
 * renews the lease every SEND_LEASE_RENEW_SECONDS while it sends, so a live send keeps it however
 * long it takes, and the send of a killed worker is taken over seconds after its last renewal.
 */
export const SEND_LEASE_SECONDS = 15;
export const SEND_LEASE_RENEW_SECONDS = 3;

/**
 * The delivery outbox. Each notification gets one row per channel its recipient has an address
 * for, under a unique key; sending claims the row, so a retried or restarted activity sends only
 * what is not through yet, and never while another attempt may still be sending it.
 */
@Injectable()
export class DeliveryOutbox implements OnApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NOTICE_CHANNELS) private readonly channels: NoticeChannels,
  ) {}

  /** After the activities and the dispatcher are through (their hooks run before this one). */
  onApplicationShutdown(): void {
    for (const channel of Object.values(this.channels)) channel?.close?.();
  }

  /** Adds the rows for these notifications, inside the transaction that stored them. */
  async enqueue(tx: EntityManager, notifications: NotificationEntity[]): Promise<void> {
    if (notifications.length === 0) return;
    const addresses = await tx.find(NotificationAddressEntity, {
      where: notifications.map((n) => ({
        municipality: n.municipality,
        recipientKind: n.recipientKind,
        recipient: n.recipient,
      })),
    });
    const rows = notifications.flatMap((n) =>
      addresses
        .filter((a) => a.recipientKind === n.recipientKind && a.recipient === n.recipient)
        .map((a) => ({
          dedupeKey: `${n.dedupeKey}:${a.channel}`,
          notificationId: n.id,
          channel: a.channel,
          address: a.address,
        })),
    );
    if (rows.length === 0) return;
    await tx.createQueryBuilder().insert().into(DeliveryEntity).values(rows).orIgnore().execute();
  }

  /**
   * Sends every delivery of these notifications that is not through. Throws (so the activity is
   * retried, with backoff) if any did not get through; each failure stays on its row.
   */
  async send(notifications: NotificationEntity[]): Promise<void> {
    const byId = new Map(notifications.map((n) => [n.id, n]));
    const due = await this.db.getRepository(DeliveryEntity).find({
      where: { notificationId: In([...byId.keys()]), status: Not('sent') },
      order: { id: 'ASC' },
    });
    const leased = new Set<string>();
    const renew = setInterval(
      () => void this.renewLeases([...leased]).catch(() => undefined),
      SEND_LEASE_RENEW_SECONDS * 1000,
    );
    const results = await Promise.allSettled(
      due.map((row) => this.sendOne(row, byId.get(row.notificationId)!, leased)),
    ).finally(() => clearInterval(renew));
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected' ? [`${due[i].channel}: ${failureReason(r.reason)}`] : [],
    );
    if (failed.length > 0) {
      throw ApplicationFailure.retryable(
        `${failed.length} of ${due.length} deliveries failed (${failed.join('; ')})`,
        'DeliveryFailed',
      );
    }
  }

  /** Keeps the claims of the sends under way, which are still this attempt's. */
  private async renewLeases(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .createQueryBuilder()
      .update(DeliveryEntity)
      .set({ lastAttemptAt: () => 'now()' })
      .where({ id: In(ids), status: 'sending' })
      .execute();
  }

  private async sendOne(
    row: DeliveryEntity,
    notification: NotificationEntity,
    leased: Set<string>,
  ): Promise<void> {
    const claimed = await this.db
      .createQueryBuilder()
      .update(DeliveryEntity)
      .set({ status: 'sending', attempts: () => 'attempts + 1', lastAttemptAt: () => 'now()' })
      .where('id = :id', { id: row.id })
      .andWhere("status <> 'sent'")
      .andWhere(
        `(status <> 'sending' OR last_attempt_at < now() - make_interval(secs => :lease))`,
        { lease: SEND_LEASE_SECONDS },
      )
      .execute();
    if (!claimed.affected) {
      const now = await this.db.getRepository(DeliveryEntity).findOneByOrFail({ id: row.id });
      if (now.status === 'sent') return;
      throw new Error('an earlier attempt may still be sending it');
    }
    leased.add(row.id);
    const channel = this.channels[row.channel];
    try {
      if (!channel) throw new Error(`the ${row.channel} channel is not configured`);
      await channel.send({
        dedupeKey: row.dedupeKey,
        address: row.address,
        notice: notification,
      });
    } catch (error) {
      await this.db
        .getRepository(DeliveryEntity)
        .update(
          { id: row.id },
          { status: 'failing', lastError: failureReason(error).slice(0, 500) },
        );
      throw error;
    } finally {
      leased.delete(row.id);
    }
    await this.db
      .getRepository(DeliveryEntity)
      .update({ id: row.id }, { status: 'sent', sentAt: new Date(), lastError: null });
  }
}

/**
 * Why a send failed, without addresses: an SMTP answer may echo the recipient, and the message
 * ends up in the activity's failure in the workflow history.
 */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>');
}
