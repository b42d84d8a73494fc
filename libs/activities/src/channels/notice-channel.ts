import { createHash } from 'node:crypto';
import type { NoticeContent } from '@sss/domain';
import type { DeliveryChannel } from '@sss/persistence';

/** One notice going to one address. */
export interface ChannelDelivery {
  /** The outbox row's key: the same on every attempt, so receivers can recognise a repeat. */
  dedupeKey: string;
  address: string;
  notice: NoticeContent;
}

/** Sends over one channel; throws when the other side did not take the message. */
export interface NoticeChannel {
  send(delivery: ChannelDelivery): Promise<void>;
  /** Lets go of what it keeps open (connections), at shutdown. */
  close?(): void;
}

export type NoticeChannels = Partial<Record<DeliveryChannel, NoticeChannel>>;

/** Nest injection token for the configured channels. */
export const NOTICE_CHANNELS = Symbol('NOTICE_CHANNELS');

/** A stable id for a delivery that says nothing about whom it is for. */
export function deliveryId(dedupeKey: string): string {
  return createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
}
