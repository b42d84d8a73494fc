import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { caseWorkflowId } from '@sss/domain';
import { startProduct, Product } from './product';

let product: Product;
const taskQueue = `e2e-${randomUUID()}`;

beforeAll(async () => {
  product = await startProduct(taskQueue);
}, 120_000);
afterAll(async () => {
  await product?.stop();
});

function referral(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    municipality: '142042',
    programme: 'collaboration',
    fields: ['elderly', 'poverty'],
    referringAgency: '地域包括支援センター',
    householdName: '鎌倉 太郎 世帯',
    summary: '80代の父（認知症）と50代の息子',
    ...overrides,
  };
}

async function post(path: string, body: unknown) {
  const res = await fetch(`${product.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  return { status: res.status, body: (await res.json()) as any };
}

async function get(path: string) {
  const res = await fetch(`${product.baseUrl}${path}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  return { status: res.status, body: (await res.json()) as any };
}

/** A client without the payload codec: it sees what Temporal stores and its Web UI shows. */
async function rawTemporal(): Promise<Client> {
  const connection = await Connection.connect({ address: process.env.E2E_TEMPORAL_ADDRESS });
  return new Client({ connection });
}

describe('referring a case', () => {
  it('stores the case, starts its workflow and shows both through GET', async () => {
    const input = referral();
    const created = await post('/v1/cases', input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: input.id, stage: 'consent' });

    const read = await get(`/v1/cases/${input.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: input.id,
      householdName: input.householdName,
      programme: 'collaboration',
      fields: ['elderly', 'poverty'],
      stage: 'consent',
      workflow: { workflowId: caseWorkflowId(input.id), status: 'RUNNING', stage: 'consent' },
    });
  });

  it('referring the same case twice yields one case and one workflow', async () => {
    const input = referral();
    expect((await post('/v1/cases', input)).status).toBe(201);
    expect((await post('/v1/cases', input)).status).toBe(201);

    const temporal = await rawTemporal();
    const runs = [];
    for await (const run of temporal.workflow.list({
      query: `WorkflowId = '${caseWorkflowId(input.id)}'`,
    })) {
      runs.push(run);
    }
    expect(runs).toHaveLength(1);
    await temporal.connection.close();
  });

  it('lets managers find the case by stage in Temporal, with no personal data in the history', async () => {
    const input = referral({ householdName: '腰越 由美', summary: '自閉症と双極性障害' });
    await post('/v1/cases', input);

    const client = await rawTemporal();
    const handle = client.workflow.getHandle(caseWorkflowId(input.id));
    const described = await handle.describe();
    expect(described.searchAttributes).toMatchObject({
      CaseStage: ['consent'],
      CaseProgramme: ['collaboration'],
      Municipality: ['142042'],
    });
    // The history's wire bytes are what Temporal stores and what its Web UI decodes.
    const history = Buffer.from(
      temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish(),
    ).toString('utf8');
    expect(history).toContain('binary/encrypted');
    for (const personal of ['腰越', '由美', '自閉症', '地域包括支援センター']) {
      expect(history).not.toContain(personal);
    }
    await client.connection.close();
  });

  it('answers 404 for an unknown case and 400 for an id that is not a UUID', async () => {
    expect((await get(`/v1/cases/${randomUUID()}`)).status).toBe(404);
    const bad = await get('/v1/cases/not-a-uuid');
    expect(bad.status).toBe(400);
  });
});

describe('bad referrals', () => {
  it.each([
    ['an unknown field', { nickname: 'x' }, 'property nickname should not exist'],
    ['a missing household name', { householdName: undefined }, 'householdName'],
    ['an unknown programme', { programme: 'bingo' }, 'programme must be one of'],
    ['an unknown field of support', { fields: ['sports'] }, 'fields'],
    ['a malformed municipality code', { municipality: 'Kamakura' }, 'municipality must be'],
    ['an id that is not a UUID', { id: '42' }, 'id must be a UUID'],
  ])('refuses %s with 400 naming it, and creates nothing', async (_, change, message) => {
    const input = referral(change);
    const res = await post('/v1/cases', input);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(message);
    if (typeof input.id === 'string' && input.id.length === 36) {
      expect((await get(`/v1/cases/${input.id}`)).status).toBe(404);
      const temporal = await rawTemporal();
      await expect(
        temporal.workflow.getHandle(caseWorkflowId(input.id)).describe(),
      ).rejects.toThrow();
      await temporal.connection.close();
    }
  });
});

describe('operability', () => {
  it('reports liveness and readiness of Postgres and Temporal', async () => {
    expect((await get('/health/live')).status).toBe(200);
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({
      postgres: { status: 'up' },
      temporal: { status: 'up' },
    });
  });

  it('serves its OpenAPI document with the case endpoints', async () => {
    const doc = await get('/docs/json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/cases', '/v1/cases/{id}']),
    );
  });
});
