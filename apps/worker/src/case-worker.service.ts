import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { bindActivities, CaseRecordsActivities, NoticesActivities } from '@sss/activities';
import { WorkerEnvironment } from '@sss/config';
import { caseDataConverter } from '@sss/temporal';
import { webpackConfigHook, workflowsPath } from '@sss/temporal/workflow-bundle';

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
  ) {}

  async onModuleInit(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.env.TEMPORAL_ADDRESS });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.env.TEMPORAL_NAMESPACE,
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      dataConverter: caseDataConverter(this.env.PAYLOAD_KEYS),
      activities: bindActivities(this.records, this.notices),
      // No run is kept between tasks: each task replays the run's history. A cached run can be
      // put ahead of its history by a query (sdk-core applies the events a legacy query task
      // carries beyond the last workflow task, runs the workflow code on them and drops its
      // commands), and its next real task then sends none: a lost overdue notice, then a
      // nondeterminism failure on every later task. See docs/worker-failover.md.
      maxCachedWorkflows: 0,
      ...(this.env.WORKFLOW_BUNDLE_PATH
        ? { workflowBundle: { codePath: this.env.WORKFLOW_BUNDLE_PATH } }
        : { workflowsPath, bundlerOptions: { webpackConfigHook } }),
    });
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
    await this.connection?.close();
  }
}
