import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import type { TokenSubject } from '../../tools/dev/dev-issuer';
import { httpClient, tokenFor } from './http';
import { Product, startProduct } from './product';
import { KAMAKURA, KASHIWA, USERS } from './users';

/**
 * The everyday actions a coordinator takes besides the process's steps, through the running API:
 * the agency register, case notes and the printouts, each scoped by the stored case.
 */
let product: Product;
let http: ReturnType<typeof httpClient>;
const token = {} as Record<
  'coordinator' | 'memberStaff' | 'otherStaff' | 'manager' | 'kashiwa' | 'auditor',
  string
>;

const KASHIWA_COORDINATOR: TokenSubject = {
  id: 'coord-kashiwa',
  roles: ['coordinator'],
  municipality: KASHIWA,
};

function referral(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    municipality: KAMAKURA,
    programme: 'collaboration',
    fields: ['elderly'],
    referringAgency: 'houkatsu-kamakura',
    householdName: '腰越 太郎 世帯',
    summary: '父の物忘れ、息子の引きこもり',
    members: [
      { name: '腰越 太郎', relation: 'father', age: 84 },
      { name: '腰越 次郎', relation: 'son', age: 52, isPerson: true },
    ],
    ...overrides,
  };
}

async function referred(overrides: Record<string, unknown> = {}): Promise<string> {
  const body = referral(overrides);
  const res = await http.post('/v1/cases', body, token.coordinator);
  expect(res.status).toBe(201);
  return body.id;
}

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  http = httpClient(product.baseUrl);
  token.coordinator = await tokenFor(USERS.coordinator);
  token.memberStaff = await tokenFor(USERS.memberStaff);
  token.otherStaff = await tokenFor(USERS.otherStaff);
  token.manager = await tokenFor(USERS.manager);
  token.auditor = await tokenFor(USERS.auditor);
  token.kashiwa = await tokenFor(KASHIWA_COORDINATOR);
});
afterAll(async () => {
  await product?.stop();
});

describe('the agency register', () => {
  it("lists the caller's municipality's agencies only, Kashiwa's from its direction paper", async () => {
    const kamakura = await http.get('/v1/agencies', token.coordinator);
    const kashiwa = await http.get('/v1/agencies', token.kashiwa);
    expect(kamakura.status).toBe(200);
    const codes = (res: typeof kamakura) => res.body.map((a: { code: string }) => a.code);
    expect(codes(kamakura)).toContain('houkatsu-kamakura');
    expect(codes(kamakura)).not.toContain('houkatsu-kashiwa');
    expect(codes(kashiwa)).toEqual(
      expect.arrayContaining(['houkatsu-kashiwa', 'kyoten-kashiwa', 'ainet-kashiwa']),
    );
    expect(codes(kashiwa)).not.toContain('houkatsu-kamakura');
    expect(kashiwa.body.find((a: { code: string }) => a.code === 'hughug-kashiwa')).toEqual({
      code: 'hughug-kashiwa',
      name: '柏市 地域子育て支援拠点（はぐはぐ）',
      field: 'children',
      phone: null,
    });
  });

  it('refuses a referral naming an agency that exists nowhere, or only in another municipality, and keeps nothing', async () => {
    for (const [field, body] of [
      ['referringAgency', referral({ referringAgency: 'houkatsu-nowhere' })],
      ['supportMeetingAgencies', referral({ supportMeetingAgencies: ['houkatsu-kashiwa'] })],
    ] as const) {
      const res = await http.post('/v1/cases', body, token.coordinator);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([expect.stringMatching(new RegExp(`^${field}: '`))]);
      expect((await http.get(`/v1/cases/${body.id}`, token.coordinator)).status).toBe(404);
    }
  });

  it('refuses a plan or meeting attendees naming an unknown agency, naming the field', async () => {
    const id = await referred();
    expect(
      (await http.post(`/v1/cases/${id}/consent`, { status: 'given' }, token.coordinator)).status,
    ).toBe(200);
    expect(
      (await http.post(`/v1/cases/${id}/assessment`, { summary: 's' }, token.coordinator)).status,
    ).toBe(200);
    const plan = { goals: 'g', monitoringInterval: 'P1M', contactInterval: 'P2M' };
    const refused = await http.post(
      `/v1/cases/${id}/plan`,
      { ...plan, agencies: ['houkatsu-kamakura', 'made-up'] },
      token.coordinator,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.message).toEqual([
      "agencies: 'made-up' is no agency of the municipality (see GET /v1/agencies)",
    ]);
    const view = await http.get(`/v1/cases/${id}`, token.coordinator);
    expect(view.body.planAgencies).toEqual([]);
  });

  it('refuses a notice address for an agency that does not exist', async () => {
    const admin = await tokenFor(USERS.administrator);
    const res = await http.send('PUT', '/v1/notifications/addresses', admin, {
      recipientKind: 'agency',
      recipient: 'made-up',
      channel: 'email',
      address: 'x@example.jp',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([
      "recipient: 'made-up' is no agency of the municipality (see GET /v1/agencies)",
    ]);
  });
});

describe('case notes (支援記録)', () => {
  const TEXT = '息子さんと玄関先で10分話せた。\n次回は父の通院に同行する。';

  it('writes a note attributed to its writer, lists it to those who may read the case, and keeps its text out of the timeline', async () => {
    const id = await referred();
    const written = await http.post(`/v1/cases/${id}/notes`, { text: TEXT }, token.memberStaff);
    expect(written.status).toBe(201);
    expect(written.body).toEqual({
      id: expect.any(String),
      text: TEXT,
      writtenBy: USERS.memberStaff.id,
      writtenAt: expect.any(String),
    });
    const second = await http.post(`/v1/cases/${id}/notes`, { text: '二件目' }, token.coordinator);
    for (const reader of [token.coordinator, token.manager, token.memberStaff]) {
      const listed = await http.get(`/v1/cases/${id}/notes`, reader);
      expect(listed.status).toBe(200);
      expect(listed.body.notes.map((n: { text: string }) => n.text)).toEqual(['二件目', TEXT]);
    }
    const page = await http.get(`/v1/cases/${id}/notes?limit=1`, token.coordinator);
    expect(page.body).toMatchObject({ notes: [{ id: second.body.id }], next: second.body.id });
    const older = await http.get(
      `/v1/cases/${id}/notes?limit=1&before=${page.body.next}`,
      token.coordinator,
    );
    expect(older.body.notes.map((n: { id: string }) => n.id)).toEqual([written.body.id]);

    const view = await http.get(`/v1/cases/${id}`, token.coordinator);
    const entries = view.body.timeline.filter((e: { event: string }) => e.event === 'note.written');
    expect(entries).toEqual([
      expect.objectContaining({
        recordedBy: USERS.memberStaff.id,
        detail: { noteId: written.body.id },
      }),
      expect.objectContaining({
        recordedBy: USERS.coordinator.id,
        detail: { noteId: second.body.id },
      }),
    ]);
    expect(JSON.stringify(view.body)).not.toContain('玄関先');
  });

  it('stores the text encrypted: the database row holds neither the text nor any part of it', async () => {
    const id = await referred();
    await http.post(`/v1/cases/${id}/notes`, { text: TEXT }, token.coordinator);
    const db = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT sealed FROM case_notes WHERE case_id = $1', [id]);
      expect(rows).toHaveLength(1);
      const bytes = rows[0].sealed as Buffer;
      expect(bytes.includes(Buffer.from('玄関先'))).toBe(false);
      expect(bytes.includes(Buffer.from('binary/encrypted'))).toBe(true);
    } finally {
      await db.end();
    }
  });

  it('refuses staff of an agency with no part in the case (403), a manager writing (403), another municipality (404 as an unknown id), and bad text (400), keeping nothing', async () => {
    const id = await referred();
    const write = (t: string, text: unknown = TEXT) =>
      http.post(`/v1/cases/${id}/notes`, { text }, t);
    expect((await write(token.otherStaff)).status).toBe(403);
    expect((await http.get(`/v1/cases/${id}/notes`, token.otherStaff)).status).toBe(403);
    expect((await write(token.manager)).status).toBe(403);
    expect((await write(token.auditor)).status).toBe(403);
    const outside = await write(token.kashiwa);
    const unknown = await http.post(
      `/v1/cases/${randomUUID()}/notes`,
      { text: TEXT },
      token.kashiwa,
    );
    expect(outside.status).toBe(404);
    expect(outside.body).toEqual(unknown.body);
    expect((await http.get(`/v1/cases/${id}/notes`, token.kashiwa)).status).toBe(404);
    for (const bad of ['', 'x'.repeat(4001), 'a\u0000b', 42]) {
      const res = await write(token.coordinator, bad);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('text');
    }
    expect((await http.get(`/v1/cases/${id}/notes`, token.coordinator)).body.notes).toEqual([]);
  });
});
