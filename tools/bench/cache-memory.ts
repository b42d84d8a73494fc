/**
 * What a cached case holds in the worker's memory (issue 18). Cases are referred on a worker that
 * runs its workflows in its own heap (debugMode: the same reusable context a deployed worker's
 * workflow thread uses, with the worker's per-run state beside it), each waits at its first task
 * in the cache, and the heap after a full collection is compared with the heap before: bytes per
 * cached run. A cost that grows with the cache shows as more per run at more runs.
 *
 *   npm run -s bench:cache-memory -- [--cases 100,400] [--runtimes node,/path/to/node20]
 *       [--bundles production,libraries-only] [--by-kind]
 *
 * Each (runtime, bundle, cases) is a process of its own, one after the other; `libraries-only`
 * is the production bundle with only the third-party libraries preloaded, as before stop 18 (the
 * domain library and the shipped definitions evaluated per run). --by-kind adds, for each, what
 * grew between heap snapshots (V8's node type and name), per run. Markdown on stdout.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { Worker } from '@temporalio/worker';
import { releasedDefinitions } from '@sss/definitions';
import { bundlerOptions } from '@sss/temporal/workflow-bundle';
import { workflowSinks } from '@sss/temporal/workflow-sinks';
import { processWorkflow } from '../../libs/workflows/src/process/process.workflow';
import { processViewQuery } from '../../libs/workflows/src/process/process-messages';
import { recordingActivities } from '../../libs/workflows/test/case-driver';
import { bundleWorkflows, startTimeSkippingServer } from '../../libs/workflows/test/time-skipping';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100,400' },
    runtimes: { type: 'string', default: process.execPath },
    bundles: { type: 'string', default: 'production' },
    'by-kind': { type: 'boolean', default: false },
    /** Set by the parent: measure one configuration in this process and print it as JSON. */
    child: { type: 'boolean', default: false },
  },
});

const BUNDLES = ['production', 'libraries-only'] as const;
type BundleKind = (typeof BUNDLES)[number];
const OURS_PRELOADED_SINCE_STOP_18 = /domain[\\/]src[\\/]index|shipped-definitions/;

/** Warm-up cases, in the baseline: what every run shares is loaded as first used. */
const WARM_UP = 20;

interface Measured {
  runtime: string;
  bundle: BundleKind;
  cases: number;
  before: number;
  after: number;
  kinds: { key: string; bytes: number; count: number }[];
}

const collect = () => {
  if (!global.gc) throw new Error('run node with --expose-gc');
  for (let i = 0; i < 3; i++) global.gc();
  return process.memoryUsage().heapUsed;
};

/** Self sizes of a heap snapshot summed by node type and name. */
function sizesByKind(file: string): Map<string, { bytes: number; count: number }> {
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const kinds = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]];
    const named = type !== 'string' && type !== 'number';
    const key = `${type} ${named ? snapshot.strings[snapshot.nodes[i + nameAt]].slice(0, 50) : ''}`;
    const kind = kinds.get(key) ?? { bytes: 0, count: 0 };
    kind.bytes += snapshot.nodes[i + sizeAt];
    kind.count += 1;
    kinds.set(key, kind);
  }
  return kinds;
}

async function measure(bundle: BundleKind, cases: number, byKind: boolean): Promise<Measured> {
  const env = await startTimeSkippingServer();
  const preloadModules = (bundlerOptions.preloadModules ?? []).filter(
    (m) => bundle === 'production' || !OURS_PRELOADED_SINCE_STOP_18.test(m),
  );
  const taskQueue = `cache-memory-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflows(preloadModules),
    debugMode: true,
    maxCachedWorkflows: WARM_UP + cases + 10,
    activities: recordingActivities().activities,
    sinks: workflowSinks({ record: async () => undefined }),
  });
  const running = worker.run();
  const pinned = releasedDefinitions().pinByHash('collaboration');
  const refer = async (i: number) => {
    const referral = { caseId: `c-${i}`, householdName: '鎌倉 太郎', fields: ['elderly'] };
    const handle = await env.client.workflow.start(processWorkflow, {
      taskQueue,
      workflowId: `cache-memory-${i}-${randomUUID()}`,
      args: [{ ...pinned, variables: { referral: { ...referral, referringAgency: 'houkatsu' } } }],
    });
    await handle.query(processViewQuery);
  };
  const referAll = async (from: number, n: number) => {
    for (let i = 0; i < n; i += 10)
      await Promise.all(Array.from({ length: Math.min(10, n - i) }, (_, j) => refer(from + i + j)));
  };
  await referAll(-WARM_UP, WARM_UP);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-memory-'));
  const before = collect();
  const beforeFile = byKind ? v8.writeHeapSnapshot(path.join(dir, 'before.heapsnapshot')) : '';
  await referAll(0, cases);
  const after = collect();
  let kinds: Measured['kinds'] = [];
  if (byKind) {
    const was = sizesByKind(beforeFile);
    const is = sizesByKind(v8.writeHeapSnapshot(path.join(dir, 'after.heapsnapshot')));
    kinds = [...is]
      .map(([key, k]) => ({
        key,
        bytes: k.bytes - (was.get(key)?.bytes ?? 0),
        count: k.count - (was.get(key)?.count ?? 0),
      }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 12);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  worker.shutdown();
  await running;
  await env.teardown();
  return { runtime: process.version, bundle, cases, before, after, kinds };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function report(rows: Measured[]): string {
  const perRun = (m: Measured) => (m.after - m.before) / m.cases;
  const first = perRun(rows[0]);
  const lines = [
    `| runtime | bundle | cached runs | heap before | heap after | per cached run | ratio |`,
    `|---|---|---|---|---|---|---|`,
    ...rows.map(
      (m) =>
        `| ${m.runtime} | ${m.bundle} | ${WARM_UP} + ${m.cases} | ${mib(m.before)} | ${mib(m.after)} | ${kib(perRun(m))} | ${(perRun(m) / first).toFixed(2)}× |`,
    ),
  ];
  for (const m of rows.filter((r) => r.kinds.length)) {
    lines.push('', `What grew, ${m.runtime}, ${m.bundle}, ${m.cases} runs:`, '');
    lines.push('| V8 node type and name | per run | objects per run |', '|---|---|---|');
    for (const k of m.kinds)
      lines.push(
        `| ${k.key.trim()} | ${kib(k.bytes / m.cases)} | ${(k.count / m.cases).toFixed(0)} |`,
      );
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const cases = args.cases.split(',').map(Number);
  const bundles = args.bundles.split(',') as BundleKind[];
  for (const b of bundles) if (!BUNDLES.includes(b)) throw new Error(`--bundles: unknown ${b}`);
  if (cases.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--cases: positive integers');
  if (args.child) {
    const measured = await measure(bundles[0], cases[0], args['by-kind']);
    process.stdout.write(`${JSON.stringify(measured)}\n`);
    return;
  }
  const rows: Measured[] = [];
  for (const runtime of args.runtimes.split(','))
    for (const bundle of bundles)
      for (const n of cases) {
        process.stderr.write(`measuring ${runtime} ${bundle} ${n}\n`);
        const out = execFileSync(
          runtime,
          [
            '--expose-gc',
            '-r',
            '@swc-node/register',
            __filename,
            '--child',
            '--bundles',
            bundle,
          ].concat(['--cases', String(n)], args['by-kind'] ? ['--by-kind'] : []),
          { env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' }, maxBuffer: 2 ** 26 },
        );
        rows.push(JSON.parse(out.toString().trim().split('\n').pop() ?? '') as Measured);
      }
  process.stdout.write(report(rows));
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
