import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { CaseRecordsActivities } from '@sss/activities';
import { caseWorkflowId, Variables } from '@sss/domain';
import { dataSourceOptions } from '@sss/persistence';
import type { StepContext } from '@sss/workflows/process/process-activities';

/**
 * The record activities against the real PostgreSQL: a retry (same step) finds the rows its
 * first attempt wrote, so nothing is duplicated, whatever the worker did between the attempts.
 */
let db: DataSource;
let records: CaseRecordsActivities;

beforeAll(async () => {
  db = await new DataSource({
    ...dataSourceOptions(process.env.E2E_DATABASE_URL ?? ''),
    name: 'case-records-test',
  }).initialize();
  records = new CaseRecordsActivities(db);
});
afterAll(() => db?.destroy());

/** Runs an activity as the worker would for a step of the case's workflow (or of a meeting it runs). */
function inCase(caseId: string, workflowSuffix = '') {
  const env = new MockActivityEnvironment({
    workflowExecution: { workflowId: `${caseWorkflowId(caseId)}${workflowSuffix}`, runId: 'r1' },
  });
  // Step keys are unique across all cases (the workflow's first run id prefixes them).
  return <K extends keyof CaseRecordsActivities>(name: K, input: Variables, ctx: StepContext) =>
    env.run(
      (records[name] as (i: Variables, c: StepContext) => Promise<Variables>).bind(records),
      input,
      { ...ctx, step: `${caseId}${workflowSuffix}/${ctx.step}` },
    ) as Promise<Variables>;
}

const count = async (table: string, caseId: string) =>
  Number(
    (await db.query(`SELECT count(*) FROM "${table}" WHERE "case_id" = $1`, [caseId]))[0].count,
  );

async function referredCase() {
  const caseId = randomUUID();
  const run = inCase(caseId);
  const referral = {
    caseId,
    municipality: '142042',
    programme: 'collaboration',
    fields: ['elderly'],
    referringAgency: 'houkatsu-kamakura',
    householdName: '七里 世帯',
    members: [{ name: '七里 一郎', relation: 'person', isPerson: true }],
    supportMeetingAgencies: ['houkatsu-kamakura'],
    referredBy: 'coord-1',
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    await run('recordReferral', { referral }, { step: 'first-run/w1', by: 'coord-1' });
  }
  return { caseId, run };
}

describe('case record activities', () => {
  it('write a retried referral once: the case, its household members and its timeline entry', async () => {
    const { caseId } = await referredCase();
    expect(await count('case_timeline', caseId)).toBe(1);
    const members = await db.query(
      'SELECT count(*) FROM household_members WHERE household_id = $1',
      [caseId],
    );
    expect(Number(members[0].count)).toBe(1);
  });

  it('give a retried plan step the version its first attempt took, and the next step the next one', async () => {
    const { caseId, run } = await referredCase();
    const plan = {
      goals: 'g',
      agencies: ['houkatsu-kamakura'],
      monitoringInterval: 'P1M',
      contactInterval: 'P2M',
    };
    const first = await run('recordPlan', plan, { step: 'first-run/w9', by: 'coord-1' });
    const retried = await run('recordPlan', plan, { step: 'first-run/w9', by: 'coord-1' });
    // Two different steps at once (a re-plan racing a retry) still take distinct versions.
    const [second, third] = await Promise.all([
      run('recordPlan', plan, { step: 'first-run/w15' }),
      run('recordPlan', plan, { step: 'first-run/w21' }),
    ]);
    expect(first).toEqual({ version: 1 });
    expect(retried).toEqual({ version: 1 });
    expect([second.version, third.version].sort()).toEqual([2, 3]);
    expect(await count('plans', caseId)).toBe(3);
  });

  it('attribute records written from a meeting to the case, once', async () => {
    const { caseId, run } = await referredCase();
    const meeting = { kind: 'support_meeting', occasion: 'information_sharing', outcome: 'agreed' };
    await run('recordMeeting', meeting, { step: 'first-run/w4', by: 'coord-1' });
    await run('recordMeeting', meeting, { step: 'first-run/w4', by: 'coord-1' });
    await inCase(caseId, '/w12')('recordContact', { kind: 'contact' }, { step: 'child/w2' });
    expect(await count('meetings', caseId)).toBe(1);
    expect(await count('contacts', caseId)).toBe(1);
    expect(await count('case_timeline', caseId)).toBe(3);
    const [row] = await db.query('SELECT recorded_by FROM meetings WHERE case_id = $1', [caseId]);
    expect(row.recorded_by).toBe('coord-1');
  });

  it('refuse, without retrying, a workflow that is not a case', async () => {
    const env = new MockActivityEnvironment({
      workflowExecution: { workflowId: 'process-123', runId: 'r' },
    });
    await expect(
      env.run(records.recordContact.bind(records), { kind: 'contact' }, { step: 's' }),
    ).rejects.toMatchObject({ type: 'NotACase', nonRetryable: true });
  });
});
