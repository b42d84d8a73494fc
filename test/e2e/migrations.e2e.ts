import { randomUUID } from 'node:crypto';
import { releasedDefinitions } from '@sss/definitions';
import { definitionKey } from '@sss/domain';
import { Client as PgClient } from 'pg';
import { caseSteps } from './case-steps';
import { httpClient, tokenFor } from './http';
import { Product, startProduct } from './product';
import { USERS } from './users';

/**
 * Migrating running cases through the administrator API: a dry run changes nothing and says
 * for each selected case whether it can move; the move touches only the selected cases of the
 * caller's municipality, which keep running on the target, with one audit row per case moved.
 * Cases start on the latest collaboration; @1 has the ids of the elements a case waits at in
 * consent, so the move here goes from the latest to @1 (the workflow test moves @1 cases to @2).
 */
const LATEST = definitionKey(releasedDefinitions().get('collaboration'));
let product: Product;
let http: ReturnType<typeof httpClient>;
let db: PgClient;
let admin: string;
let coordinator: string;
const taskQueue = `e2e-${randomUUID()}`;

beforeAll(async () => {
  product = await startProduct(taskQueue);
  http = httpClient(product.baseUrl);
  admin = await tokenFor(USERS.administrator);
  coordinator = await tokenFor(USERS.coordinator);
  db = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await product?.stop();
});

const definitionOf = async (id: string) =>
  (await http.get(`/v1/cases/${id}`, coordinator)).body.workflow.definition;

describe('POST /v1/admin/migrations', () => {
  it('dry-runs, then moves exactly the selected cases of the caller’s municipality, which keep running', async () => {
    const { referred, act, waitUntilOpen } = caseSteps(http, coordinator);
    const [a, b, untouched] = [await referred(), await referred(), await referred()];
    const otherMunicipality = await tokenFor(USERS.otherManager);
    const unknown = randomUUID();
    const request = {
      definition: 'collaboration',
      version: 1,
      mapping: {},
      caseIds: [a, b, unknown],
    };

    const dry = await http.post('/v1/admin/migrations', { ...request, dryRun: true }, admin);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      dryRun: true,
      target: 'collaboration@1',
      cases: [
        { id: a, from: LATEST, canMove: true, moved: false, reasons: [] },
        { id: b, from: LATEST, canMove: true, moved: false, reasons: [] },
        { id: unknown, from: null, canMove: false, moved: false, reasons: ['no such case'] },
      ],
    });
    expect(await definitionOf(a)).toBe(LATEST);

    const applied = await http.post('/v1/admin/migrations', { ...request, dryRun: false }, admin);
    expect(applied.body.cases.map((c: { moved: boolean }) => c.moved)).toEqual([true, true, false]);
    expect(await definitionOf(a)).toBe('collaboration@1');
    expect(await definitionOf(b)).toBe('collaboration@1');
    expect(await definitionOf(untouched)).toBe(LATEST);
    const { rows } = await db.query(
      `SELECT case_id FROM audit_log WHERE action = 'case.migrate' AND case_id IS NOT NULL ORDER BY id`,
    );
    expect(rows.map((r) => r.case_id)).toEqual([a, b]);

    // The moved case goes on: consent opens the assessment, on @1.
    await act(a, 'consent', { status: 'given' });
    await waitUntilOpen(a, 'assess');

    // Another municipality's administrator... is a manager here: refused before anything.
    const refused = await http.post(
      '/v1/admin/migrations',
      { ...request, dryRun: true },
      otherMunicipality,
    );
    expect(refused.status).toBe(403);
  });

  it('answers a case of another municipality exactly as an unknown id', async () => {
    const kashiwaAdmin = await tokenFor({
      ...USERS.administrator,
      id: 'admin-kashiwa',
      municipality: '122173',
    });
    const { referred } = caseSteps(http, coordinator);
    const kamakuraCase = await referred();
    const res = await http.post(
      '/v1/admin/migrations',
      {
        definition: 'collaboration',
        version: 1,
        mapping: {},
        caseIds: [kamakuraCase, randomUUID()],
        dryRun: false,
      },
      kashiwaAdmin,
    );
    expect(res.status).toBe(200);
    const [theirs, none] = res.body.cases;
    expect({ ...theirs, id: undefined }).toEqual({ ...none, id: undefined });
    expect(await definitionOf(kamakuraCase)).toBe(LATEST);
  });

  it('refuses a caller who is not an administrator, and bad input naming the field', async () => {
    const body = {
      definition: 'collaboration',
      version: 1,
      mapping: {},
      caseIds: [randomUUID()],
      dryRun: true,
    };
    expect((await http.post('/v1/admin/migrations', body, coordinator)).status).toBe(403);
    const bad = await http.post(
      '/v1/admin/migrations',
      { ...body, mapping: { 'a b': 'c' } },
      admin,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('mapping must map');
    const unreleased = await http.post('/v1/admin/migrations', { ...body, version: 99 }, admin);
    expect(unreleased.status).toBe(400);
    expect(unreleased.body.message).toContain('collaboration@99 is not released');
    const both = await http.post(
      '/v1/admin/migrations',
      { ...body, filter: { runningOn: 'collaboration@2' } },
      admin,
    );
    expect(both.status).toBe(400);
  });
});
