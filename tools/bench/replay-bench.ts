/**
 * The cost of replaying the recorded histories (test/fixtures/histories), which is what a worker
 * without a cache does on every workflow task: R rounds over every fixture, one replay worker,
 * per event and per history. With --compare-preload, also the same bundle with full stack capture
 * and with nothing preloaded, interleaved round by round.
 *
 *   npx tsx tools/bench/replay-bench.ts [--rounds 5] [--compare-preload]
 */
import { workflowSinks } from '@sss/temporal/workflow-sinks';
import { parseArgs } from 'node:util';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundlerOptions } from '@sss/temporal/workflow-bundle';
import { bundleWorkflows } from '../../libs/workflows/test/time-skipping';
import { loadHistoryFixtures } from '../../libs/workflows/test/history-fixtures';
import { quietTemporalRuntime } from '../../test/quiet-temporal-runtime';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    'compare-preload': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(args.rounds);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

async function replayAll(bundle: WorkflowBundleWithSourceMap, histories: Fixture[]) {
  const began = performance.now();
  const replays = Worker.runReplayHistories(
    { workflowBundle: bundle, sinks: workflowSinks() },
    histories.map((f, i) => ({ workflowId: f.workflowId ?? `wf-${i}`, history: f.history })),
  );
  for await (const r of replays) if (r.error) throw r.error;
  return performance.now() - began;
}
type Fixture = ReturnType<typeof loadHistoryFixtures>[number];

async function main() {
  quietTemporalRuntime();
  const fixtures = loadHistoryFixtures();
  const events = fixtures.reduce((n, f) => n + (f.history.events?.length ?? 0), 0);
  const kinds: [string, WorkflowBundleWithSourceMap][] = [['production', await bundleWorkflows()]];
  if (args['compare-preload']) {
    const libraries = (bundlerOptions.preloadModules ?? []).filter(
      (m) => !m.includes('sandbox-stack-limit'),
    );
    for (const [kind, preloadModules] of [
      ['libraries preloaded, full stacks', libraries],
      ['nothing preloaded', []],
    ] as [string, string[]][]) {
      kinds.push([kind, await bundleWorkflows(preloadModules)]);
    }
  }
  const times = new Map<string, number[]>(kinds.map(([k]) => [k, []]));
  await replayAll(kinds[0][1], fixtures.slice(0, 2)); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...kinds].reverse() : kinds;
    for (const [kind, bundle] of order) times.get(kind)!.push(await replayAll(bundle, fixtures));
  }
  process.stdout.write(
    `${fixtures.length} histories, ${events} events, ${ROUNDS} rounds (median)\n\n` +
      '| bundle | all histories (ms) | per history (ms) | per event (µs) |\n|---|--:|--:|--:|\n',
  );
  for (const [kind, ts] of times) {
    const m = median(ts);
    process.stdout.write(
      `| ${kind} | ${m.toFixed(0)} | ${(m / fixtures.length).toFixed(1)} | ${((m * 1000) / events).toFixed(0)} |\n`,
    );
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
