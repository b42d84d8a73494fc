import { workflowSinks } from '@sss/temporal/workflow-sinks';
import fs from 'node:fs';
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { historyFromCliJson } from '@sss/temporal/history-json';
import { quietTemporalRuntime } from '../../../test/quiet-temporal-runtime';
import { legacyPayloadCodec } from './legacy-payload-codec';
import { workflowBundle } from './time-skipping';

/**
 * The two histories broken by the worker failover of issue 19 (docs/worker-failover.md), with the
 * throwaway payload key of the test instance that made them (synthetic data only).
 */
const DIR = path.join(__dirname, 'fixtures/broken-by-failover');
const keys = fs.readFileSync(path.join(DIR, 'payload-keys'), 'utf8').trim();
const broken = ['hist-repro-881438b6', 'hist-f6-0'].map((name) => {
  const history = historyFromCliJson(
    JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')),
  );
  return { name, history, workflowId: workflowIdOf(history), resetTo: repairPoint(history) };
});

type History = ReturnType<typeof historyFromCliJson>;
type Event = NonNullable<History['events']>[number];

/** The case's workflow id, as its first meeting's (child) workflow id begins with it. */
function workflowIdOf(history: History): string {
  const child = history.events!.find((e) => e.startChildWorkflowExecutionInitiatedEventAttributes);
  return child!.startChildWorkflowExecutionInitiatedEventAttributes!.workflowId!.split('/')[0];
}

/**
 * The documented reset point: the last workflow task completed before the timer whose task timed
 * out on the dead worker's sticky queue (the task after it is the one that lost its commands).
 */
function repairPoint(history: History): number {
  const events = history.events!;
  const timedOut = events.findIndex((e) => e.workflowTaskTimedOutEventAttributes);
  const before = (end: number, has: (e: Event) => unknown) => {
    for (let i = end - 1; i >= 0; i--) if (has(events[i])) return i;
    throw new Error('no such event');
  };
  const fired = before(timedOut, (e) => e.timerFiredEventAttributes);
  const completed = events[before(fired, (e) => e.workflowTaskCompletedEventAttributes)];
  return Number(completed.eventId);
}

const replay = async (history: History, workflowId: string) =>
  Worker.runReplayHistory(
    {
      workflowBundle: await workflowBundle(),
      sinks: workflowSinks(),
      dataConverter: { payloadCodecs: [legacyPayloadCodec(keys)] },
    },
    history,
    workflowId,
  );

beforeAll(() => quietTemporalRuntime());

describe.each(broken)(
  '$name, broken by the worker failover',
  ({ history, workflowId, resetTo }) => {
    it('cannot replay: the task after the timer lacks its commands', async () => {
      const next = history.events!.find((e) => Number(e.eventId) === resetTo + 1);
      expect(next).toHaveProperty('timerFiredEventAttributes');
      await expect(replay(history, workflowId)).rejects.toThrow(DeterminismViolationError);
    });

    it('replays up to the reset point, so a reset there repairs it', async () => {
      const good = { events: history.events!.filter((e) => Number(e.eventId) <= resetTo) };
      await expect(replay(good, workflowId)).resolves.toBeUndefined();
    });
  },
);

it('names the reset points the repair note gives', () => {
  expect(Object.fromEntries(broken.map((b) => [b.name, b.resetTo]))).toEqual({
    'hist-repro-881438b6': 111,
    'hist-f6-0': 149,
  });
});
