import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { canonicalJson, contentHash } from '@sss/domain';
import type { NoticeActivities, NoticeDelivery, StagedNotice } from './notice-activities';

/** Staging is one short transaction, retried until the store takes it. */
const { stageNotices } = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** What makes two notices the same notice, whatever their ids and moments. */
const noticePrint = (delivery: Omit<NoticeDelivery, 'key'>): string => {
  const { id: _id, at: _at, ...notice } = delivery.notice;
  return canonicalJson({ ...delivery, notice });
};

interface Wanted {
  key: string;
  print: string;
}

/**
 * The notices a process's next deadline will send, staged in the store ahead of it (the
 * activity stageNotices), so the worker's dispatcher sends them at their time even when the
 * process's own turn comes late. Only the store's answer makes a notice the store's: until it
 * has said so, the process sends the notice itself, under the staged key, so whichever of the
 * two gets there first, it is stored and sent once. Deterministic: it runs in the workflow.
 */
export class NoticeStager {
  /** The notices last asked to be staged, in order (several alike are told apart by position). */
  private wanted: Wanted[] = [];
  /** Keys the store said it holds, among those wanted. */
  private held = new Set<string>();
  /** A set to stage once the call under way has answered. */
  private next?: StagedNotice[];
  /** Calls go one at a time, so a later staging never crosses an earlier one. */
  private calling = false;
  private staged = false;

  /** `settled` is told whenever a staging call has answered. */
  constructor(private readonly settled: () => void) {}

  /** Whether no staging call is under way. */
  get idle(): boolean {
    return !this.calling;
  }

  /** Whether anything was ever staged by this run (to be withdrawn at its end). */
  get anyStaged(): boolean {
    return this.staged;
  }

  /**
   * Stages these deliveries (the notices due at `at`, ms), withdrawing those staged before that
   * are not among them and not due yet.
   */
  want(deliveries: Omit<NoticeDelivery, 'key'>[], at: number | undefined): void {
    const seen = new Map<string, number>();
    const wanted = deliveries.map((delivery) => {
      const print = noticePrint(delivery);
      const nth = seen.get(print) ?? 0;
      seen.set(print, nth + 1);
      const hash = contentHash(print).slice('sha256:'.length, 'sha256:'.length + 32);
      return {
        key: `${workflowInfo().firstExecutionRunId}/at-${at}/${hash}/${nth}`,
        print,
        delivery,
      };
    });
    const keysOf = (list: Wanted[]) => list.map((w) => w.key).join('\n');
    if (keysOf(wanted) === keysOf(this.wanted)) return;
    this.wanted = wanted.map(({ key, print }) => ({ key, print }));
    const keys = new Set(wanted.map((w) => w.key));
    this.held = new Set([...this.held].filter((key) => keys.has(key)));
    if (wanted.length > 0) this.staged = true;
    if (!this.staged) return; // nothing staged, nothing to withdraw
    const notices = wanted.map(({ key, delivery }) => ({
      delivery: { ...delivery, key },
      deliverAt: new Date(at ?? 0).toISOString(),
    }));
    if (this.calling) this.next = notices;
    else this.call(notices);
  }

  /**
   * The key to deliver a notice under, and whether the store delivers it (the process then does
   * not). A notice matches a wanted one of the same print, each wanted one once.
   */
  claim(delivery: Omit<NoticeDelivery, 'key'>): { key: string; held: boolean } | undefined {
    const print = noticePrint(delivery);
    const index = this.wanted.findIndex((w) => w.print === print);
    if (index < 0) return undefined;
    const [{ key }] = this.wanted.splice(index, 1);
    const held = this.held.delete(key);
    return { key, held };
  }

  private call(notices: StagedNotice[]): void {
    this.calling = true;
    const info = workflowInfo();
    void stageNotices({
      notices,
      runStartedAt: info.runStartTime.toISOString(),
      historyLength: info.historyLength,
    })
      .then(
        (held) => {
          const wanted = new Set(this.wanted.map((w) => w.key));
          this.held = new Set(held.filter((key) => wanted.has(key)));
        },
        // Failed for good: nothing is held, the process sends its notices itself.
        () => (this.held = new Set()),
      )
      .finally(() => {
        this.calling = false;
        const next = this.next;
        this.next = undefined;
        if (next) this.call(next);
        else this.settled();
      });
  }
}
