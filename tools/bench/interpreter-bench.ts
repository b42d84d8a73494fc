/**
 * Benchmark of the process interpreter against a hand-written workflow doing the same steps
 * (issue 3, item 8); its output is documented in docs/benchmarks.md.
 *
 *   npx tsx tools/bench/interpreter-bench.ts [--steps N] [--runs R] [--replay-steps M]
 *                                            [--replay-runs K] [--plain-payloads]
 *
 * One in-memory Temporal dev server and one worker (running both workflows) serve the whole run:
 *  1. cost per step: R runs of each kind, interleaved, each a sequence of N user tasks completed
 *     one by one through the `completeTask` update, waiting for each update's result;
 *  2. replay: one run of M steps of each kind (continue-as-new included), whose histories are
 *     then replayed K times with Worker.runReplayHistories.
 * The Markdown report goes to stdout, progress to stderr.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  Client,
  Connection,
  WorkflowHandle,
  WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import {
  bundleWorkflowCode,
  NativeConnection,
  Worker,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { definitionKey, FlowElement, ProcessDefinition, ProcessView } from '@sss/domain';
import { definition, end, start, task } from '@sss/domain/process/test/builders';
import {
  MunicipalityPayloadCodec,
  parsePayloadKeys,
  PayloadCipher,
  WorkerPayloadCodec,
} from '@sss/temporal';
import { bundlerOptions } from '@sss/temporal/workflow-bundle';
import { workflowSinks } from '@sss/temporal/workflow-sinks';
import { completeTaskUpdate, processViewQuery } from '@sss/workflows/process/process-messages';
import type { processWorkflow } from '@sss/workflows/process/process.workflow';
import { freePort } from '../../test/e2e/free-port';
import { quietTemporalRuntime } from '../../test/quiet-temporal-runtime';
import { REPO_ROOT, TEMPORAL_CLI } from '../dev/paths';
import { startTemporalDevServer, TemporalDevServer } from '../dev/temporal';
import type { handWrittenWorkflow } from './hand-written.workflow';

type History = temporal.api.history.v1.IHistory;
type Kind = 'interpreter' | 'hand-written';
const KINDS: Kind[] = ['interpreter', 'hand-written'];

const { values: args } = parseArgs({
  options: {
    steps: { type: 'string', default: '50' },
    runs: { type: 'string', default: '5' },
    'replay-steps': { type: 'string', default: '2000' },
    'replay-runs': { type: 'string', default: '1' },
    'plain-payloads': { type: 'boolean', default: false },
  },
});
const positive = (name: string, value: string | undefined): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const STEPS = positive('steps', args.steps);
const RUNS = positive('runs', args.runs);
const REPLAY_STEPS = positive('replay-steps', args['replay-steps']);
const REPLAY_RUNS = positive('replay-runs', args['replay-runs']);
const CODEC = !args['plain-payloads'];

const TASK_QUEUE = 'bench';
const began = performance.now();
const elapsed = () => `${((performance.now() - began) / 1000).toFixed(0)} s`;
const log = (message: string) => process.stderr.write(`[bench ${elapsed()}] ${message}\n`);

// ---- measuring -------------------------------------------------------------------------------

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, ms) a process has used so far, from /proc; undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** This process's CPU time (ms): the client, the worker's threads and its native core. */
const selfCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// ---- the two workflows -----------------------------------------------------------------------

/** `start → t1 → … → tN → end`: N user tasks, each with a one-field form. */
function sequenceDefinition(steps: number): ProcessDefinition {
  const ids = Array.from({ length: steps }, (_, i) => `t${i + 1}`);
  const form = { note: { type: 'string' } } as const;
  const nodes = ['start', ...ids, 'end'];
  return {
    ...definition(
      [start, ...ids.map((id) => task(id, { form } as Partial<FlowElement>)), end],
      nodes.slice(1).map((target, i) => `${nodes[i]}->${target}`),
      { note: { type: 'string' } },
    ),
    id: `bench-sequence-${steps}`,
    name: `Benchmark: ${steps} sequential user tasks`,
  };
}

function startRun(
  client: Client,
  kind: Kind,
  steps: number,
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  // A case's workflow id: the production codec seals every payload for its case.
  const workflowId = `case-${randomUUID()}`;
  const def = sequenceDefinition(steps);
  if (kind === 'interpreter') {
    return client.workflow.start<typeof processWorkflow>('processWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [{ definitions: { [definitionKey(def)]: def }, root: definitionKey(def) }],
    });
  }
  return client.workflow.start<typeof handWrittenWorkflow>('handWrittenWorkflow', {
    taskQueue: TASK_QUEUE,
    workflowId,
    args: [{ steps, definition: definitionKey(def) }],
  });
}

/** The first view: the query can race the run's first workflow task, so it is retried. */
async function firstView(handle: WorkflowHandle): Promise<ProcessView> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await handle.query(processViewQuery);
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** The workflow a fetched history belongs to: replay must name it (payloads are sealed for it). */
const workflowIdOf = new WeakMap<History, string>();

/** Every run of a continue-as-new chain, oldest first. */
async function fetchChain(
  client: Client,
  handle: WorkflowHandleWithFirstExecutionRunId,
): Promise<History[]> {
  const histories: History[] = [];
  let runId: string | undefined = handle.firstExecutionRunId;
  while (runId) {
    const history: History = await client.workflow
      .getHandle(handle.workflowId, runId)
      .fetchHistory();
    histories.push(history);
    workflowIdOf.set(history, handle.workflowId);
    const last = history.events?.[history.events.length - 1];
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return histories;
}

interface RunResult {
  kind: Kind;
  steps: number;
  wallMs: number;
  selfCpuMs: number;
  serverCpuMs?: number;
  histories: History[];
  workflowId: string;
}

/** Starts a run, completes its N tasks one update at a time, and waits for its result. */
async function drive(
  client: Client,
  server: TemporalDevServer,
  kind: Kind,
  steps: number,
): Promise<RunResult> {
  const serverPid = server.service.process.pid;
  const cpu0 = selfCpuMs();
  const serverCpu0 = processCpuMs(serverPid);
  const t0 = performance.now();
  const handle = await startRun(client, kind, steps);
  let view = await firstView(handle);
  for (let i = 1; i <= steps; i += 1) {
    const taskId = view.openTasks[0]?.id;
    if (!taskId) throw new Error(`${kind}: no open task before step ${i}`);
    view = await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId, data: { note: `step ${i}` }, by: 'bench-user' }],
    });
  }
  const result = (await handle.result()) as { status: string };
  const wallMs = performance.now() - t0;
  const cpu1 = selfCpuMs();
  const serverCpu1 = processCpuMs(serverPid);
  if (result.status !== 'completed') throw new Error(`${kind}: ended ${result.status}`);
  return {
    kind,
    steps,
    wallMs,
    selfCpuMs: cpu1 - cpu0,
    serverCpuMs:
      serverCpu0 !== undefined && serverCpu1 !== undefined ? serverCpu1 - serverCpu0 : undefined,
    histories: await fetchChain(client, handle),
    workflowId: handle.workflowId,
  };
}

const eventsOf = (r: RunResult) => r.histories.reduce((n, h) => n + (h.events?.length ?? 0), 0);
const bytesOf = (r: RunResult) =>
  r.histories.reduce((n, h) => n + temporal.api.history.v1.History.encode(h).finish().length, 0);

/**
 * Replays histories with one replay worker, one at a time, and times each from the end of the
 * previous one. The warm-ups (the worker's start, the first activations) are not counted.
 */
async function replayTimes(
  bundle: WorkflowBundleWithSourceMap,
  dataConverter: DataConverter | undefined,
  warmUps: History[],
  histories: { kind: Kind; history: History }[],
): Promise<Map<Kind, number>> {
  const items = [...warmUps.map((history) => ({ kind: undefined, history })), ...histories];
  const totals = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  let previous = performance.now();
  let i = 0;
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: bundle, dataConverter, replayName: 'bench', sinks: workflowSinks() },
    items.map(({ history }, n) => ({
      workflowId: workflowIdOf.get(history) ?? `replay-${n}`,
      history,
    })),
  )) {
    const at = performance.now();
    if (result.error) throw result.error;
    const kind = items[i].kind;
    if (kind) totals.set(kind, (totals.get(kind) ?? 0) + at - previous);
    previous = at;
    i += 1;
  }
  if (i !== items.length) throw new Error(`replayed ${i} of ${items.length} histories`);
  return totals;
}

// ---- reporting -------------------------------------------------------------------------------

const fmt = (n: number | undefined, digits = 2) =>
  n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}×`;
const row = (label: string, a: number | undefined, b: number | undefined, digits = 2) =>
  `| ${label} | ${fmt(a, digits)} | ${fmt(b, digits)} | ${ratio(a, b)} |`;
const table = (rows: string[]) =>
  ['| | interpreter | hand-written | ratio (interpreter / hand-written) |', '|---|--:|--:|--:|']
    .concat(rows)
    .join('\n');

/** The commit measured, and whether the workflow or domain code differed from it (read-only git). */
function codeVersion(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['--no-optional-locks', ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'libs/domain/src', 'libs/workflows/src');
    return `commit ${commit}${dirty ? ' plus uncommitted changes to libs/domain or libs/workflows' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

function machineFacts(): string[] {
  const cpus = os.cpus();
  const sdk = (
    JSON.parse(fs.readFileSync(require.resolve('@temporalio/worker/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  let cli = 'unknown';
  try {
    cli = execFileSync(TEMPORAL_CLI, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // only for the report
  }
  return [
    `- Code: ${codeVersion()}`,
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()} ${os.arch()}`,
    `- Node ${process.version}, Temporal TypeScript SDK ${sdk}, ${cli}`,
    `- Temporal dev server in memory (\`start-dev\`, no database file), one worker in the ` +
      `benchmark process, payloads ${CODEC ? 'encrypted with the production AES-GCM codec' : 'plain (no codec)'}`,
  ];
}

// ---- main ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  quietTemporalRuntime();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sss-bench-'));
  const logFile = path.join(dir, 'temporal.log');
  const cipher = new PayloadCipher(
    parsePayloadKeys(`142042:bench:${randomBytes(32).toString('base64')}`),
  );
  const dataConverter = CODEC ? { payloadCodecs: [new WorkerPayloadCodec(cipher)] } : undefined;
  const clientConverter = CODEC
    ? { payloadCodecs: [new MunicipalityPayloadCodec(cipher, '142042')] }
    : undefined;

  log(`bundling the workflows`);
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./hand-written.workflow'),
    ...bundlerOptions,
    logger: quietLogger,
  });

  log(`starting the Temporal dev server (log: ${logFile})`);
  const server = await startTemporalDevServer({
    port: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    logFile,
    headless: true,
  });
  let nativeConnection: NativeConnection | undefined;
  let connection: Connection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  try {
    nativeConnection = await NativeConnection.connect({ address: server.address });
    worker = await Worker.create({
      connection: nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: bundle,
      dataConverter,
      // The sinks a deployed worker has, storing nothing: the interpreter's snapshot is built
      // and handed over as in production, and no error is logged for a sink not registered.
      sinks: workflowSinks(),
    });
    running = worker.run();
    connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection, dataConverter: clientConverter });

    const warmUpSteps = Math.min(STEPS, 10);
    log(`warm-up: one unmeasured run of ${warmUpSteps} steps of each kind`);
    const warmUps = new Map<Kind, RunResult>();
    for (const kind of KINDS) warmUps.set(kind, await drive(client, server, kind, warmUpSteps));

    const results: RunResult[] = [];
    for (let r = 0; r < RUNS; r += 1) {
      // Interleaved, alternating which kind goes first, so drift and noise hit both alike.
      for (const kind of r % 2 === 0 ? KINDS : [...KINDS].reverse()) {
        const result = await drive(client, server, kind, STEPS);
        log(`run ${r + 1}/${RUNS} ${kind}: ${fmt(result.wallMs / STEPS)} ms/step`);
        results.push(result);
      }
    }

    // The two long runs go side by side, to keep the benchmark short; their histories have the
    // same shape as if driven alone (one update at a time per run).
    log(`long runs: ${REPLAY_STEPS} steps of each kind, side by side`);
    const long = new Map<Kind, RunResult>(
      await Promise.all(
        KINDS.map(async (kind) => [kind, await drive(client, server, kind, REPLAY_STEPS)] as const),
      ),
    );

    // One replay worker replays the runs of both chains alternately (interpreter run 1,
    // hand-written run 1, interpreter run 2, …), so noise hits both alike.
    const chains = KINDS.map((kind) => (long.get(kind) as RunResult).histories);
    const alternating = Array.from({ length: Math.max(...chains.map((c) => c.length)) }).flatMap(
      (_, n) => KINDS.flatMap((kind, k) => (chains[k][n] ? [{ kind, history: chains[k][n] }] : [])),
    );
    const warm = KINDS.map((kind) => (warmUps.get(kind) as RunResult).histories[0]);
    const replayMs = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
    for (let r = 0; r < REPLAY_RUNS; r += 1) {
      const times = await replayTimes(bundle, dataConverter, warm, alternating);
      for (const kind of KINDS) replayMs.get(kind)?.push(times.get(kind) ?? 0);
      log(
        `replay ${r + 1}/${REPLAY_RUNS}: ` +
          KINDS.map((kind) => `${kind} ${fmt(times.get(kind), 0)} ms`).join(', '),
      );
    }

    process.stdout.write(`${report(results, long, replayMs)}\n`);
  } finally {
    log('shutting down');
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    await running?.catch((error: unknown) => log(`worker: ${String(error)}`));
    await connection?.close();
    await nativeConnection?.close();
    await server.service.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  results: RunResult[],
  long: Map<Kind, RunResult>,
  replayMs: Map<Kind, number[]>,
): string {
  const of = (kind: Kind) => results.filter((r) => r.kind === kind);
  const per = (kind: Kind, f: (r: RunResult) => number | undefined) => {
    const xs = of(kind)
      .map(f)
      .filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : undefined;
  };
  const both = (f: (r: RunResult) => number | undefined): [number?, number?] => [
    per(KINDS[0], f),
    per(KINDS[1], f),
  ];
  const range = (kind: Kind) => {
    const xs = of(kind).map((r) => r.wallMs / r.steps);
    return `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  };
  const [li, lh] = KINDS.map((k) => long.get(k) as RunResult);
  const longest = (r: RunResult) => Math.max(...r.histories.map((h) => h.events?.length ?? 0));
  const replayed = (kind: Kind) => median(replayMs.get(kind) ?? []);
  const [ri, rh] = KINDS.map(replayed);

  const lines = [
    `## Interpreter vs hand-written workflow (${new Date().toISOString().slice(0, 10)})`,
    '',
    ...machineFacts(),
    `- Parameters: \`--steps ${STEPS} --runs ${RUNS} --replay-steps ${REPLAY_STEPS} ` +
      `--replay-runs ${REPLAY_RUNS}${CODEC ? '' : ' --plain-payloads'}\``,
    '',
    `### Cost per step: ${STEPS} sequential user tasks, median of ${RUNS} interleaved runs`,
    '',
    table([
      row('total wall time per run (ms)', ...both((r) => r.wallMs), 0),
      row('wall time per step (ms)', ...both((r) => r.wallMs / r.steps)),
      `| wall time per step, min–max over runs (ms) | ${range(KINDS[0])} | ${range(KINDS[1])} | |`,
      row('history events per step', ...both((r) => eventsOf(r) / r.steps)),
      row('history bytes per step', ...both((r) => bytesOf(r) / r.steps), 0),
      row(
        'benchmark process CPU per step (ms): client + worker',
        ...both((r) => r.selfCpuMs / r.steps),
      ),
      row(
        'server CPU per step (ms)',
        ...both((r) => (r.serverCpuMs === undefined ? undefined : r.serverCpuMs / r.steps)),
      ),
    ]),
    '',
    `### Long run and replay: ${REPLAY_STEPS} steps, ` +
      (REPLAY_RUNS === 1 ? 'one replay' : `median of ${REPLAY_RUNS} replays`),
    '',
    `The two long runs were driven side by side; their runs were replayed alternately by one ` +
      `replay worker. The whole benchmark took ${elapsed()} up to this report.`,
    '',
    table([
      row(
        'wall time per step, both runs side by side (ms)',
        li.wallMs / li.steps,
        lh.wallMs / lh.steps,
      ),
      row('history events per step', eventsOf(li) / li.steps, eventsOf(lh) / lh.steps),
      row('runs in the continue-as-new chain', li.histories.length, lh.histories.length, 0),
      row('history events, all runs', eventsOf(li), eventsOf(lh), 0),
      row('history events, longest run', longest(li), longest(lh), 0),
      row('history size, all runs (KiB)', bytesOf(li) / 1024, bytesOf(lh) / 1024, 0),
      row('replay time, all runs (ms)', ri, rh, 0),
      row('replay time per event (µs)', (ri * 1000) / eventsOf(li), (rh * 1000) / eventsOf(lh)),
      row('replay time per step (ms)', ri / li.steps, rh / lh.steps, 3),
    ]),
  ];
  return lines.join('\n');
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
