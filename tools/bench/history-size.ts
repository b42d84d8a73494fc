/**
 * What a case costs in Temporal's store (issue 18, item 3): the bytes of its start event and the
 * events its start and each of its first steps add, for a case pinned by copy (every run before
 * pinning by hash) and one pinned by hash, side by side. Documented in docs/benchmarks.md.
 *
 *   npx tsx tools/bench/history-size.ts
 *
 * One time-skipping test server and one worker with the production payload codec (sealed
 * payloads, as the API writes them) and activities that record nothing. Markdown to stdout.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { calendarFor, releasedDefinitions } from '@sss/definitions';
import { caseWorkflowId, ProcessView, Variables } from '@sss/domain';
import {
  MunicipalityPayloadCodec,
  parsePayloadKeys,
  PayloadCipher,
  WorkerPayloadCodec,
} from '@sss/temporal';
import { registerSearchAttributes } from '@sss/temporal/search-attribute-registration';
import { workflowSinks } from '@sss/temporal/workflow-sinks';
import {
  completeTaskUpdate,
  ProcessInput,
  settledUpdate,
} from '@sss/workflows/process/process-messages';
import { PROCESS_ACTIVITIES } from '@sss/workflows/process/process-activities';
import type { processWorkflow } from '@sss/workflows/process/process.workflow';
import { quietTemporalRuntime } from '../../test/quiet-temporal-runtime';
import { bundleWorkflows } from '../../libs/workflows/test/time-skipping';
import { TEMPORAL_TEST_SERVER } from '../dev/paths';

const MUNICIPALITY = '142042';
const HistoryEvent = temporal.api.history.v1.HistoryEvent;
const EventType = temporal.api.enums.v1.EventType;

/** A referral as the API makes one (fictional data). */
const referral = {
  caseId: 'c-bench',
  municipality: MUNICIPALITY,
  programme: 'collaboration',
  fields: ['elderly', 'poverty'],
  issueTags: ['8050'],
  referringAgency: 'houkatsu-kamakura',
  householdName: '鎌倉 太郎',
  summary: 'father with dementia, son withdrawn for twenty years',
  members: [],
  supportMeetingAgencies: ['houkatsu-kamakura'],
  assignedCoordinator: 'coord-1',
  referredBy: 'coord-1',
};

/** The steps measured, as a coordinator takes them through the API. */
const STEPS: [string, Variables][] = [
  ['obtainConsent', { consent: 'given' }],
  ['assess', { assessmentSummary: 'father: dementia; son: withdrawn' }],
  [
    'draftPlan',
    {
      goals: 'father keeps living at home',
      agencies: ['houkatsu-kamakura', 'jiritsu-kamakura'],
      monitoringInterval: 'P1M',
      contactInterval: 'P2M',
    },
  ],
];

interface Measured {
  startEventBytes: number;
  startEvents: number;
  markers: number;
  upserts: number;
  steps: number[];
}

async function main(): Promise<void> {
  quietTemporalRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEMPORAL_TEST_SERVER } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  const cipher = new PayloadCipher(
    parsePayloadKeys(`${MUNICIPALITY}:bench:${randomBytes(32).toString('base64')}`),
  );
  const taskQueue = `history-size-${randomUUID()}`;
  const record = async () => ({ version: 1 });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    dataConverter: { payloadCodecs: [new WorkerPayloadCodec(cipher)] },
    activities: {
      ...Object.fromEntries(PROCESS_ACTIVITIES.map((name) => [name, record])),
      deliverNotice: async () => undefined,
      stageNotices: async () => [],
    },
    sinks: workflowSinks(),
  });
  const running = worker.run();
  const client = new (await import('@temporalio/client')).Client({
    connection: env.connection,
    dataConverter: { payloadCodecs: [new MunicipalityPayloadCodec(cipher, MUNICIPALITY)] },
  });
  const registry = releasedDefinitions();
  const byCopy = registry.pin('collaboration');
  const inputs: Record<string, ProcessInput> = {
    'pinned by copy (before)': { ...byCopy },
    'pinned by hash (after)': { ...registry.pinByHash('collaboration') },
  };
  const results: [string, Measured][] = [];
  try {
    for (const [name, pinned] of Object.entries(inputs)) {
      const handle = await client.workflow.start<typeof processWorkflow>('processWorkflow', {
        taskQueue,
        workflowId: caseWorkflowId(randomUUID()),
        args: [
          {
            variables: { referral: { ...referral, processDefinition: pinned.root } },
            ...pinned,
            calendar: calendarFor(MUNICIPALITY),
          },
        ],
      });
      results.push([name, await measure(handle)]);
      await handle.terminate('measured');
    }
  } finally {
    worker.shutdown();
    await running;
    await env.teardown();
  }
  process.stdout.write(report(results));
}

async function measure(handle: WorkflowHandle): Promise<Measured> {
  const events = async () => (await handle.fetchHistory()).events ?? [];
  await handle.executeUpdate(settledUpdate);
  const started = await events();
  const steps: number[] = [];
  let length = started.length;
  for (const [elementId, data] of STEPS) {
    const view = await handle.executeUpdate(settledUpdate);
    const task = (view as ProcessView).openTasks.find((t) => t.elementId === elementId);
    if (!task) throw new Error(`${elementId} is not open`);
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, data, by: 'coord-1' }],
    });
    const now = (await events()).length;
    steps.push(now - length);
    length = now;
  }
  const all = await events();
  const count = (type: number) => all.filter((e) => e.eventType === type).length;
  return {
    startEventBytes: HistoryEvent.encode(started[0]).finish().length,
    startEvents: started.length,
    markers: count(EventType.EVENT_TYPE_MARKER_RECORDED),
    upserts: count(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES),
    steps,
  };
}

function report(results: [string, Measured][]): string {
  const rows = results.map(
    ([name, m]) =>
      `| ${name} | ${m.startEventBytes} | ${m.startEvents} | ${m.steps.join(' / ')} | ${m.markers} | ${m.upserts} |`,
  );
  return [
    `collaboration (latest) started as the API starts it, then ${STEPS.map(([id]) => id).join(', ')}:`,
    '',
    '| run | start event (bytes) | events to settled start | events per step | patch markers | search-attribute upserts |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
