import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { failureReason } from './delivery-outbox';
import { NoticesActivities } from './notices.activities';
import { StagedNotices } from './staged-notices';

/** How often the store is asked for notices whose time has come, while none are. */
export const DISPATCH_POLL_MS = 200;
/** Notices claimed at once, and sent side by side. */
const BATCH = 100;
const PARALLEL = 8;
/** How long a claimed notice is this worker's before another takes it over. */
const LEASE_SECONDS = 60;
/** Backoff of a failing delivery: doubling from 2 s up to 10 minutes, as the activity's. */
const retryIn = (attempts: number) => Math.min(2 ** attempts, 600);

/**
 * Sends the staged notices (StagedNotices) at their time, from every worker: the claim keeps two
 * from sending one. A delivery is the activity deliverNotice's, keyed the same, so a notice the
 * process also sent (it could not know the store held it) is stored and mailed once.
 */
@Injectable()
export class StagedNoticeDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(StagedNoticeDispatcher.name);
  private stopping = false;
  private loop?: Promise<void>;
  private wake?: () => void;

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
  }

  /** Sends what is due now; answers how many it took (for tests and the loop). */
  async dispatchDue(): Promise<number> {
    const due = await this.staged.claimDue(BATCH, LEASE_SECONDS);
    let next = 0;
    const lane = async () => {
      while (next < due.length) {
        const notice = due[next++];
        try {
          await this.notices.deliverFor(notice.delivery, notice.workflowId);
          await this.staged.delivered(notice.key);
        } catch (error) {
          const reason = failureReason(error);
          this.log.warn(`staged notice ${notice.key} not delivered yet: ${reason}`);
          await this.staged
            .failed(notice.key, reason, retryIn(notice.attempts))
            .catch(() => undefined); // the lease runs out, and it is taken again
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, lane));
    return due.length;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let full = false;
      try {
        full = (await this.dispatchDue()) === BATCH;
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
