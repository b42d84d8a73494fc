import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { caseWorkflowId } from '@sss/domain';
import { workflowBundle } from '../../libs/workflows/test/time-skipping';
import { Service, startService } from '../../tools/dev/child-process';
import { REPO_ROOT } from '../../tools/dev/paths';
import { until } from './case-steps';
import { tokenFor } from './http';
import { e2eEnvironment, Product, startProduct } from './product';
import { withRawTemporal } from './raw-temporal';
import { KAMAKURA, USERS } from './users';

/**
 * A referral whose first record insert fails (a trigger refuses it) is retried by the worker,
 * a real process logging at `info`; its log must name the failure and never the household's
 * name or summary, which are the failed statement's parameters.
 */
const taskQueue = `e2e-${randomUUID()}`;
const secret = `秘密-${randomUUID()}`;
const caseId = randomUUID();
const logFile = path.join(process.env.E2E_DIR ?? '', `worker-${taskQueue}.log`);
const REFUSAL = 'household insert refused by the log test';
let product: Product;
let worker: Service;
let db: PgClient;

beforeAll(async () => {
  db = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  await db.query(`
    CREATE FUNCTION refuse_log_test_household() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.name LIKE '秘密-%' THEN RAISE EXCEPTION '${REFUSAL}'; END IF;
      RETURN NEW;
    END $$`);
  await db.query(`CREATE TRIGGER refuse_log_test_household BEFORE INSERT ON households
    FOR EACH ROW EXECUTE FUNCTION refuse_log_test_household()`);
  const bundlePath = path.join(process.env.E2E_DIR ?? '', `bundle-${randomUUID()}.js`);
  fs.writeFileSync(bundlePath, (await workflowBundle()).code);
  worker = startService(
    'worker',
    process.execPath,
    ['-r', '@swc-node/register', 'apps/worker/src/main.ts'],
    logFile,
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...e2eEnvironment(taskQueue, { WORKFLOW_BUNDLE_PATH: bundlePath, LOG_LEVEL: 'info' }),
        SWC_NODE_PROJECT: path.join(REPO_ROOT, 'tsconfig.json'),
      },
    },
  );
  product = await startProduct(taskQueue, {}, { withWorker: false });
});
afterAll(async () => {
  await withRawTemporal((client) =>
    client.workflow.getHandle(caseWorkflowId(caseId)).terminate('log test done'),
  ).catch(() => undefined);
  await db?.query('DROP TRIGGER IF EXISTS refuse_log_test_household ON households');
  await db?.query('DROP FUNCTION IF EXISTS refuse_log_test_household()');
  await db?.end();
  await product?.stop();
  await worker?.stop();
});

it('logs a failing insert without its parameters', async () => {
  const referral = fetch(`${product.baseUrl}/v1/cases`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await tokenFor(USERS.coordinator)}`,
    },
    body: JSON.stringify({
      id: caseId,
      municipality: KAMAKURA,
      programme: 'collaboration',
      fields: ['elderly'],
      referringAgency: 'houkatsu-kamakura',
      householdName: secret,
      summary: `${secret} 電話 0467-00-0000`,
    }),
    // The referral cannot be stored; the answer does not matter here, the worker's log does.
    signal: AbortSignal.timeout(5_000),
  }).catch(() => undefined);
  const log = await until(
    'the worker to log the failed insert twice (a retry)',
    async () => {
      const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      return text.split('Activity failed').length > 2 ? text : undefined;
    },
    60_000,
  );
  await referral;
  expect(log).not.toContain(secret);
  expect(log).not.toContain('0467-00-0000');
  expect(log).not.toMatch(/"parameters"/);
  // What an operator needs is still there: the failure's message.
  expect(log).toContain(REFUSAL);
});
