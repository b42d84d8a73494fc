import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { releasedDefinitions } from '@sss/definitions';
import { PATCHES_AFTER_LEAN_BASELINE } from '../src/process/patches';
import { childWorkflowId } from '../src/process/process-messages';
import { releasedDefinitionScenarios } from './case-driver';
import { recordHistory } from './history-fixtures';

const scenarios = releasedDefinitionScenarios();
const EventType = temporal.api.enums.v1.EventType;
const referral = {
  caseId: 'c-pinned',
  householdName: '鎌倉 花子',
  fields: ['child'],
  referringAgency: 'houkatsu-kamakura',
};
const plan = {
  goals: 'the daughter goes back to school; the mother sees a doctor',
  agencies: ['houkatsu-kamakura', 'jiritsu-kamakura'],
  monitoringInterval: 'P1M',
  contactInterval: 'P2M',
};

const history = async (handle: WorkflowHandle) => (await handle.fetchHistory()).events ?? [];
const startEventBytes = (events: temporal.api.history.v1.IHistoryEvent[]) =>
  temporal.api.history.v1.HistoryEvent.encode(events[0]).finish().length;
const markers = (events: temporal.api.history.v1.IHistoryEvent[]) =>
  events.filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED).length;

describe('runs pinned by hash', () => {
  it('start with a start event under 5 KB and record a marker only for each patch newer than the lean baseline, a meeting child pinned the same way, to closure', async () => {
    const { handle, drive, definition } = await scenarios.startCase('collaboration', { referral });
    await drive.complete('obtainConsent', { consent: 'given' });
    await drive.complete('assess', { assessmentSummary: 'young carer' });
    await drive.complete('draftPlan', plan);
    const meeting = (await drive.view()).calls[0];
    await drive.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 1 });
    await drive.complete('planConsent', { planAgreed: true });
    await scenarios.env.sleep('35 days');
    await drive.complete('monitor', { monitoringNote: 'back at school', next: 'continue' });
    await drive.send('terminateRequested', {}, 'coord-1');
    await drive.holdMeeting({ outcome: 'agreed', decision: 'goals met' });
    expect((await handle.result()).status).toBe('completed');

    const events = await history(handle);
    expect(startEventBytes(events)).toBeLessThan(5_000);
    expect(markers(events)).toBe(PATCHES_AFTER_LEAN_BASELINE.length);
    const child = scenarios.env.client.workflow.getHandle(
      childWorkflowId(handle.workflowId, meeting.workId),
    );
    const childEvents = await history(child);
    expect(startEventBytes(childEvents)).toBeLessThan(5_000);
    expect(markers(childEvents)).toBe(PATCHES_AFTER_LEAN_BASELINE.length);
    await recordHistory(handle, definition, 'pinned-by-hash-planned-monitored-closed');
    // collaboration@2 calls meeting@2 by version.
    await recordHistory(child, 'meeting@2', 'pinned-by-hash-plan-meeting-held');
  });

  const taskFailure = async (handle: WorkflowHandle): Promise<string> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const failed = (await history(handle)).find(
        (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
      );
      if (failed) return failed.workflowTaskFailedEventAttributes?.failure?.message ?? '';
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('no workflow task failed');
  };

  it('fail the workflow task, naming the definition, when the worker does not ship it', async () => {
    const { handle } = await scenarios.startCase(
      'collaboration',
      { referral },
      {
        root: 'collaboration@99',
        pins: { 'collaboration@99': 'sha256:0000' },
        bindings: {},
      },
    );
    expect(await taskFailure(handle)).toContain(
      'this worker does not ship process definition collaboration@99 (sha256:0000)',
    );
    await handle.terminate('test over');
  });

  it('fail the workflow task when the shipped definition is not the one the run is pinned to', async () => {
    const pinned = releasedDefinitions().pinByHash('collaboration');
    const { handle } = await scenarios.startCase(
      'collaboration',
      { referral },
      {
        pins: { ...pinned.pins, [pinned.root]: 'sha256:edited' },
      },
    );
    expect(await taskFailure(handle)).toContain(
      `but the run is pinned to sha256:edited: a released definition was edited`,
    );
    await handle.terminate('test over');
  });
});
