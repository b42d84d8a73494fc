import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { ApiEnvironment } from '@sss/config';

/**
 * A worker counts as polling when the server saw it poll this recently. An idle worker's long
 * polls last about a minute, but it keeps several open, so one of them is always recent; a
 * killed worker stays listed by the server for minutes, and drops out after this.
 */
export const POLLER_SEEN_WITHIN_MS = 90_000;
const TIMEOUT_MS = 2000;

/** Temporal's frontend answers, and a worker polls the cases' task queue. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly connection: Connection,
    private readonly health: HealthIndicatorService,
    private readonly env: ApiEnvironment,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.health.check(key);
    try {
      await this.connection.withDeadline(Date.now() + TIMEOUT_MS, () =>
        this.connection.workflowService.getSystemInfo({}),
      );
      return indicator.up();
    } catch {
      return indicator.down({ message: 'Temporal frontend did not answer' });
    }
  }

  /** Without a worker every read and action of a case fails: the API is not ready then. */
  async hasWorker(key: string) {
    const indicator = this.health.check(key);
    try {
      const { pollers } = await this.connection.withDeadline(Date.now() + TIMEOUT_MS, () =>
        this.connection.workflowService.describeTaskQueue({
          namespace: this.env.TEMPORAL_NAMESPACE,
          taskQueue: { name: this.env.TEMPORAL_TASK_QUEUE },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      );
      const since = Date.now() - POLLER_SEEN_WITHIN_MS;
      const live = pollers.filter((p) => seenAt(p.lastAccessTime) >= since);
      return live.length > 0
        ? indicator.up({ pollers: live.length })
        : indicator.down({ message: 'no worker polls the task queue' });
    } catch {
      return indicator.down({ message: 'Temporal frontend did not answer' });
    }
  }
}

function seenAt(at: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  if (!at) return 0;
  return Number(at.seconds ?? 0) * 1000 + Math.floor((at.nanos ?? 0) / 1e6);
}
