import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { caseWorkflowId } from '@sss/domain';
import { devIssuer } from '../../tools/dev/dev-issuer';
import { httpClient, Reply, tokenFor } from './http';
import { startProduct, Product } from './product';
import { withRawTemporal } from './raw-temporal';
import { KAMAKURA, UserName, USERS } from './users';

let product: Product;
let http: ReturnType<typeof httpClient>;
const tokens = {} as Record<UserName | 'expired' | 'foreignKey', string>;

/** A Kamakura case referred by the Fukasawa community support centre (in its support meeting). */
function referral() {
  return {
    id: randomUUID(),
    municipality: KAMAKURA,
    programme: 'collaboration',
    fields: ['elderly'],
    referringAgency: 'houkatsu-kamakura',
    householdName: '深沢 一郎 世帯',
    summary: '独居の父の物忘れが進んでいる',
  };
}

let sharedCase: ReturnType<typeof referral>;
let encryptedPayload: { metadata: Record<string, string>; data: string };

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  http = httpClient(product.baseUrl);
  for (const name of Object.keys(USERS) as UserName[]) tokens[name] = await tokenFor(USERS[name]);
  tokens.expired = await tokenFor(USERS.manager, '-1m');
  const stranger = await devIssuer(`${process.env.E2E_DIR}/stranger.jwk`);
  tokens.foreignKey = await stranger.sign(USERS.manager);

  sharedCase = referral();
  expect((await http.post('/v1/cases', sharedCase, tokens.coordinator)).status).toBe(201);
  encryptedPayload = await withRawTemporal(async (client) => {
    const history = await client.workflow.getHandle(caseWorkflowId(sharedCase.id)).fetchHistory();
    const input = history.events?.[0].workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    return {
      metadata: Object.fromEntries(
        Object.entries(input?.metadata ?? {}).map(([k, v]) => [
          k,
          Buffer.from(v).toString('base64'),
        ]),
      ),
      data: Buffer.from(input?.data ?? []).toString('base64'),
    };
  });
});
afterAll(async () => {
  await product?.stop();
});

type Endpoint = 'refer' | 'read' | 'audit' | 'decode' | 'encode';
const call: Record<Endpoint, (token?: string) => Promise<Reply>> = {
  refer: (token) => http.post('/v1/cases', referral(), token),
  read: (token) => http.get(`/v1/cases/${sharedCase.id}`, token),
  audit: (token) => http.get('/v1/audit', token),
  decode: (token) => http.post('/v1/codec/decode', { payloads: [encryptedPayload] }, token),
  encode: (token) =>
    http.post('/v1/codec/encode', { payloads: [{ metadata: {}, data: 'e30=' }] }, token),
};

// prettier-ignore
const MATRIX: [UserName | 'anonymous' | 'expired' | 'foreignKey', Record<Endpoint, number>][] = [
  ['anonymous',     { refer: 401, read: 401, audit: 401, decode: 401, encode: 401 }],
  ['expired',       { refer: 401, read: 401, audit: 401, decode: 401, encode: 401 }],
  ['foreignKey',    { refer: 401, read: 401, audit: 401, decode: 401, encode: 401 }],
  ['coordinator',   { refer: 201, read: 200, audit: 403, decode: 403, encode: 403 }],
  ['service',       { refer: 201, read: 200, audit: 403, decode: 403, encode: 403 }],
  ['memberStaff',   { refer: 403, read: 200, audit: 403, decode: 403, encode: 403 }],
  ['otherStaff',    { refer: 403, read: 403, audit: 403, decode: 403, encode: 403 }],
  ['manager',       { refer: 403, read: 200, audit: 403, decode: 200, encode: 200 }],
  ['otherManager',  { refer: 403, read: 404, audit: 403, decode: 200, encode: 200 }],
  ['auditor',       { refer: 403, read: 403, audit: 200, decode: 403, encode: 403 }],
  ['administrator', { refer: 403, read: 403, audit: 403, decode: 403, encode: 403 }],
];

describe('role × endpoint matrix', () => {
  it.each(MATRIX)('%s gets exactly the statuses of the policy', async (user, expected) => {
    const token = user === 'anonymous' ? undefined : tokens[user];
    const actual: Record<string, number> = {};
    for (const endpoint of Object.keys(expected) as Endpoint[]) {
      const reply = await call[endpoint](token);
      actual[endpoint] = reply.status;
      if (reply.status >= 400) {
        // A refusal says nothing of the case.
        expect(JSON.stringify(reply.body)).not.toMatch(/深沢|houkatsu|collaboration/);
      }
    }
    expect(actual).toEqual(expected);
  });
});

describe('audit log', () => {
  it('records every read, allowed or refused, with who, role, action, case and request id', async () => {
    const c = referral();
    await http.post('/v1/cases', c, tokens.coordinator);
    const reads: [UserName, string][] = [];
    for (const user of ['manager', 'memberStaff', 'otherStaff', 'manager'] as UserName[]) {
      // The server makes the request id; one a caller sends is not what it records.
      const sent = randomUUID();
      const reply = await http.send('GET', `/v1/cases/${c.id}`, tokens[user], undefined, {
        'x-request-id': sent,
      });
      const requestId = reply.headers.get('x-request-id') ?? '';
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(requestId).not.toBe(sent);
      reads.push([user, requestId]);
    }
    const log = await http.get(`/v1/audit?caseId=${c.id}&action=case.read`, tokens.auditor);
    expect(log.status).toBe(200);
    const entries = [...log.body.entries].reverse();
    expect(entries).toHaveLength(reads.length);
    reads.forEach(([user, requestId], i) => {
      expect(entries[i]).toMatchObject({
        actorId: USERS[user].id,
        actorRoles: USERS[user].roles,
        actorKind: 'person',
        municipality: KAMAKURA,
        action: 'case.read',
        caseId: c.id,
        requestId,
        outcome: user === 'otherStaff' ? 'denied' : 'allowed',
      });
    });
    const refer = await http.get(`/v1/audit?caseId=${c.id}&action=case.refer`, tokens.auditor);
    expect(refer.body.entries).toEqual([
      expect.objectContaining({ actorId: USERS.coordinator.id, outcome: 'allowed' }),
    ]);
  });

  it("shows auditors their own municipality's people and everyone's attempts on its cases", async () => {
    const c = referral();
    await http.post('/v1/cases', c, tokens.coordinator);
    expect((await http.get(`/v1/cases/${c.id}`, tokens.otherManager)).status).toBe(404);
    expect((await http.get(`/v1/cases/${c.id}`, tokens.manager)).status).toBe(200);
    const readers = async (token: string) =>
      (await http.get(`/v1/audit?caseId=${c.id}&action=case.read`, token)).body.entries
        .map((e: { actorId: string; outcome: string }) => `${e.actorId}:${e.outcome}`)
        .sort();
    expect(await readers(tokens.auditor)).toEqual(['manager-1:allowed', 'manager-kashiwa:denied']);
    const kashiwaAuditor = await tokenFor({ ...USERS.auditor, municipality: '122173' });
    expect(await readers(kashiwaAuditor)).toEqual(['manager-kashiwa:denied']);
  });

  it('cannot be changed or deleted, even directly in the database', async () => {
    const db = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    try {
      await expect(db.query(`UPDATE audit_log SET actor_id = 'someone-else'`)).rejects.toThrow(
        'audit_log is append-only',
      );
      await expect(db.query('DELETE FROM audit_log')).rejects.toThrow('audit_log is append-only');
    } finally {
      await db.end();
    }
  });
});

describe('codec server for the Temporal Web UI', () => {
  it('decodes a raw history payload back to the case data for a manager', async () => {
    const reply = await call.decode(tokens.manager);
    expect(reply.status).toBe(200);
    const [decoded] = reply.body.payloads;
    expect(Buffer.from(decoded.metadata.encoding, 'base64').toString()).toBe('json/plain');
    const input = JSON.parse(Buffer.from(decoded.data, 'base64').toString());
    expect(input.variables.referral).toMatchObject({
      caseId: sharedCase.id,
      householdName: '深沢 一郎 世帯',
    });
  });

  it('round-trips: what it encodes, it decodes', async () => {
    const plain = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('{"a":1}').toString('base64'),
    };
    const encoded = await http.post('/v1/codec/encode', { payloads: [plain] }, tokens.manager);
    expect(Buffer.from(encoded.body.payloads[0].data, 'base64').toString()).not.toContain('"a"');
    const decoded = await http.post('/v1/codec/decode', encoded.body, tokens.manager);
    expect(decoded.body.payloads[0]).toEqual(plain);
  });

  it('serves the Web UI through a session cookie and the CORS it needs', async () => {
    const session = await http.post('/v1/codec/session', { token: tokens.manager });
    expect(session.status).toBe(200);
    const cookie = session.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^sss_codec=.+; Path=\/v1\/codec; Expires=.+; HttpOnly; SameSite=Strict$/,
    );

    const origin = process.env.E2E_TEMPORAL_UI_URL ?? '';
    const preflight = await fetch(`${product.baseUrl}/v1/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');

    const viaCookie = await http.post(
      '/v1/codec/decode',
      { payloads: [encryptedPayload] },
      undefined,
      {
        cookie: cookie.split(';')[0],
        origin,
        'x-namespace': 'default',
      },
    );
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('refuses a session to anyone but a manager, and the cookie on any other endpoint', async () => {
    expect((await http.post('/v1/codec/session', { token: tokens.coordinator })).status).toBe(403);
    expect((await http.post('/v1/codec/session', { token: tokens.expired })).status).toBe(401);
    const session = await http.post('/v1/codec/session', { token: tokens.manager });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0];
    const read = await http.send('GET', `/v1/cases/${sharedCase.id}`, undefined, undefined, {
      cookie,
    });
    expect(read.status).toBe(401);
  });

  it('does not answer another web origin', async () => {
    const preflight = await fetch(`${product.baseUrl}/v1/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('hardening', () => {
  it('refuses an oversized body with 413 and stores nothing', async () => {
    const big = { ...referral(), summary: 'x'.repeat(70_000) };
    const reply = await http.post('/v1/cases', big, tokens.coordinator);
    expect(reply.status).toBe(413);
    expect((await http.get(`/v1/cases/${big.id}`, tokens.coordinator)).status).toBe(404);
  });

  it('lets no cache keep an API answer (cases, lists, statistics as CSV)', async () => {
    for (const [path, token] of [
      [`/v1/cases/${sharedCase.id}`, tokens.coordinator],
      ['/v1/cases', tokens.coordinator],
      ['/v1/statistics/monthly?month=2026-04&format=csv', tokens.manager],
      ['/v1/audit', tokens.auditor],
      [`/v1/cases/${randomUUID()}`, tokens.coordinator],
    ] as const) {
      const reply = await http.get(path, token);
      expect([path, reply.headers.get('cache-control')]).toEqual([path, 'no-store']);
    }
  });

  it('sends security headers and hides the framework', async () => {
    const reply = await http.get('/health/live');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('strict-transport-security')).toContain('max-age');
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(reply.headers.get('x-powered-by')).toBeNull();
  });

  it('answers errors without stack traces or internals', async () => {
    const reply = await http.post('/v1/cases', '{"broken json', tokens.coordinator);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).not.toMatch(/at .*\.js|node_modules|SyntaxError: /);
  });
});

describe('rate limiting', () => {
  it('answers 429 once a client exceeds the configured rate', async () => {
    const limited = await startProduct(`e2e-${randomUUID()}`, { RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const client = httpClient(limited.baseUrl);
      const statuses = [];
      for (let i = 0; i < 7; i++)
        statuses.push((await client.get('/v1/audit', tokens.auditor)).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429]);
    } finally {
      await limited.stop();
    }
  });
});
