import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { NotificationEntity } from '@sss/persistence';
import { failureReason } from './delivery-outbox';
import { NoticesActivities } from './notices.activities';
import { DueNotice, StagedNotices } from './staged-notices';

/** How often the store is asked for notices whose time has come, while none are. */
const DISPATCH_POLL_MS = 200;
/** Notices claimed and stored at once (each alone, side by side, if that fails); then sent. */
const BATCH = 100;
const PARALLEL = 8;
const SENDING = 16;
/** How long a claimed notice is this worker's before another takes it over. */
const LEASE_SECONDS = 60;
/**
 * Sends queued behind a slow mail server past which no more is claimed: a claim outliving its
 * lease is taken again, and would be queued again.
 */
const MAX_QUEUED = 10 * BATCH;
/** Backoff of a failing delivery: doubling from 2 s up to 10 minutes, as the activity's. */
const retryIn = (attempts: number) => Math.min(2 ** attempts, 600);

/**
 * Sends the staged notices (StagedNotices) at their time, from every worker: the claim keeps two
 * from sending one. A delivery is the activity deliverNotice's, keyed the same, so a notice the
 * process also sent (it could not know the store held it) is stored and mailed once. The inbox
 * rows of what is due are written first; the mail and webhooks follow in the background, so a
 * slow mail server holds up no one's inbox. A notice is done once all its sends are through.
 */
@Injectable()
export class StagedNoticeDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(StagedNoticeDispatcher.name);
  private stopping = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly sends = new Set<Promise<void>>();
  private sendQueue: (() => Promise<void>)[] = [];

  constructor(
    private readonly staged: StagedNotices,
    private readonly notices: NoticesActivities,
  ) {}

  onApplicationBootstrap(): void {
    this.loop ??= this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await this.settled();
  }

  /** Resolves once every send under way or queued is done. */
  async settled(): Promise<void> {
    while (this.sends.size > 0) await Promise.all(this.sends);
  }

  /**
   * Stores what is due now and queues its sends (see `settled`); answers how many it took. The
   * batch is stored in one transaction; if any of it cannot be (a case not stored yet), each is
   * stored alone, so that one holds up no other.
   */
  async dispatchDue(): Promise<number> {
    const due = await this.staged.claimDue(BATCH, LEASE_SECONDS);
    if (due.length === 0) return 0;
    const stored = await this.notices.storeAll(due).catch(() => undefined);
    if (stored) due.forEach((notice, i) => this.queueDelivery(notice, stored[i]));
    else await this.storeEach(due);
    return due.length;
  }

  /** Stores the notices one by one, side by side, each failure on its own row. */
  private async storeEach(due: DueNotice[]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < due.length) {
        const notice = due[next++];
        try {
          this.queueDelivery(notice, await this.notices.store(notice.delivery, notice.workflowId));
        } catch (error) {
          await this.failed(notice, error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, lane));
  }

  /** Queues the sends of a stored notice; it is done once they are through. */
  private queueDelivery(notice: DueNotice, stored: NotificationEntity[]): void {
    this.queueSend(() =>
      this.notices
        .send(stored)
        .then(() => this.staged.delivered(notice.key))
        .catch((error: unknown) => this.failed(notice, error)),
    );
  }

  private async failed(notice: DueNotice, error: unknown): Promise<void> {
    const reason = failureReason(error);
    this.log.warn(`staged notice ${notice.key} not delivered yet: ${reason}`);
    // If this fails too, the lease runs out and the notice is taken again.
    await this.staged.failed(notice.key, reason, retryIn(notice.attempts)).catch(() => undefined);
  }

  /** Runs a send once fewer than SENDING are under way. */
  private queueSend(send: () => Promise<void>): void {
    this.sendQueue.push(send);
    this.pump();
  }

  private pump(): void {
    while (this.sends.size < SENDING && this.sendQueue.length > 0) {
      const running = this.sendQueue.shift()!().finally(() => {
        this.sends.delete(running);
        this.pump();
      });
      this.sends.add(running);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let full = false;
      try {
        if (this.sendQueue.length < MAX_QUEUED) full = (await this.dispatchDue()) === BATCH;
      } catch (error) {
        // The database away: the next round tries again.
        this.log.warn(`staged notices not read: ${failureReason(error)}`);
      }
      if (full || this.stopping) continue;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, DISPATCH_POLL_MS);
      });
    }
  }
}
