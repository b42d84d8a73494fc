import type { Notice } from '@sss/domain';

/** A notice (reminder, overdue, escalation) to deliver, with the key that makes it once-only. */
export interface NoticeDelivery {
  /** Unique per notice across all processes: retries and restarts deliver it once. */
  key: string;
  notice: Notice;
  /** The task's name as the definition gives it, for the message. */
  taskName?: string;
  /** When the task falls due (ISO 8601), if it has a due date. */
  dueAt?: string;
}

/** Activities the interpreter calls on its own behalf (not named by definitions). */
export interface NoticeActivities {
  deliverNotice(delivery: NoticeDelivery): Promise<void>;
}
