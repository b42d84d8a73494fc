import type { Notice } from '@sss/domain';

/** A notice (one of NOTICE_KINDS) to deliver, with the key that makes it once-only. */
export interface NoticeDelivery {
  /** Unique per notice across all processes: retries and restarts deliver it once. */
  key: string;
  notice: Notice;
  /** The task's (or the event's) name as the definition gives it, for the message. */
  taskName?: string;
  /** The definition (`id@version`) the notice's element is in, to name it in Japanese. */
  definition?: string;
  /** When the task falls due, or when the event (the meeting) is (ISO 8601). */
  dueAt?: string;
}

/**
 * How long Temporal waits for a heartbeat of `deliverNotice` before it gives the attempt up and
 * retries; the activity beats well within it (NOTICE_HEARTBEAT_SECONDS).
 */
export const NOTICE_HEARTBEAT_TIMEOUT_SECONDS = 10;
export const NOTICE_HEARTBEAT_SECONDS = 3;

/** A notice a pending timer will send, staged to go out at its time (`deliverAt`, ISO 8601). */
export interface StagedNotice {
  delivery: NoticeDelivery;
  deliverAt: string;
}

/**
 * The notices a process's next deadline will send if nothing happens first: all it has staged,
 * so any staged earlier that is not due yet and not among them is withdrawn. The run's start
 * and history length when it staged them tell which of its snapshots are newer.
 */
export interface NoticeStaging {
  notices: StagedNotice[];
  runStartedAt: string;
  historyLength: number;
}

/** Activities the interpreter calls on its own behalf (not named by definitions). */
export interface NoticeActivities {
  deliverNotice(delivery: NoticeDelivery): Promise<void>;
  /** Stages the notices (see NoticeStaging); answers the keys of those the store will deliver. */
  stageNotices(staging: NoticeStaging): Promise<string[]>;
}
