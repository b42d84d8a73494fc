import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  DeliveryOutbox,
  NoticesActivities,
  StagedNoticeDispatcher,
  StagedNotices,
} from '@sss/activities';
import { caseWorkflowId } from '@sss/domain';
import { dataSourceOptions } from '@sss/persistence';
import type { NoticeStaging, StagedNotice } from '@sss/workflows/process/notice-activities';
import { ownDatabase } from './own-database';

/**
 * The store's side of staged notices, on the real PostgreSQL as the product's role: what a
 * process stages and withdraws, what the dispatcher claims, withdraws as stale or retries.
 * (That a due reminder reaches the inbox through it is the reminder suites' part.)
 */
let db: DataSource;
let owner: Client;
let store: StagedNotices;

beforeAll(async () => {
  const { url, appUrl } = await ownDatabase();
  db = await new DataSource(dataSourceOptions(appUrl)).initialize();
  owner = new Client({ connectionString: url });
  await owner.connect();
  store = new StagedNotices(db);
});
afterAll(async () => {
  await db?.destroy();
  await owner?.end();
});

const SECOND = 1000;
const version = { runStartedAt: '2026-04-01T00:00:00.000Z', historyLength: 10 };
const notice = (key: string, deliverAt: number, taskId = 'task-1'): StagedNotice => ({
  deliverAt: new Date(deliverAt).toISOString(),
  delivery: {
    key,
    notice: {
      id: 'n-1',
      at: deliverAt,
      kind: 'overdue',
      taskId,
      elementId: 'monitor',
      to: 'coordinator',
    },
  },
});
const staging = (notices: StagedNotice[], more: Partial<NoticeStaging> = {}): NoticeStaging => ({
  notices,
  ...version,
  ...more,
});
const statusOf = async (key: string) =>
  (await owner.query(`SELECT status FROM staged_notices WHERE key = $1`, [key])).rows[0]?.status;
/** Makes a staged notice due now (its time has come). */
const due = (key: string) =>
  owner.query(`UPDATE staged_notices SET deliver_at = now(), ready_at = now() WHERE key = $1`, [
    key,
  ]);
const snapshot = (workflowId: string, historyLength: number, running: boolean, tasks: string[]) =>
  owner.query(
    `WITH s AS (
       INSERT INTO process_snapshots (workflow_id, case_id, run_started_at, history_length,
         definition, running)
       VALUES ($1, $2, $3, $4, 'collaboration@3', $5)
       ON CONFLICT (workflow_id) DO UPDATE SET history_length = EXCLUDED.history_length,
         running = EXCLUDED.running
       RETURNING workflow_id)
     INSERT INTO open_tasks (workflow_id, task_id, case_id, element_id, role, created_at, overdue)
     SELECT s.workflow_id, t, $2, 'monitor', 'coordinator', now(), false
       FROM s, unnest($6::text[]) AS t`,
    [
      workflowId,
      workflowId.slice('case-'.length),
      version.runStartedAt,
      historyLength,
      running,
      tasks,
    ],
  );

it('stages a process’s notices, answers those it holds, and withdraws the ones no longer wanted before their time', async () => {
  const workflowId = caseWorkflowId(randomUUID());
  const [a, b] = [`${workflowId}/a`, `${workflowId}/b`];
  const later = Date.now() + 3600 * SECOND;
  expect(await store.stage(workflowId, staging([notice(a, later), notice(b, later)]))).toEqual(
    expect.arrayContaining([a, b]),
  );
  // Staged again without b: b is withdrawn, a stays.
  expect(await store.stage(workflowId, staging([notice(a, later)]))).toEqual([a]);
  expect(await statusOf(b)).toBe('withdrawn');
  // Wanted again, b comes back.
  expect(await store.stage(workflowId, staging([notice(a, later), notice(b, later)]))).toHaveLength(
    2,
  );
  expect(await statusOf(b)).toBe('staged');
  // One whose time has come is not withdrawn by a later staging: it is on its way.
  await due(a);
  expect(await store.stage(workflowId, staging([]))).toEqual([]);
  expect(await statusOf(a)).toBe('staged');
  expect(await statusOf(b)).toBe('withdrawn');
});

it('lets no process stage under, or withdraw, another’s key; a workflow that is no case stages nothing', async () => {
  const mine = caseWorkflowId(randomUUID());
  const theirs = caseWorkflowId(randomUUID());
  const key = `${mine}/k`;
  const later = Date.now() + 3600 * SECOND;
  await store.stage(mine, staging([notice(key, later)]));
  expect(await store.stage(theirs, staging([notice(key, later)]))).toEqual([]);
  await store.stage(theirs, staging([]));
  expect(await statusOf(key)).toBe('staged');
  const { rows } = await owner.query(`SELECT workflow_id FROM staged_notices WHERE key = $1`, [
    key,
  ]);
  expect(rows).toEqual([{ workflow_id: mine }]);
  expect(await store.stage('notice-x', staging([notice('notice-x/k', later)]))).toEqual([]);
  expect(await statusOf('notice-x/k')).toBeUndefined();
});

it('claims a due notice once, and withdraws one whose task a newer snapshot shows done', async () => {
  const open = caseWorkflowId(randomUUID());
  const done = caseWorkflowId(randomUUID());
  const ended = caseWorkflowId(randomUUID());
  const notYet = caseWorkflowId(randomUUID());
  const later = Date.now() + 3600 * SECOND;
  for (const w of [open, done, ended, notYet])
    await store.stage(w, staging([notice(`${w}/n`, later)]));
  for (const w of [open, done, ended]) await due(`${w}/n`);
  await snapshot(open, 12, true, ['task-1']); // newer, the task still open: it goes out
  await snapshot(done, 12, true, ['task-2']); // newer, the task done: withdrawn
  await snapshot(ended, 12, false, []); // newer, the process ended: withdrawn
  await snapshot(notYet, 9, true, []); // older than the staging: says nothing of it

  const claimed = (await store.claimDue(100, 60)).map((n) => n.key);
  expect(claimed).toContain(`${open}/n`);
  expect(claimed).not.toContain(`${notYet}/n`);
  expect(await statusOf(`${done}/n`)).toBe('withdrawn');
  expect(await statusOf(`${ended}/n`)).toBe('withdrawn');
  // Claimed: no one else takes it while the lease lasts.
  expect((await store.claimDue(100, 60)).map((n) => n.key)).not.toContain(`${open}/n`);
});

it('puts a delivery that failed back with a backoff and its reason, and takes it again then', async () => {
  const workflowId = caseWorkflowId(randomUUID());
  const key = `${workflowId}/n`;
  await store.stage(workflowId, staging([notice(key, Date.now() + 3600 * SECOND)]));
  await due(key);
  // The case row is not stored: the delivery fails and is retried later.
  const outbox = new DeliveryOutbox(db, {});
  const dispatcher = new StagedNoticeDispatcher(store, new NoticesActivities(db, outbox, store));
  await dispatcher.dispatchDue();
  const { rows } = await owner.query(
    `SELECT status, attempts, last_error, ready_at > now() AS later FROM staged_notices WHERE key = $1`,
    [key],
  );
  expect(rows[0]).toMatchObject({ status: 'staged', attempts: 1, later: true });
  expect(rows[0].last_error).toMatch(/is not stored yet/);
  await due(key);
  await dispatcher.dispatchDue();
  expect(
    (await owner.query(`SELECT attempts FROM staged_notices WHERE key = $1`, [key])).rows[0],
  ).toEqual({ attempts: 2 });
});

it('stores a batch of due notices at once, and one whose case is not stored holds up no other', async () => {
  const cases = Array.from({ length: 5 }, () => randomUUID());
  for (const id of cases.slice(1)) {
    await owner.query(
      `INSERT INTO cases (id, municipality, programme, fields, referring_agency, household_name,
                          stage, created_by, assigned_coordinator)
       VALUES ($1, '142042', 'collaboration', '{elderly}', 'houkatsu-kamakura', '稲村 世帯',
               'monitoring', 'coord-x', 'coord-x')`,
      [id],
    );
  }
  const keys = cases.map((id) => `${caseWorkflowId(id)}/overdue`);
  for (const [i, id] of cases.entries()) {
    await store.stage(caseWorkflowId(id), staging([notice(keys[i], Date.now() + 3600 * SECOND)]));
    await due(keys[i]);
  }
  const notices = new NoticesActivities(db, new DeliveryOutbox(db, {}), store);
  const dispatcher = new StagedNoticeDispatcher(store, notices);
  // All five in one claim: the first case's row is missing, so the batch is stored one by one.
  await dispatcher.dispatchDue();
  await dispatcher.settled();
  const inbox = await owner.query(
    `SELECT case_id, recipient FROM notifications WHERE case_id = ANY($1) AND kind = 'overdue'`,
    [cases],
  );
  expect(inbox.rows.map((r) => r.case_id).sort()).toEqual(cases.slice(1).sort());
  expect(inbox.rows.every((r) => r.recipient === 'coord-x')).toBe(true);
  for (const key of keys.slice(1)) expect(await statusOf(key)).toBe('delivered');
  expect(await statusOf(keys[0])).toBe('staged');

  // All of a batch stored: each notice's inbox rows, once, however often it is stored.
  const [again] = await notices.storeAll([
    { delivery: notice(keys[1], Date.now()).delivery, workflowId: caseWorkflowId(cases[1]) },
  ]);
  expect(again.map((n) => n.caseId)).toEqual([cases[1]]);
  expect(
    (
      await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE case_id = $1`, [
        cases[1],
      ])
    ).rows[0].n,
  ).toBe(1);
});
