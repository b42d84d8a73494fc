import type { WorkerEnvironment } from '@sss/config';
import { EmailChannel } from './email.channel';
import type { NoticeChannels } from './notice-channel';
import { WebhookChannel } from './webhook.channel';
import { WebhookTargets } from './webhook-targets';

/** The channels the deployment is configured for; a delivery to any other fails visibly. */
export function channelsFor(
  env: Pick<
    WorkerEnvironment,
    'SMTP_URL' | 'MAIL_FROM' | 'WEBHOOK_SECRET' | 'WEBHOOK_ALLOWED_NETWORKS'
  >,
): NoticeChannels {
  return {
    ...(env.SMTP_URL ? { email: new EmailChannel(env.SMTP_URL, env.MAIL_FROM) } : {}),
    ...(env.WEBHOOK_SECRET
      ? {
          webhook: new WebhookChannel(
            env.WEBHOOK_SECRET,
            new WebhookTargets(env.WEBHOOK_ALLOWED_NETWORKS),
          ),
        }
      : {}),
  };
}
