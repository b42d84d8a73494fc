import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { WorkflowNotFoundError } from '@temporalio/client';
import { importJWK, JWK, SignJWT } from 'jose';
import { Client as PgClient } from 'pg';
import { caseWorkflowId, ROLES } from '@sss/domain';
import { DEV_AUDIENCE, DEV_ISSUER, TokenSubject } from '../../tools/dev/dev-issuer';
import { httpClient, Reply, tokenFor } from './http';
import { Product, startProduct } from './product';
import { withRawTemporal } from './raw-temporal';
import { KAMAKURA, KASHIWA } from './users';

/**
 * Tenant isolation through the running API: a matrix over roles × two municipalities × agencies
 * × every operation the API's own OpenAPI document lists (so a new endpoint is covered without
 * touching this file), and each attack found on the product as a test of its own.
 */
let product: Product;
let http: ReturnType<typeof httpClient>;
interface SpecOperation {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
let spec: { paths: Record<string, Record<string, SpecOperation>> };

const UNAUTHENTICATED = {
  statusCode: 401,
  message: 'a valid bearer token is required',
  error: 'Unauthorized',
};
const NOT_FOUND = { statusCode: 404, message: 'case not found', error: 'Not Found' };
const ID_TAKEN = {
  statusCode: 409,
  message: 'this case id cannot be used for a new referral',
  error: 'Conflict',
};

function referral(municipality = KAMAKURA, householdName = '深沢 一郎 世帯') {
  return {
    id: randomUUID(),
    municipality,
    programme: 'collaboration',
    fields: ['elderly'],
    referringAgency: municipality === KAMAKURA ? 'houkatsu-kamakura' : 'houkatsu-kashiwa',
    householdName,
    summary: '独居の父の物忘れが進んでいる 0467-00-0000',
  };
}

/** A token with exactly these claims and times, signed by the issuer the API trusts. */
async function rawToken(claims: Record<string, unknown>, iat: number, exp: number) {
  const jwk = JSON.parse(fs.readFileSync(process.env.E2E_ISSUER_KEY ?? '', 'utf8')) as JWK;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject('coord-1')
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(await importJWK(jwk, 'ES256'));
}
const now = () => Math.floor(Date.now() / 1000);

/** Every role in both municipalities; agency staff of an agency in the case and of one not. */
const PEOPLE: TokenSubject[] = ROLES.flatMap((role) =>
  [KAMAKURA, KASHIWA].flatMap((municipality) =>
    (role === 'agency_staff' ? ['houkatsu-kamakura', 'kikan-soudan'] : [undefined]).map(
      (agency) => ({
        id: [role, municipality, agency].filter(Boolean).join('-'),
        roles: [role],
        municipality,
        ...(agency ? { agency } : {}),
      }),
    ),
  ),
);

/** A valid body for each operation that takes one, so the matrix reaches past validation. */
const BODIES: Record<string, object> = {
  'POST /v1/cases': {},
  'POST /v1/cases/{id}/consent': { status: 'given' },
  'POST /v1/cases/{id}/consent-withdrawal': { reason: '本人の申し出' },
  'POST /v1/cases/{id}/assessment': { summary: '面談した' },
  'POST /v1/cases/{id}/plan': {
    goals: '生活の安定',
    agencies: ['kikan-soudan'],
    monitoringInterval: 'P1M',
    contactInterval: 'P2M',
  },
  'POST /v1/cases/{id}/meeting/schedule': {
    scheduledAt: '2030-04-01T10:00:00+09:00',
    attendees: ['kikan-soudan'],
  },
  'POST /v1/cases/{id}/meeting/reschedule': { scheduledAt: '2030-04-02T10:00:00+09:00' },
  'POST /v1/cases/{id}/meeting/cancel': {},
  'POST /v1/cases/{id}/meeting/outcome': { outcome: 'agreed' },
  'POST /v1/cases/{id}/plan-consent': { agreed: true },
  'POST /v1/cases/{id}/monitoring': { note: '変わりない', next: 'continue' },
  'POST /v1/cases/{id}/contacts': { kind: 'contact', channel: 'phone' },
  'POST /v1/cases/{id}/contact-effort': { result: 'contacted' },
  'POST /v1/cases/{id}/replan-request': {},
  'POST /v1/cases/{id}/termination-request': { reason: '目標達成' },
  'POST /v1/cases/{id}/suspension-request': { reason: '連絡が途絶えた' },
  'POST /v1/cases/{id}/visits': { result: 'met' },
  'POST /v1/cases/{id}/match': {
    resource: '地域の農園',
    resourceKind: 'place',
    followUpInterval: 'P3M',
  },
  'POST /v1/cases/{id}/settling': { tieStable: false },
  'POST /v1/cases/{id}/follow-up': { tieAlive: true },
  'POST /v1/cases/{id}/reopen': { reason: '再相談' },
  'POST /v1/cases/{id}/notes': { text: '電話で様子を聞いた' },
  // Changes of hands that are refused whoever asks (the coordinator it has; another city's
  // agency), so the matrix never moves its case.
  'POST /v1/cases/{id}/assignment': { coordinator: `coordinator-${KAMAKURA}`, reason: '担当替え' },
  'POST /v1/cases/{id}/transfer': { agency: 'houkatsu-kashiwa', reason: '移管' },
  'POST /v1/cases/{id}/members': { name: '稲村 三郎', relation: 'grandchild', from: '2026-04-01' },
  'PATCH /v1/cases/{id}/members/{memberId}': { age: 3 },
  'POST /v1/cases/{id}/members/{memberId}/end': { to: '2026-12-01' },
  'POST /v1/notifications/{id}/acknowledge': {},
  // A dry run: the matrix never moves a case.
  'POST /v1/admin/migrations': {
    definition: 'collaboration',
    version: 1,
    mapping: {},
    caseIds: ['00000000-0000-4000-8000-000000000000'],
    dryRun: true,
  },
  'PUT /v1/notifications/addresses': {
    recipientKind: 'agency',
    recipient: 'kikan-soudan',
    channel: 'email',
    address: 'kikan@example.org',
  },
  'POST /v1/codec/decode': { payloads: [] },
  'POST /v1/codec/encode': { payloads: [] },
  'POST /v1/codec/session': { token: 'x' },
};

let matrixCase: ReturnType<typeof referral>;
const operations = () =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );

function concrete(path: string): string {
  return path
    .replace('/v1/cases/{id}', `/v1/cases/${matrixCase.id}`)
    .replace('{id}', '1')
    .replace('{memberId}', '1')
    .replace('{name}', 'contact_lost');
}
function bodyFor(method: string, path: string): object | undefined {
  if (method === 'GET') return undefined;
  if (`${method} ${path}` === 'POST /v1/cases') return referral();
  return BODIES[`${method} ${path}`] ?? {};
}

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  http = httpClient(product.baseUrl);
  spec = (await http.get('/docs/json')).body;
  matrixCase = referral(KAMAKURA, '稲村 花子 世帯');
  const coordinator = await tokenFor(PEOPLE.find((p) => p.id === `coordinator-${KAMAKURA}`)!);
  expect((await http.post('/v1/cases', matrixCase, coordinator)).status).toBe(201);
});
afterAll(async () => {
  await product?.stop();
});

describe('the matrix: every operation × role × municipality × agency', () => {
  it('has a body for every operation that takes one', () => {
    const withBody = operations().filter(({ method }) => method !== 'GET');
    expect(
      withBody.map(({ method, path }) => `${method} ${path}`).filter((k) => !(k in BODIES)),
    ).toEqual([]);
  });

  it('answers anonymous callers 401 on every operation that needs a token, with one message', async () => {
    for (const { method, path, op } of operations()) {
      if (!op.security?.length) continue;
      const reply = await http.send(method, concrete(path), undefined, bodyFor(method, path));
      expect([`${method} ${path}`, reply.status, reply.body]).toEqual([
        `${method} ${path}`,
        401,
        UNAUTHENTICATED,
      ]);
    }
  });

  it.each(PEOPLE.map((p) => [p.id, p] as const))(
    '%s: no 5xx, only documented statuses, no-store, and nothing of another municipality',
    async (_, person) => {
      const token = await tokenFor(person);
      const problems: string[] = [];
      for (const { method, path, op } of operations()) {
        const key = `${method} ${path}`;
        const reply: Reply = await http.send(method, concrete(path), token, bodyFor(method, path));
        if (reply.status >= 500) problems.push(`${key}: ${reply.status}`);
        if (!(String(reply.status) in op.responses)) {
          problems.push(`${key}: ${reply.status} is not in the spec`);
        }
        if (path.startsWith('/v1') && reply.headers.get('cache-control') !== 'no-store') {
          problems.push(`${key}: cache-control ${reply.headers.get('cache-control')}`);
        }
        if (person.municipality !== KAMAKURA) {
          if (path.startsWith('/v1/cases/{id}')) {
            if (reply.status !== 404 || !isDeepStrictEqual(reply.body, NOT_FOUND)) {
              problems.push(`${key}: ${reply.status} ${JSON.stringify(reply.body)} instead of 404`);
            }
          }
          if (JSON.stringify(reply.body).includes(matrixCase.householdName)) {
            problems.push(`${key}: shows the other municipality's case`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );
});

describe('a referral onto an id that is taken', () => {
  it("never answers with another municipality's case, and says the same whoever holds the id", async () => {
    const kamakuraCoordinator = await tokenFor({
      id: 'coord-1',
      roles: ['coordinator'],
      municipality: KAMAKURA,
    });
    const kashiwaCoordinator = await tokenFor({
      id: 'coord-k',
      roles: ['coordinator'],
      municipality: KASHIWA,
    });
    const kamakuraCase = referral(KAMAKURA);
    const kashiwaCase = referral(KASHIWA, '柏 太郎 世帯');
    expect((await http.post('/v1/cases', kamakuraCase, kamakuraCoordinator)).status).toBe(201);
    expect((await http.post('/v1/cases', kashiwaCase, kashiwaCoordinator)).status).toBe(201);

    // The attack: another municipality's id with the caller's own municipality.
    const intoKamakura = await http.post(
      '/v1/cases',
      { ...kashiwaCase, id: kamakuraCase.id },
      kashiwaCoordinator,
    );
    const intoKashiwa = await http.post(
      '/v1/cases',
      { ...kamakuraCase, id: kashiwaCase.id },
      kamakuraCoordinator,
    );
    expect(intoKamakura.body).toEqual(ID_TAKEN);
    expect(intoKashiwa.body).toEqual(ID_TAKEN);
    expect(intoKamakura.status).toBe(409);

    // The owner's case is untouched, and its auditor sees the attempt.
    const owned = await http.get(`/v1/cases/${kamakuraCase.id}`, kamakuraCoordinator);
    expect(owned.body).toMatchObject({
      municipality: KAMAKURA,
      householdName: kamakuraCase.householdName,
    });
    const auditor = await tokenFor({ id: 'auditor-1', roles: ['auditor'], municipality: KAMAKURA });
    const log = await http.get(`/v1/audit?caseId=${kamakuraCase.id}&action=case.refer`, auditor);
    expect(log.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: 'coord-k', municipality: KASHIWA, outcome: 'denied' }),
      ]),
    );
  });

  it("refuses the municipality's own closed case with that same 409, and retries an open one", async () => {
    const coordinator = await tokenFor({
      id: 'coord-1',
      roles: ['coordinator'],
      municipality: KAMAKURA,
    });
    const c = referral(KAMAKURA);
    expect((await http.post('/v1/cases', c, coordinator)).status).toBe(201);
    const retried = await http.post('/v1/cases', c, coordinator);
    expect([retried.status, retried.body.id]).toEqual([201, c.id]);

    const db = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    try {
      await db.query(`UPDATE cases SET status = 'closed' WHERE id = $1`, [c.id]);
    } finally {
      await db.end();
    }
    const closed = await http.post('/v1/cases', c, coordinator);
    expect([closed.status, closed.body]).toEqual([409, ID_TAKEN]);
  });

  it('refuses a referral into another municipality than the coordinator’s own', async () => {
    const coordinator = await tokenFor({
      id: 'coord-1',
      roles: ['coordinator'],
      municipality: KAMAKURA,
    });
    const c = referral(KASHIWA);
    expect((await http.post('/v1/cases', c, coordinator)).status).toBe(403);
    const kashiwa = await tokenFor({
      id: 'coord-k',
      roles: ['coordinator'],
      municipality: KASHIWA,
    });
    expect((await http.get(`/v1/cases/${c.id}`, kashiwa)).status).toBe(404);
  });
});

describe('another municipality’s case and a missing case', () => {
  it('get the same status and the same body, and both leave an audit row', async () => {
    const manager = await tokenFor({ id: 'manager-k', roles: ['manager'], municipality: KASHIWA });
    const missing = randomUUID();
    const theirs = await http.get(`/v1/cases/${matrixCase.id}`, manager);
    const none = await http.get(`/v1/cases/${missing}`, manager);
    expect([theirs.status, theirs.body]).toEqual([none.status, none.body]);
    expect(theirs.status).toBe(404);
    const auditor = await tokenFor({ id: 'auditor-k', roles: ['auditor'], municipality: KASHIWA });
    const log = await http.get(`/v1/audit?caseId=${missing}`, auditor);
    expect(log.body.entries).toEqual([
      expect.objectContaining({ actorId: 'manager-k', action: 'case.read', outcome: 'denied' }),
    ]);
  });
});

describe('tasks and pages across municipalities', () => {
  it("shows another municipality's people none of its tasks, and refuses them its cursors", async () => {
    const kamakura = await tokenFor({
      id: 'manager-1',
      roles: ['manager'],
      municipality: KAMAKURA,
    });
    const kashiwa = await tokenFor({ id: 'manager-1', roles: ['manager'], municipality: KASHIWA });
    const all = await http.get('/v1/tasks?limit=50', kamakura);
    expect(all.body.tasks.map((t: { caseId: string }) => t.caseId)).toContain(matrixCase.id);
    const theirs = await http.get('/v1/tasks?limit=50', kashiwa);
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(theirs.body)).not.toContain(matrixCase.id);
    // The same person id in another municipality: the cursor is bound to the municipality too.
    const own = await http.get('/v1/tasks?limit=1', kamakura);
    const list = await http.get('/v1/cases?limit=1', kamakura);
    expect([typeof own.body.nextCursor, typeof list.headers.get('next-cursor')]).toEqual([
      'string',
      'string',
    ]);
    for (const path of [
      `/v1/tasks?limit=1&cursor=${own.body.nextCursor}`,
      `/v1/cases?limit=1&cursor=${list.headers.get('next-cursor')}`,
    ]) {
      const reply = await http.get(path, kashiwa);
      expect([reply.status, reply.body.message]).toEqual([
        400,
        expect.stringMatching(/^cursor must be/),
      ]);
    }
  });
});

describe('the audit log of one municipality', () => {
  it('does not tell its auditors which municipality holds a case their own people tried', async () => {
    const nosy = await tokenFor({
      id: 'coord-nosy',
      roles: ['coordinator'],
      municipality: KASHIWA,
    });
    expect((await http.get(`/v1/cases/${matrixCase.id}`, nosy)).status).toBe(404);
    const auditor = await tokenFor({ id: 'auditor-k', roles: ['auditor'], municipality: KASHIWA });
    const log = await http.get('/v1/audit?actorId=coord-nosy', auditor);
    expect(log.body.entries).toEqual([
      expect.objectContaining({ caseId: matrixCase.id, caseMunicipality: null, outcome: 'denied' }),
    ]);
  });
});

describe('the OpenAPI document', () => {
  it('declares text bounds in characters, and keeps optional fields optional', () => {
    const schemas = (spec as unknown as { components: { schemas: Record<string, never> } })
      .components.schemas;
    const refer = schemas['ReferCaseDto'] as {
      required: string[];
      properties: Record<string, { minLength?: number; maxLength?: number }>;
    };
    expect(refer.properties.householdName).toMatchObject({ minLength: 1, maxLength: 200 });
    expect(refer.properties.summary).toMatchObject({ maxLength: 4000 });
    expect(refer.required).toContain('householdName');
    expect(refer.required).not.toContain('summary');
  });

  it('declares the CSV of the statistics', () => {
    for (const path of ['/v1/statistics/monthly', '/v1/statistics/fiscal-year']) {
      expect(Object.keys(spec.paths[path].get.responses['200'].content ?? {})).toEqual(
        expect.arrayContaining(['application/json', 'text/csv']),
      );
    }
  });
});

describe('tokens', () => {
  const claims = { municipality: KAMAKURA, roles: ['coordinator'] };

  it('refuses a municipality claim holding a quote (it was pasted into list filters)', async () => {
    const token = await rawToken(
      { ...claims, municipality: "142042' OR Municipality != 'x" },
      now(),
      now() + 600,
    );
    const reply = await http.get('/v1/cases', token);
    expect([reply.status, reply.body]).toEqual([401, UNAUTHENTICATED]);
  });

  it('refuses a token issued in the future', async () => {
    const reply = await http.get('/v1/cases', await rawToken(claims, now() + 3600, now() + 7200));
    expect([reply.status, reply.body]).toEqual([401, UNAUTHENTICATED]);
  });

  it('refuses a token valid for ten years', async () => {
    const token = await rawToken(claims, now(), now() + 10 * 365 * 86_400);
    const reply = await http.get('/v1/cases', token);
    expect([reply.status, reply.body]).toEqual([401, UNAUTHENTICATED]);
    expect((await http.get('/v1/cases', await rawToken(claims, now(), now() + 3600))).status).toBe(
      200,
    );
  });
});

describe('inputs', () => {
  let coordinator: string;
  beforeAll(async () => {
    coordinator = await tokenFor({ id: 'coord-1', roles: ['coordinator'], municipality: KAMAKURA });
  });

  it('refuses a NUL in householdName with a 400 naming it; nothing is stored or started', async () => {
    const c = { ...referral(), householdName: '深沢\u0000世帯' };
    const reply = await http.post('/v1/cases', c, coordinator);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('householdName must not contain control characters');
    expect((await http.get(`/v1/cases/${c.id}`, coordinator)).status).toBe(404);
    await withRawTemporal(async (client) => {
      await expect(
        client.workflow.getHandle(caseWorkflowId(c.id)).describe(),
      ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    });
  });

  it('refuses text longer than its column holds, counted as PostgreSQL counts', async () => {
    const fits = { ...referral(), householdName: '😀'.repeat(200) };
    expect((await http.post('/v1/cases', fits, coordinator)).status).toBe(201);
    const tooLong = { ...referral(), householdName: '♥️'.repeat(150) };
    const reply = await http.post('/v1/cases', tooLong, coordinator);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('householdName must be 1 to 200 characters long');
  });

  it('refuses a body nested 10,000 deep with a 400', async () => {
    const res = await fetch(`${product.baseUrl}/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
      body: '['.repeat(10_000) + ']'.repeat(10_000),
    });
    expect(res.status).toBe(400);
  });

  it('refuses integers beyond what the database holds with a 400', async () => {
    const auditor = await tokenFor({ id: 'auditor-1', roles: ['auditor'], municipality: KAMAKURA });
    expect((await http.get('/v1/audit?before=99999999999999999999', auditor)).status).toBe(400);
    expect((await http.get('/v1/audit?before=1e30', auditor)).status).toBe(400);
    const ack = await http.post(
      '/v1/notifications/99999999999999999999/acknowledge',
      {},
      coordinator,
    );
    expect(ack.status).toBe(400);
  });

  it('refuses NUL and control characters in query strings and path parameters with a 400', async () => {
    const auditor = await tokenFor({ id: 'auditor-1', roles: ['auditor'], municipality: KAMAKURA });
    for (const path of ['/v1/audit?action=case.read%00', '/v1/audit?actorId=%1B']) {
      expect([path, (await http.get(path, auditor)).status]).toEqual([path, 400]);
    }
    for (const path of [
      '/v1/cases?coordinator=a%00',
      '/v1/cases/%00',
      '/v1/cases/stuck/%00',
      '/v1/notifications/addresses?any=%00',
      '/v1/statistics/monthly?month=2026-04%0A',
    ]) {
      expect([path, (await http.get(path, coordinator)).status]).toEqual([path, 400]);
    }
  });
});

describe('refused and invalid requests', () => {
  it('leave an audit row with the request id the server gave the answer', async () => {
    const coordinator = await tokenFor({
      id: 'coord-nul',
      roles: ['coordinator'],
      municipality: KAMAKURA,
    });
    const auditor = await tokenFor({ id: 'auditor-1', roles: ['auditor'], municipality: KAMAKURA });
    const invalid = await http.post(
      '/v1/cases',
      { ...referral(), householdName: 'a\u0000' },
      coordinator,
    );
    expect(invalid.status).toBe(400);
    const log = await http.get('/v1/audit?actorId=coord-nul', auditor);
    expect(log.body.entries).toEqual([
      expect.objectContaining({
        action: 'request.invalid',
        outcome: 'denied',
        municipality: KAMAKURA,
        requestId: invalid.headers.get('x-request-id'),
      }),
    ]);
  });

  it("leave one on a case path without a token, which the case's auditors see", async () => {
    const anonymous = await http.get(`/v1/cases/${matrixCase.id}`);
    expect(anonymous.status).toBe(401);
    const auditor = await tokenFor({ id: 'auditor-1', roles: ['auditor'], municipality: KAMAKURA });
    const log = await http.get(
      `/v1/audit?caseId=${matrixCase.id}&action=request.unauthenticated`,
      auditor,
    );
    expect(log.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorId: 'anonymous',
          caseMunicipality: KAMAKURA,
          requestId: anonymous.headers.get('x-request-id'),
        }),
      ]),
    );
  });
});

describe('rate limit', () => {
  it('is one budget per caller across all routes', async () => {
    const limited = await startProduct(`e2e-${randomUUID()}`, { RATE_LIMIT_PER_MINUTE: '6' });
    try {
      const client = httpClient(limited.baseUrl);
      const manager = await tokenFor({
        id: 'manager-1',
        roles: ['manager'],
        municipality: KAMAKURA,
      });
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await client.get('/v1/notifications', manager)).status);
        statuses.push((await client.get('/v1/notifications/addresses', manager)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
      // Another caller from the same address has a budget of its own.
      const other = await tokenFor({ id: 'manager-2', roles: ['manager'], municipality: KAMAKURA });
      expect((await client.get('/v1/notifications', other)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});
