import { proxyActivities } from '@temporalio/workflow';
import type { NoticeActivities, NoticeDelivery } from './notice-activities';

/** Notices are delivered for as long as it takes: a lost reminder can lose a case. */
export const notices = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/**
 * Delivers one notice on behalf of a process run that ended while it was still being sent (a
 * mail server down): the case goes on at once, and the notice still arrives. The delivery's key
 * is the one the run used, so whatever the run's attempts got through is not sent again.
 */
export async function noticeDeliveryWorkflow(delivery: NoticeDelivery): Promise<void> {
  await notices.deliverNotice(delivery);
}
