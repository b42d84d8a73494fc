import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { WorkerEnvironment } from '@sss/config';
import { TemporalRuntimeLogger } from '@sss/logging';

/**
 * Installs the SDK runtime once per process: its log into ours and, with METRICS_ADDRESS, its
 * Prometheus exporter (task latencies, schedule-to-start, failures by task queue and activity
 * type; tagged by namespace, queue and type only, never by a case).
 */
export function installWorkerRuntime(env: WorkerEnvironment, log: Logger): void {
  Runtime.install({
    logger: new TemporalRuntimeLogger(log),
    ...(env.METRICS_ADDRESS
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: {
                bindAddress: env.METRICS_ADDRESS,
                countersTotalSuffix: true,
                useSecondsForDurations: true,
              },
            },
          },
        }
      : {}),
  });
}
