import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { releasedDefinitions } from '@sss/definitions';
import {
  childWorkflowId,
  migrateUpdate,
  MigrationRequest,
  migrationCheckQuery,
} from '../src/process/process-messages';
import { releasedDefinitionScenarios } from './case-driver';
import { recordHistory } from './history-fixtures';

const scenarios = releasedDefinitionScenarios();
const registry = releasedDefinitions();
const EventType = temporal.api.enums.v1.EventType;
const referral = {
  caseId: 'c-migrated',
  householdName: '鎌倉 次郎',
  fields: ['disability'],
  referringAgency: 'houkatsu-kamakura',
};
const plan = {
  goals: 'a place to go three days a week',
  agencies: ['houkatsu-kamakura', 'kikan-soudan'],
  monitoringInterval: 'P1M',
  contactInterval: 'P2M',
};
/** collaboration@2 differs from @1 in the meetings it calls (meeting@2): its ids are the same. */
const toV2 = (mapping = {}): MigrationRequest => ({
  target: registry.pinByHash('collaboration', 2),
  mapping,
  by: 'admin-1',
});
/** A case started on collaboration@1, its referral recorded: it waits for consent. */
const onV1 = async () => {
  const started = await scenarios.startCase(
    'collaboration',
    { referral },
    registry.pinByHash('collaboration', 1),
  );
  await started.drive.openTask('obtainConsent');
  return started;
};

describe('migrating running cases', () => {
  it('moves a batch of collaboration@1 cases to @2, which keep running there; a case in a meeting stays, saying why', async () => {
    const atConsent = await onV1();
    const atAssessment = await onV1();
    await atAssessment.drive.complete('obtainConsent', { consent: 'given' });
    const inMeeting = await onV1();
    await inMeeting.drive.complete('obtainConsent', {
      consent: 'refused',
      noConsentMeeting: 'support_meeting',
    });
    await inMeeting.drive.openTask('schedule');
    const batch = [atConsent, atAssessment, inMeeting];

    // The dry run changes nothing and says, case by case, whether it can move.
    const checks = await Promise.all(batch.map((c) => c.handle.query(migrationCheckQuery, toV2())));
    expect(checks.map((c) => [c.from, c.to, c.canMove])).toEqual([
      ['collaboration@1', 'collaboration@2', true],
      ['collaboration@1', 'collaboration@2', true],
      ['collaboration@1', 'collaboration@2', false],
    ]);
    expect(checks[2].reasons).toEqual([
      'noConsentMeeting is in progress (a process it called): migrate once it has finished',
    ]);
    const firstRuns = await Promise.all(batch.map((c) => c.handle.describe()));

    for (const c of batch.slice(0, 2))
      await c.handle.executeUpdate(migrateUpdate, { args: [toV2()] });
    await expect(inMeeting.handle.executeUpdate(migrateUpdate, { args: [toV2()] })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );

    // The moved cases run on @2 where they stood; the meeting case is untouched on @1.
    expect((await atConsent.drive.view()).definition).toBe('collaboration@2');
    expect((await atAssessment.drive.view()).definition).toBe('collaboration@2');
    expect((await inMeeting.drive.view()).definition).toBe('collaboration@1');
    expect((await inMeeting.handle.describe()).runId).toBe(firstRuns[2].runId);
    expect((await atConsent.handle.describe()).runId).not.toBe(firstRuns[0].runId);

    // And keep running: the next steps open, and the plan meeting is @2's meeting@2.
    await atAssessment.drive.complete('assess', { assessmentSummary: 'isolated since school' });
    await atAssessment.drive.complete('draftPlan', plan);
    const [meeting] = (await atAssessment.drive.view()).calls;
    const child = scenarios.env.client.workflow.getHandle(
      childWorkflowId(atAssessment.handle.workflowId, meeting.workId),
    );
    expect((await atAssessment.drive.view()).stage).toBe('planning');
    expect(
      (await scenarios.env.client.workflow
        .getHandle(child.workflowId)
        .query('processView')) as object,
    ).toMatchObject({
      definition: 'meeting@2',
    });
    await atConsent.drive.complete('obtainConsent', { consent: 'given' });
    await atConsent.drive.openTask('assess');

    const moved = scenarios.env.client.workflow.getHandle(
      atAssessment.handle.workflowId,
      firstRuns[1].runId,
    );
    const events = (await moved.fetchHistory()).events ?? [];
    expect(events.at(-1)?.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    await recordHistory(moved, 'collaboration@1', 'pinned-by-hash-migrated-to-v2');
  });

  it('refuses a move whose open element has no mapping, before accepting it: the case stays as it was', async () => {
    const c = await onV1();
    const request = toV2({ obtainConsent: 'askConsent' });
    expect(await c.handle.query(migrationCheckQuery, request)).toMatchObject({
      canMove: false,
      reasons: [
        'open element obtainConsent has no mapping: collaboration@2 has no element askConsent',
      ],
    });
    await expect(c.handle.executeUpdate(migrateUpdate, { args: [request] })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    // Refused by the validator: the update was never accepted (a test server may still add an
    // empty workflow task, which carries nothing).
    const events = (await c.handle.fetchHistory()).events ?? [];
    expect(
      events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
    ).toEqual([]);
    expect((await c.drive.view()).definition).toBe('collaboration@1');
  });

  it('refuses a target the worker does not ship', async () => {
    const c = await onV1();
    const request = {
      ...toV2(),
      target: { root: 'collaboration@9', pins: { 'collaboration@9': 'sha256:0' }, bindings: {} },
    };
    expect(await c.handle.query(migrationCheckQuery, request)).toMatchObject({
      canMove: false,
      reasons: [expect.stringContaining('does not ship process definition collaboration@9')],
    });
  });
});
