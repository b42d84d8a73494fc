import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { workflowBundle } from '../../libs/workflows/test/time-skipping';
import type { Service } from '../../tools/dev/child-process';
import { caseSteps, sleep, until } from './case-steps';
import { httpClient, tokenFor } from './http';
import { Product, startProduct } from './product';
import { USERS } from './users';
import { historyProblems, startWorkerProcess } from './worker-process';

/**
 * Two workers; the one that runs the cases is killed with SIGKILL shortly before their monitoring
 * falls due while a client keeps reading them (each read queries the workflow). A read that waited
 * on the dead worker reaches the survivor after the timer fired, as a query task carrying events
 * no workflow task has handled (docs/worker-failover.md). Every case must still get its overdue
 * notice, take its next step without a workflow task failure, and replay.
 */
const taskQueue = `e2e-${randomUUID()}`;
const CASES = 3;
let product: Product;
let bundlePath: string;

// Each worker keeps its runs cached, as in production: a worker refuses a cache on a core bridge
// without the fix, so this test fails rather than pass on a worker that replays every task.
const startWorker = (name: string) =>
  startWorkerProcess(name, taskQueue, {
    WORKFLOW_BUNDLE_PATH: bundlePath,
    WORKER_CACHED_WORKFLOWS: '100',
  });

beforeAll(async () => {
  bundlePath = path.join(process.env.E2E_DIR ?? '', `bundle-${randomUUID()}.js`);
  fs.writeFileSync(bundlePath, (await workflowBundle()).code);
  product = await startProduct(taskQueue, {}, { withWorker: false });
});
afterAll(async () => {
  await product?.stop();
});

it('delivers every due notice and breaks no case when a worker dies while its cases are read', async () => {
  const api = httpClient(product.baseUrl);
  const coordinator = await tokenFor(USERS.coordinator);
  const staff = await tokenFor({ ...USERS.memberStaff, agency: 'houkatsu-kamakura' });
  const steps = caseSteps(api, coordinator);
  const first = startWorker('failover-worker-1');
  let second: Service | undefined;
  try {
    const ids: string[] = [];
    for (let i = 0; i < CASES; i++) ids.push(await steps.inSupport('PT40S', 'P2M'));
    const dues = await Promise.all(
      ids.map(async (id) => {
        const view = (await api.get(`/v1/cases/${id}`, coordinator)).body;
        const monitor = view.workflow.openTasks.find(
          (t: { elementId: string }) => t.elementId === 'monitor',
        );
        return Date.parse(monitor.dueAt);
      }),
    );
    // The second worker polls the task queue; the first still holds every case in its cache.
    second = startWorker('failover-worker-2');
    // Read every case from before the kill until their workflow tasks have waited out the dead
    // worker's sticky queue: the reads keep its sticky poller fresh, so the server sends the
    // reads after the kill to the dead worker first and to the survivor once that times out.
    await sleep(Math.max(0, Math.min(...dues) - 12_000 - Date.now()));
    const readUntil = Math.max(...dues) + 15_000;
    const readers = ids.map(async (id) => {
      while (Date.now() < readUntil) {
        await api.get(`/v1/cases/${id}`, coordinator).catch(() => undefined);
        await sleep(1000);
      }
    });
    await sleep(Math.max(0, Math.min(...dues) - 7000 - Date.now()));
    first.process.kill('SIGKILL');
    await first.exited;
    await Promise.all(readers);

    type Row = { caseId: string; kind: string; elementId: string };
    const overdue = await until(
      'an overdue notice for every case',
      async () => {
        const res = await api.get('/v1/notifications', staff);
        const rows = (res.body as Row[]).filter(
          (n) => ids.includes(n.caseId) && n.elementId === 'monitor' && n.kind === 'overdue',
        );
        return rows.length >= CASES ? rows : undefined;
      },
      30_000,
    );
    expect(overdue.map((n) => n.caseId).sort()).toEqual([...ids].sort());

    // The next step runs on the survivor; then each whole history must replay as recorded.
    for (const id of ids) await steps.act(id, 'monitoring', { note: 'n', next: 'continue' });
    expect(await historyProblems(ids, bundlePath)).toEqual([]);
  } finally {
    first.process.kill('SIGKILL');
    await second?.stop();
  }
}, 300_000);
