import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import {
  bindActivities,
  CaseRecordsActivities,
  NoticesActivities,
  ProcessSnapshotStore,
} from '@sss/activities';
import { WorkerEnvironment } from '@sss/config';
import {
  parsePayloadKeys,
  PayloadCipher,
  temporalConnectionOptions,
  WorkerPayloadCodec,
} from '@sss/temporal';
import { tracingActivityInterceptors } from '@sss/temporal/tracing';
import {
  asyncContextIsFramed,
  coreBridgeEvictsAfterLegacyQueries,
  workflowCacheSize,
} from '@sss/temporal/workflow-cache';
import { workflowSinks } from '@sss/temporal/workflow-sinks';
import {
  bundlerOptions,
  workflowInterceptorModules,
  workflowsPath,
} from '@sss/temporal/workflow-bundle';

/** The Temporal worker that runs the case workflows and their activities. */
@Injectable()
export class CaseWorkerService implements OnModuleInit, BeforeApplicationShutdown {
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    private readonly env: WorkerEnvironment,
    private readonly records: CaseRecordsActivities,
    private readonly notices: NoticesActivities,
    private readonly snapshots: ProcessSnapshotStore,
  ) {}

  async onModuleInit(): Promise<void> {
    this.connection = await NativeConnection.connect(temporalConnectionOptions(this.env));
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.env.TEMPORAL_NAMESPACE,
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      dataConverter: {
        payloadCodecs: [
          new WorkerPayloadCodec(
            new PayloadCipher(parsePayloadKeys(this.env.PAYLOAD_KEYS)),
            (reason, workflowId) =>
              Runtime.instance().logger.warn('payload refused', { reason, workflowId }),
          ),
        ],
      },
      activities: bindActivities(this.records, this.notices),
      // A prebuilt bundle carries the workflow interceptors already (tools/build/workflow-bundle.ts).
      interceptors: {
        activity: [tracingActivityInterceptors],
        ...(this.env.WORKFLOW_BUNDLE_PATH ? {} : { workflowModules: workflowInterceptorModules }),
      },
      sinks: workflowSinks(this.snapshots),
      // A cached run saves a replay of its history on every task. With the prebuilt core bridge a
      // query could put a cached run ahead of its history (docs/worker-failover.md), and before
      // Node 24 each cached run slowed the others, so the cache needs both.
      maxCachedWorkflows: this.cacheSize(),
      ...(this.env.WORKFLOW_BUNDLE_PATH
        ? { workflowBundle: { codePath: this.env.WORKFLOW_BUNDLE_PATH } }
        : { workflowsPath, bundlerOptions }),
    });
  }

  private cacheSize(): number {
    const runtime = {
      bridgeHasFix: coreBridgeEvictsAfterLegacyQueries(),
      asyncContextIsFramed: asyncContextIsFramed(),
    };
    const size = workflowCacheSize(this.env.WORKER_CACHED_WORKFLOWS, runtime);
    if (size === 0 && this.env.WORKER_CACHED_WORKFLOWS === undefined)
      Runtime.instance().logger.warn('workflow cache off: every task replays its history', runtime);
    else Runtime.instance().logger.info('workflow cache', { runs: size });
    return size;
  }

  /** The SDK worker's state (RUNNING while it polls), for the readiness probe. */
  state(): string | undefined {
    return this.worker?.getState();
  }

  /** Polls until shutdown; rejects if the worker fails. */
  run(): Promise<void> {
    if (!this.worker) throw new Error('worker not initialised');
    this.running ??= this.worker.run();
    return this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Let in-flight activities finish (graceful shutdown) before the database pool closes.
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.snapshots.settled();
    await this.connection?.close();
  }
}
