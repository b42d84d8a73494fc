import { randomUUID } from 'node:crypto';
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
