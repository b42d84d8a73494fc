import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import type { Referral } from '@sss/domain';
import { caseRegisteredUpdate, caseStatusQuery } from '../src/client';
import { caseWorkflow } from '../src/case.workflow';
import { startTimeSkippingServer, workflowBundle } from './time-skipping';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await startTimeSkippingServer();
});
afterAll(async () => {
  await env?.teardown();
});

function referral(): Referral {
  return {
    caseId: randomUUID(),
    municipality: '142042',
    programme: 'collaboration',
    fields: ['elderly', 'poverty'],
    referringAgency: 'houkatsu-kamakura',
    householdName: '鎌倉 太郎 世帯',
    supportMeetingAgencies: ['houkatsu-kamakura'],
    referredBy: 'coordinator-1',
  };
}

async function workerWith(recordReferral: (r: Referral) => Promise<void>, taskQueue: string) {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: { recordReferral },
  });
}

describe('caseWorkflow', () => {
  it('records the referral once and is still waiting on consent a year later', async () => {
    const recorded: Referral[] = [];
    const taskQueue = `q-${randomUUID()}`;
    const worker = await workerWith(async (r) => void recorded.push(r), taskQueue);
    const input = referral();
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(caseWorkflow, {
        workflowId: `case-${input.caseId}`,
        taskQueue,
        args: [input],
      });
      expect(await handle.executeUpdate(caseRegisteredUpdate)).toEqual({
        caseId: input.caseId,
        stage: 'consent',
        recorded: true,
      });
      await env.sleep('365 days');
      expect((await handle.query(caseStatusQuery)).stage).toBe('consent');
      expect((await handle.describe()).status.name).toBe('RUNNING');
    });
    expect(recorded).toEqual([input]);
  });

  it('keeps retrying a failing database write and reports the case recorded only after it lands', async () => {
    let attempts = 0;
    const taskQueue = `q-${randomUUID()}`;
    const worker = await workerWith(async () => {
      attempts += 1;
      if (attempts < 4) throw ApplicationFailure.retryable('database unavailable');
    }, taskQueue);
    const input = referral();
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(caseWorkflow, {
        workflowId: `case-${input.caseId}`,
        taskQueue,
        args: [input],
      });
      const status = await handle.executeUpdate(caseRegisteredUpdate);
      expect(status.recorded).toBe(true);
    });
    expect(attempts).toBe(4);
  });
});
