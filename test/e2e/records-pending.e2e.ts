import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { caseSteps, until } from './case-steps';
import { httpClient, tokenFor } from './http';
import { Product, startProduct } from './product';
import { USERS } from './users';

/**
 * An action whose records cannot be written yet (the store is locked, as by a long migration or
 * a failing disk) is taken at once and answers 202 with `recordsPending` after ACTION_WAIT_SECONDS,
 * instead of holding the caller; the records follow once the store is back.
 */
let product: Product;
let db: Client;

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`, { ACTION_WAIT_SECONDS: '2' });
  db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  await db?.query('ROLLBACK').catch(() => undefined);
  await db?.end();
  await product?.stop();
});

it('answers 202 while the records of a step are held up, and writes them once the store is back', async () => {
  const api = httpClient(product.baseUrl);
  const coordinator = await tokenFor(USERS.coordinator);
  const steps = caseSteps(api, coordinator);
  const caseId = await steps.inSupport('P1M', 'P2M');
  const contacts = async () =>
    (await api.get(`/v1/cases/${caseId}`, coordinator)).body.timeline.filter(
      (e: { event: string }) => e.event === 'contact.contact',
    );

  await db.query('BEGIN');
  await db.query('LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE');
  const held = await api.post(
    `/v1/cases/${caseId}/contacts`,
    { kind: 'contact', channel: 'visit' },
    coordinator,
  );
  expect(held.status).toBe(202);
  expect(held.body).toMatchObject({ id: caseId, recordsPending: true });
  expect(await contacts()).toEqual([]);

  await db.query('ROLLBACK'); // the store is back
  const written = await until('the contact recorded', async () => {
    const rows = await contacts();
    return rows.length > 0 ? rows : undefined;
  });
  expect(written).toHaveLength(1);

  // With the store well, an action answers 200 once its records are written.
  const next = await api.post(
    `/v1/cases/${caseId}/contacts`,
    { kind: 'contact', channel: 'phone' },
    coordinator,
  );
  expect(next.status).toBe(200);
  expect(next.body.recordsPending).toBeUndefined();
  expect(await contacts()).toHaveLength(2);
});
