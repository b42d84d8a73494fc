import { Webhook } from 'standardwebhooks';
import { noticeWebhookPayload } from '@sss/domain';
import { ChannelDelivery, deliveryId, NoticeChannel } from './notice-channel';

/**
 * A JSON POST signed as Standard Webhooks specify (HMAC-SHA256 over id, timestamp and body), so
 * a chat tool or relay can check it came from us with any Standard Webhooks library.
 */
export class WebhookChannel implements NoticeChannel {
  private readonly signer: Webhook;

  constructor(secret: string) {
    this.signer = new Webhook(secret);
  }

  async send({ dedupeKey, address, notice }: ChannelDelivery): Promise<void> {
    const id = deliveryId(dedupeKey);
    const body = JSON.stringify(noticeWebhookPayload(notice));
    const sentAt = new Date();
    const response = await fetch(address, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': this.signer.sign(id, sentAt, body),
      },
      body,
      signal: AbortSignal.timeout(20_000),
    });
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }
}
