import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { caseWorkflowId } from '@sss/domain';
import { httpClient, tokenFor } from './http';
import { startProduct, Product } from './product';
import { withRawTemporal } from './raw-temporal';
import { USERS } from './users';

let product: Product;
let http: ReturnType<typeof httpClient>;
let coordinator: string;

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  http = httpClient(product.baseUrl);
  coordinator = await tokenFor(USERS.coordinator);
});
afterAll(async () => {
  await product?.stop();
});

function referral(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    municipality: '142042',
    programme: 'collaboration',
    fields: ['elderly', 'poverty'],
    referringAgency: 'houkatsu-kamakura',
    householdName: '鎌倉 太郎 世帯',
    summary: '80代の父（認知症）と50代の息子',
    ...overrides,
  };
}

describe('referring a case', () => {
  it('stores the case, starts its workflow and shows both through GET', async () => {
    const input = referral();
    const created = await http.post('/v1/cases', input, coordinator);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: input.id, stage: 'consent' });

    const read = await http.get(`/v1/cases/${input.id}`, coordinator);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: input.id,
      householdName: input.householdName,
      programme: 'collaboration',
      fields: ['elderly', 'poverty'],
      stage: 'consent',
      consentGiven: false,
      supportMeetingAgencies: ['houkatsu-kamakura'],
      createdBy: USERS.coordinator.id,
      workflow: { workflowId: caseWorkflowId(input.id), status: 'RUNNING', stage: 'consent' },
    });
  });

  it('referring the same case twice yields one case and one workflow', async () => {
    const input = referral();
    expect((await http.post('/v1/cases', input, coordinator)).status).toBe(201);
    expect((await http.post('/v1/cases', input, coordinator)).status).toBe(201);

    const runs = await withRawTemporal(async (client) => {
      const found = [];
      const query = `WorkflowId = '${caseWorkflowId(input.id)}'`;
      for await (const run of client.workflow.list({ query })) found.push(run);
      return found;
    });
    expect(runs).toHaveLength(1);
  });

  it('lets managers find the case by stage in Temporal, with no personal data in the history', async () => {
    const input = referral({ householdName: '腰越 由美', summary: '自閉症と双極性障害' });
    await http.post('/v1/cases', input, coordinator);

    await withRawTemporal(async (client) => {
      const handle = client.workflow.getHandle(caseWorkflowId(input.id));
      expect((await handle.describe()).searchAttributes).toMatchObject({
        CaseStage: ['consent'],
        CaseProgramme: ['collaboration'],
        Municipality: ['142042'],
      });
      // The history's wire bytes are what Temporal stores and what its Web UI decodes.
      const history = Buffer.from(
        temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish(),
      ).toString('utf8');
      expect(history).toContain('binary/encrypted');
      for (const personal of [
        '腰越',
        '由美',
        '自閉症',
        'houkatsu-kamakura',
        USERS.coordinator.id,
      ]) {
        expect(history).not.toContain(personal);
      }
    });
  });

  it('answers 404 for an unknown case and 400 for an id that is not a UUID', async () => {
    expect((await http.get(`/v1/cases/${randomUUID()}`, coordinator)).status).toBe(404);
    expect((await http.get('/v1/cases/not-a-uuid', coordinator)).status).toBe(400);
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
    const res = await http.post('/v1/cases', input, coordinator);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(message);
    if (typeof input.id === 'string' && input.id.length === 36) {
      expect((await http.get(`/v1/cases/${input.id}`, coordinator)).status).toBe(404);
      await withRawTemporal(async (client) => {
        await expect(
          client.workflow.getHandle(caseWorkflowId(input.id)).describe(),
        ).rejects.toThrow();
      });
    }
  });
});

describe('operability', () => {
  it('reports liveness and readiness of Postgres and Temporal without credentials', async () => {
    expect((await http.get('/health/live')).status).toBe(200);
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({
      postgres: { status: 'up' },
      temporal: { status: 'up' },
    });
  });

  it('serves its OpenAPI document with the case endpoints', async () => {
    const doc = await http.get('/docs/json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/cases', '/v1/cases/{id}', '/v1/audit', '/v1/codec/decode']),
    );
  });
});
