import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { noticeWebhookPayload } from '@sss/domain';
import { ChannelDelivery, deliveryId, NoticeChannel } from './notice-channel';
import type { WebhookTargets } from './webhook-targets';

const TIMEOUT_MS = 20_000;

/**
 * A JSON POST signed as Standard Webhooks specify (HMAC-SHA256 over id, timestamp and body), so
 * a chat tool or relay can check it came from us with any Standard Webhooks library. It connects
 * only to addresses the deployment's targets allow and follows no redirect (a 3xx is a failure).
 */
export class WebhookChannel implements NoticeChannel {
  private readonly signer: Webhook;

  constructor(
    secret: string,
    private readonly targets: WebhookTargets,
  ) {
    this.signer = new Webhook(secret);
  }

  async send({ dedupeKey, address, notice }: ChannelDelivery): Promise<void> {
    const refusal = this.targets.urlRefusal(address);
    if (refusal) throw new Error(refusal);
    const id = deliveryId(dedupeKey);
    const body = JSON.stringify(noticeWebhookPayload(notice));
    const sentAt = new Date();
    const status = await post(address, body, this.targets.lookup, {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': this.signer.sign(id, sentAt, body),
    });
    if (status < 200 || status > 299) throw new Error(`webhook answered ${status}`);
  }
}

function post(
  url: string,
  body: string,
  lookup: WebhookTargets['lookup'],
  headers: Record<string, string>,
): Promise<number> {
  const request = url.startsWith('https:') ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, lookup, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('webhook did not answer in time')));
    req.on('error', reject);
    req.end(body);
  });
}
