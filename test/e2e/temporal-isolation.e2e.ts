import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter, Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import { caseWorkflowId } from '@sss/domain';
import { MunicipalityPayloadCodec, parsePayloadKeys, PayloadCipher } from '@sss/temporal';
import { processViewQuery } from '@sss/workflows/client';
import type { TokenSubject } from '../../tools/dev/dev-issuer';
import { httpClient, tokenFor } from './http';
import { startProduct, Product } from './product';
import { KAMAKURA, KASHIWA, USERS } from './users';

const TEMPORAL_CLI = path.resolve(__dirname, '../../.tools/venv/bin/temporal');
const KASHIWA_COORDINATOR = {
  id: 'coord-kashiwa',
  roles: ['coordinator'],
  municipality: KASHIWA,
} satisfies TokenSubject;

let product: Product;
let http: ReturnType<typeof httpClient>;
let connection: Connection;
let db: PgClient;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  http = httpClient(product.baseUrl);
  connection = await Connection.connect({ address: process.env.E2E_TEMPORAL_ADDRESS });
  db = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  tokens.coordinator = await tokenFor(USERS.coordinator);
  tokens.manager = await tokenFor(USERS.manager);
  tokens.otherManager = await tokenFor(USERS.otherManager);
  tokens.kashiwaCoordinator = await tokenFor(KASHIWA_COORDINATOR);
});
afterAll(async () => {
  await db?.end();
  await connection?.close();
  await product?.stop();
});

async function referred(municipality = KAMAKURA, token = tokens.coordinator): Promise<string> {
  const id = randomUUID();
  const res = await http.post(
    '/v1/cases',
    {
      id,
      municipality,
      programme: 'collaboration',
      fields: ['elderly'],
      referringAgency: municipality === KAMAKURA ? 'houkatsu-kamakura' : 'houkatsu-kashiwa',
      householdName: '稲村 世帯',
      summary: '独居の父の物忘れが進んでいる',
    },
    token,
  );
  expect(res.status).toBe(201);
  return id;
}

/** The open consent task's id, as an attacker who guessed it (ids are sequential) would know it. */
async function consentTaskId(caseId: string): Promise<string> {
  const cipher = new PayloadCipher(parsePayloadKeys(process.env.E2E_PAYLOAD_KEYS ?? ''));
  const insider = new Client({
    connection,
    dataConverter: { payloadCodecs: [new MunicipalityPayloadCodec(cipher, KAMAKURA)] },
  });
  const view = await insider.workflow.getHandle(caseWorkflowId(caseId)).query(processViewQuery);
  const task = view.openTasks.find((t) => t.elementId === 'obtainConsent');
  if (!task) throw new Error('no consent task open');
  return task.id;
}

/** Sends an update straight to Temporal's frontend, as the Temporal CLI does, and its outcome. */
async function rawUpdate(caseId: string, name: string, payload: Payload) {
  const { outcome } = await connection.workflowService.updateWorkflowExecution({
    namespace: 'default',
    workflowExecution: { workflowId: caseWorkflowId(caseId) },
    waitPolicy: {
      lifecycleStage:
        temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage
          .UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED,
    },
    request: {
      meta: { updateId: randomUUID(), identity: 'attacker' },
      input: { name, args: { payloads: [payload] } },
    },
  });
  return outcome;
}

/** What a forged action must not have left: a step taken, a record, an accepted update. */
async function expectNothingRecorded(caseId: string): Promise<void> {
  const view = await http.get(`/v1/cases/${caseId}`, tokens.coordinator);
  expect(view.status).toBe(200);
  expect(view.body.stage).toBe('consent');
  expect(JSON.stringify(view.body.timeline)).not.toContain('forged-nobody');
  const consents = await db.query('SELECT count(*)::int AS n FROM consents WHERE case_id = $1', [
    caseId,
  ]);
  expect(consents.rows[0].n).toBe(0);
  const history = await connection.workflowService.getWorkflowExecutionHistory({
    namespace: 'default',
    execution: { workflowId: caseWorkflowId(caseId) },
  });
  // The referral's own `settled` update is the only one the case accepted.
  const accepted = history.history?.events?.flatMap(
    (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? [],
  );
  expect(accepted).toEqual(['settled']);
}

const forgedConsent = (taskId: string) => ({
  taskId,
  data: { status: 'given' },
  by: 'forged-nobody',
});

describe('Temporal is not a way around the API', () => {
  it('refuses a plain completeTask sent with the Temporal CLI, and records nothing', async () => {
    const caseId = await referred();
    const taskId = await consentTaskId(caseId);
    const cli = promisify(execFile)(TEMPORAL_CLI, [
      'workflow',
      'update',
      'execute',
      '--address',
      process.env.E2E_TEMPORAL_ADDRESS ?? '',
      '--workflow-id',
      caseWorkflowId(caseId),
      '--name',
      'completeTask',
      '--input',
      JSON.stringify(forgedConsent(taskId)),
    ]);
    await expect(cli).rejects.toMatchObject({
      stderr: expect.stringContaining('refused: payload is not encrypted'),
    });
    await expectNothingRecorded(caseId);
    // The case is not stuck: the coordinator's own consent goes through the API as before.
    const consent = await http.post(
      `/v1/cases/${caseId}/consent`,
      { status: 'given' },
      tokens.coordinator,
    );
    expect(consent.status).toBe(200);
    expect(consent.body.stage).not.toBe('consent');
  });

  it('refuses an update a manager had the codec server encrypt for the Web UI', async () => {
    const caseId = await referred();
    const plain = defaultPayloadConverter.toPayload(forgedConsent(await consentTaskId(caseId)));
    const encoded = await http.post(
      '/v1/codec/encode',
      {
        payloads: [
          {
            metadata: { encoding: Buffer.from('json/plain').toString('base64') },
            data: Buffer.from(plain.data ?? []).toString('base64'),
          },
        ],
      },
      tokens.manager,
    );
    expect(encoded.status).toBe(200);
    const [sealed] = encoded.body.payloads as { metadata: Record<string, string>; data: string }[];
    const outcome = await rawUpdate(caseId, 'completeTask', {
      metadata: Object.fromEntries(
        Object.entries(sealed.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
      ),
      data: Buffer.from(sealed.data, 'base64'),
    });
    expect(outcome?.failure?.message).toBe('refused: payload was not sent through the API');
    await expectNothingRecorded(caseId);
  });

  it("refuses an update copied from another case's history", async () => {
    const [victim, source] = [await referred(), await referred()];
    const history = await connection.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: caseWorkflowId(source) },
    });
    const input =
      history.history?.events?.[0].workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    const outcome = await rawUpdate(victim, 'completeTask', input as Payload);
    expect(outcome?.failure?.message).toBe('refused: payload was sealed for another case');
    await expectNothingRecorded(victim);
  });

  it('ignores a plain signal: the case records nothing and goes on', async () => {
    const caseId = await referred();
    await connection.workflowService.signalWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId: caseWorkflowId(caseId) },
      signalName: 'message',
      input: {
        payloads: [
          defaultPayloadConverter.toPayload({ name: 'contactRecorded', by: 'forged-nobody' }),
        ],
      },
      identity: 'attacker',
    });
    await expectNothingRecorded(caseId);
    const consent = await http.post(
      `/v1/cases/${caseId}/consent`,
      { status: 'given' },
      tokens.coordinator,
    );
    expect(consent.status).toBe(200);
  });
});

describe('keys per municipality', () => {
  /** The first payload of a case's history, as Temporal stores it. */
  async function storedInput(caseId: string): Promise<Payload> {
    const history = await connection.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: caseWorkflowId(caseId) },
    });
    return history.history?.events?.[0].workflowExecutionStartedEventAttributes?.input
      ?.payloads?.[0] as Payload;
  }
  const asJson = (p: Payload) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [
        k,
        Buffer.from(v ?? []).toString('base64'),
      ]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  });
  const meta = (p: Payload, k: string) => Buffer.from(p.metadata?.[k] ?? []).toString();

  it("seals each case under its own municipality's key, bound to the case", async () => {
    const [kamakura, kashiwa] = [
      await referred(),
      await referred(KASHIWA, tokens.kashiwaCoordinator),
    ];
    const [a, b] = [await storedInput(kamakura), await storedInput(kashiwa)];
    expect([meta(a, 'municipality'), meta(a, 'case-id')]).toEqual([KAMAKURA, kamakura]);
    expect([meta(b, 'municipality'), meta(b, 'case-id')]).toEqual([KASHIWA, kashiwa]);
    expect(Buffer.from(a.data ?? []).toString()).not.toContain('稲村');
    // The Kashiwa case runs on: the worker seals its output for Kashiwa.
    const view = await http.get(`/v1/cases/${kashiwa}`, tokens.kashiwaCoordinator);
    expect(view.status).toBe(200);
    expect(view.body.workflow.openTasks.length).toBeGreaterThan(0);
  });

  it("decodes for a manager only their municipality's payloads, auditing the case", async () => {
    const caseId = await referred();
    const payload = asJson(await storedInput(caseId));
    const mine = await http.post('/v1/codec/decode', { payloads: [payload] }, tokens.manager);
    expect(mine.status).toBe(200);
    expect(Buffer.from(mine.body.payloads[0].data, 'base64').toString()).toContain('稲村');
    const theirs = await http.post(
      '/v1/codec/decode',
      { payloads: [payload] },
      tokens.otherManager,
    );
    expect(theirs.status).toBe(200);
    // Left as it was: still encrypted.
    expect(theirs.body.payloads[0]).toEqual(payload);
    const audit = await db.query(
      `SELECT actor_id, case_id, case_municipality FROM audit_log
        WHERE action = 'payloads.decode' AND case_id = $1`,
      [caseId],
    );
    expect(audit.rows).toEqual([
      { actor_id: USERS.manager.id, case_id: caseId, case_municipality: KAMAKURA },
    ]);
  });

  it('answers malformed or altered codec bodies with 400', async () => {
    const payload = asJson(await storedInput(await referred()));
    const bodies = [
      { payloads: [{ metadata: { encoding: 5 }, data: '' }] },
      { payloads: [{ metadata: { encoding: 'not base64!' } }] },
      { payloads: [{ ...payload, data: Buffer.alloc(40, 1).toString('base64') }] },
      { payloads: [{ ...payload, data: '' }] },
      { payloads: 'none' },
    ];
    for (const body of bodies) {
      const res = await http.post('/v1/codec/decode', body, tokens.manager);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
  });
});

describe('the codec session', () => {
  const signIn = (headers: Record<string, string> = {}, base = http) =>
    base.post('/v1/codec/session', { token: tokens.manager }, undefined, headers);

  it('holds a signed session, not the bearer token, and opens only the codec endpoints', async () => {
    const reply = await signIn();
    expect(reply.status).toBe(200);
    const cookie = (reply.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).not.toContain(tokens.manager);
    expect(cookie).not.toContain(tokens.manager.split('.')[1]);
    const decode = await http.post('/v1/codec/decode', { payloads: [] }, undefined, { cookie });
    expect(decode.status).toBe(200);
    const forged = `${cookie.slice(0, -3)}AAA`;
    const refused = await http.post('/v1/codec/decode', { payloads: [] }, undefined, {
      cookie: forged,
    });
    expect(refused.status).toBe(401);
  });

  it('refuses a sign-in posted from another site, and sets no cookie', async () => {
    const crossSite: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of crossSite) {
      const reply = await signIn(headers);
      expect({ headers, status: reply.status }).toEqual({ headers, status: 403 });
      expect(reply.headers.get('set-cookie')).toBeNull();
    }
    const ownPage = await signIn({ origin: product.baseUrl, 'sec-fetch-site': 'same-origin' });
    expect(ownPage.status).toBe(200);
  });

  it('is Secure behind a trusted TLS proxy, and only then', async () => {
    const tls = { 'x-forwarded-proto': 'https' };
    expect((await signIn(tls)).headers.get('set-cookie')).not.toMatch(/Secure/);
    const proxied = await startProduct(
      `e2e-${randomUUID()}`,
      { TRUST_PROXY: 'loopback' },
      {
        withWorker: false,
      },
    );
    try {
      const reply = await signIn(tls, httpClient(proxied.baseUrl));
      expect(reply.status).toBe(200);
      expect(reply.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await proxied.stop();
    }
  });

  it('answers CORS for the Web UI on the codec calls only', async () => {
    const origin = process.env.E2E_TEMPORAL_UI_URL ?? '';
    const preflight = (path: string) =>
      fetch(`${product.baseUrl}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      }).then((r) => r.headers.get('access-control-allow-origin'));
    expect(await preflight('/v1/codec/decode')).toBe(origin);
    expect(await preflight('/v1/cases')).toBeNull();
    expect(await preflight('/v1/codec/session')).toBeNull();
  });
});
