import { workflowSinks } from '@sss/temporal/workflow-sinks';
import { Worker } from '@temporalio/worker';
import { definitionKey } from '@sss/domain';
import { releasedDefinitions } from '@sss/definitions';
import { loadHistoryFixtures } from './history-fixtures';
import { workflowBundle } from './time-skipping';

const fixtures = loadHistoryFixtures();

/**
 * The determinism guard: today's workflow code must replay every recorded history of every
 * released definition version exactly. A change that would alter a running case's history fails
 * here until it is guarded by patched() (see docs/process-versioning.md).
 */
describe('replaying recorded histories', () => {
  it.each(fixtures.map((f) => [`${f.definition} ${f.scenario}`, f] as const))(
    '%s replays with today’s workflow code',
    async (_, fixture) => {
      await Worker.runReplayHistory(
        {
          workflowBundle: await workflowBundle(),
          sinks: workflowSinks(),
          replayName: fixture.scenario,
        },
        fixture.history,
        fixture.workflowId,
      );
    },
  );

  it('covers every released definition version with at least one long history', () => {
    for (const def of releasedDefinitions().all()) {
      const mine = fixtures.filter((f) => f.definition === definitionKey(def));
      const longest = Math.max(0, ...mine.map((f) => f.history.events?.length ?? 0));
      expect({ definition: definitionKey(def), long: longest >= 100 }).toEqual({
        definition: definitionKey(def),
        long: true,
      });
    }
  });
});
