import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TypedSearchAttributes } from '@temporalio/common';
import type { Browser } from 'playwright-core';
import {
  caseWorkflowId,
  definitionKey,
  ProcessDefinition,
  STUCK_CASE_NAMES,
  StuckCaseName,
  stuckCaseFilter,
} from '@sss/domain';
import {
  CaseProgrammeAttribute,
  MunicipalityAttribute,
  processWorkflow,
} from '@sss/workflows/client';
import { CaseClients } from '../../apps/api/src/temporal/case-clients';
import { ARTIFACTS_DIR, launchChromium } from './browser';
import { caseSteps, sleep } from './case-steps';
import { httpClient, tokenFor } from './http';
import { Product, startProduct } from './product';
import { KAMAKURA, USERS } from './users';

/**
 * Each named stuck-case filter, in the real Temporal Web UI (headless Chromium) and through the
 * API, finds exactly the stuck cases seeded for it and none of the healthy ones. Real time cannot
 * be skipped here, so the seeded cases use intervals of seconds; where the released definitions
 * only escalate after days (escalation, a meeting's overdue record), a small process of the same
 * shape is started directly, as the released ones would be.
 */
let product: Product;
let browser: Browser;
let http: ReturnType<typeof httpClient>;
let coordinator: string;
let manager: string;
let referred: () => Promise<string>;
let inSupport: (monitoringInterval: string, contactInterval: string) => Promise<string>;
const taskQueue = `e2e-${randomUUID()}`;
const CONSENT_WAIT = 'PT3S';
const seeded: Record<StuckCaseName | 'healthy', string[]> = {
  waiting_on_consent: [],
  monitoring_overdue: [],
  contact_lost: [],
  escalated: [],
  meeting_record_missing: [],
  activity_failing: [],
  task_failing: [],
  healthy: [],
};

/** A small process of a released shape, started directly on the product's task queue. */
async function startProcess(workflowId: string, def: ProcessDefinition, municipality = true) {
  // Sealed for Kamakura like the API's own calls, or the worker would refuse the input.
  const client = product.api.get(CaseClients).for(KAMAKURA);
  await client.workflow.start<typeof processWorkflow>('processWorkflow', {
    taskQueue,
    workflowId,
    args: [{ definitions: { [definitionKey(def)]: def }, root: definitionKey(def) }],
    ...(municipality
      ? {
          typedSearchAttributes: new TypedSearchAttributes([
            { key: MunicipalityAttribute, value: KAMAKURA },
            { key: CaseProgrammeAttribute, value: 'collaboration' },
          ]),
        }
      : {}),
  });
}

const oneTask = (id: string, task: Record<string, unknown>): ProcessDefinition => ({
  id,
  version: 1,
  name: id,
  variables: {},
  elements: [
    { id: 'start', type: 'startEvent' },
    { candidateRole: 'coordinator', ...task, type: 'userTask' } as never,
    { id: 'end', type: 'endEvent', outcome: 'completed' },
  ],
  flows: [
    { id: 'f1', source: 'start', target: task.id as string },
    { id: 'f2', source: task.id as string, target: 'end' },
  ],
});

beforeAll(async () => {
  product = await startProduct(taskQueue);
  http = httpClient(product.baseUrl);
  coordinator = await tokenFor(USERS.coordinator);
  manager = await tokenFor(USERS.manager);
  ({ referred, inSupport } = caseSteps(http, coordinator));
  browser = await launchChromium();
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });

  seeded.waiting_on_consent.push(await referred());
  seeded.monitoring_overdue.push(await inSupport('PT2S', 'P2M'));
  seeded.contact_lost.push(await inSupport('P1M', 'PT2S'));
  seeded.healthy.push(await inSupport('P1M', 'P2M'));
  const escalated = randomUUID();
  await startProcess(
    caseWorkflowId(escalated),
    oneTask('escalating', {
      id: 'review',
      dueIn: 'PT1S',
      escalation: [{ after: 'PT1S', to: 'manager' }],
    }),
  );
  seeded.escalated.push(escalated);
  // A meeting of a real case whose record is overdue: meetings run as `case-<id>/<step>`.
  const withMeeting = await referred();
  await startProcess(
    `${caseWorkflowId(withMeeting)}/w99`,
    oneTask('meeting-shape', { id: 'recordOutcome', dueIn: 'PT1S' }),
    false,
  );
  seeded.meeting_record_missing.push(withMeeting);
  // A step that cannot be written (no such case in the database) keeps failing and retrying.
  const failing = randomUUID();
  await startProcess(caseWorkflowId(failing), {
    id: 'failing',
    version: 1,
    name: 'failing',
    variables: {},
    elements: [
      { id: 'start', type: 'startEvent' },
      { id: 'write', type: 'serviceTask', activity: 'recordContact', input: { kind: 'contact' } },
      { id: 'end', type: 'endEvent', outcome: 'completed' },
    ],
    flows: [
      { id: 'f1', source: 'start', target: 'write' },
      { id: 'f2', source: 'write', target: 'end' },
    ],
  });
  seeded.activity_failing.push(failing);
  // A process whose workflow task fails on every attempt (its root definition is missing): the
  // server reports it in TemporalReportedProblems.
  const broken = randomUUID();
  await product.api
    .get(CaseClients)
    .for(KAMAKURA)
    .workflow.start<typeof processWorkflow>('processWorkflow', {
      taskQueue,
      workflowId: caseWorkflowId(broken),
      args: [{ definitions: {}, root: 'missing@1' }],
      typedSearchAttributes: new TypedSearchAttributes([
        { key: MunicipalityAttribute, value: KAMAKURA },
        { key: CaseProgrammeAttribute, value: 'collaboration' },
      ]),
    });
  seeded.task_failing.push(broken);
  seeded.healthy.push(await referred()); // fresh: not waiting long enough yet
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const others = (name: StuckCaseName) =>
  Object.entries(seeded).flatMap(([key, ids]) => (key === name ? [] : ids));
// The consent filter also finds the other cases that are still waiting on consent.
const mustNotFind = (name: StuckCaseName) =>
  name === 'waiting_on_consent' ? seeded.healthy.slice(0, 1) : others(name);

describe.each(STUCK_CASE_NAMES)('stuck-case filter %s', (name) => {
  it('finds its seeded case through the API, and no healthy or differently stuck one', async () => {
    let ids: string[] = [];
    // The server reports a failing workflow task only after a few attempts, which back off.
    const tries = name === 'task_failing' ? 300 : 75;
    for (let i = 0; i < tries; i++) {
      const res = await http.get(`/v1/cases/stuck/${name}?consentWait=${CONSENT_WAIT}`, manager);
      expect(res.status).toBe(200);
      ids = res.body.map((c: { id: string }) => c.id);
      if (seeded[name].every((id) => ids.includes(id))) break;
      await sleep(200);
    }
    expect(ids).toEqual(expect.arrayContaining(seeded[name]));
    for (const id of mustNotFind(name)) expect(ids).not.toContain(id);
  });

  it('finds the same in the Temporal Web UI', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const filter = stuckCaseFilter(name, Date.now(), CONSENT_WAIT);
    const ui = process.env.E2E_TEMPORAL_UI_URL;
    await page.goto(`${ui}/namespaces/default/workflows?query=${encodeURIComponent(filter)}`);
    for (const id of seeded[name]) {
      await page.getByText(caseWorkflowId(id)).first().waitFor({ timeout: 15_000 });
    }
    const body = (await page.textContent('body')) ?? '';
    for (const id of mustNotFind(name)) expect(body).not.toContain(caseWorkflowId(id));
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, `stuck-${name}.png`) });
    await page.close();
  });
});

describe('the inbox', () => {
  it('holds the monitoring reminder and overdue notice for the agencies the plan gives the role, once each', async () => {
    const [caseId] = seeded.monitoring_overdue;
    const staff = await tokenFor({ ...USERS.memberStaff, agency: 'houkatsu-kamakura' });
    type Row = { id: string; caseId: string; kind: string; elementId: string };
    let mine: Row[] = [];
    for (let i = 0; i < 75; i++) {
      const res = await http.get('/v1/notifications?unacknowledged=true', staff);
      expect(res.status).toBe(200);
      mine = res.body.filter((n: Row) => n.caseId === caseId && n.elementId === 'monitor');
      if (mine.some((n) => n.kind === 'overdue') && mine.some((n) => n.kind === 'reminder')) break;
      await sleep(200);
    }
    expect(mine.filter((n) => n.kind === 'overdue')).toHaveLength(1);
    expect(mine.filter((n) => n.kind === 'reminder')).toHaveLength(1);

    const overdue = mine.find((n) => n.kind === 'overdue')!;
    const stranger = await tokenFor(USERS.otherStaff);
    expect(
      (await http.post(`/v1/notifications/${overdue.id}/acknowledge`, {}, stranger)).status,
    ).toBe(404);
    const acked = await http.post(`/v1/notifications/${overdue.id}/acknowledge`, {}, staff);
    expect(acked.status).toBe(200);
    expect(acked.body.acknowledgedAt).toEqual(expect.any(String));
    const left = await http.get('/v1/notifications?unacknowledged=true', staff);
    expect(left.body.map((n: Row) => n.id)).not.toContain(overdue.id);
  });
});
