import { proxyActivities } from '@temporalio/workflow';
import {
  NOTICE_HEARTBEAT_TIMEOUT_SECONDS,
  type NoticeActivities,
  type NoticeDelivery,
} from './notice-activities';

/**
 * Notices are delivered for as long as it takes: a lost reminder can lose a case. A send can take
 * a while (an SMTP server that is slow to answer), so the activity heartbeats instead of having a
 * short timeout: an attempt whose worker died is retried once its heartbeats stop, in seconds.
 */
export const notices = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: `${NOTICE_HEARTBEAT_TIMEOUT_SECONDS} seconds`,
  retry: { initialInterval: '2 seconds', maximumInterval: '10 minutes' },
});

/**
 * Delivers one notice on behalf of a process run that ended while it was still being sent (a
 * mail server down): the case goes on at once, and the notice still arrives. The delivery's key
 * is the one the run used, so whatever the run's attempts got through is not sent again.
 */
export async function noticeDeliveryWorkflow(delivery: NoticeDelivery): Promise<void> {
  await notices.deliverNotice(delivery);
}
