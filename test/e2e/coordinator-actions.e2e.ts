import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import type { TokenSubject } from '../../tools/dev/dev-issuer';
import { until } from './case-steps';
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

/** The text of each page of a PDF, read back with pdfjs-dist (an ES module: run in its own node). */
function pdfText(pdf: Buffer): string[] {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'pdf-text.mjs')], {
    input: pdf,
  });
  return JSON.parse(out.toString()) as string[];
}

async function pdf(
  url: string,
  who: string,
): Promise<{ status: number; type: string | null; pages: string[] }> {
  const res = await fetch(`${product.baseUrl}${url}`, {
    headers: { authorization: `Bearer ${who}` },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    pages: res.status === 200 ? pdfText(bytes) : [],
  };
}

describe('printouts', () => {
  async function planned(): Promise<string> {
    const id = await referred({ issueTags: ['8050'] });
    const act = async (step: string, body: object) =>
      expect((await http.post(`/v1/cases/${id}/${step}`, body, token.coordinator)).status).toBe(
        200,
      );
    await act('consent', { status: 'given' });
    await act('assessment', {
      summary: '父の認知症、息子の長期のひきこもり',
      needs: ['通院の同行'],
    });
    await act('plan', {
      goals: '父が通院を続け、息子が相談につながる',
      direction: '包括が父、基幹相談が息子を担当',
      agencies: ['houkatsu-kamakura', 'kikan-soudan'],
      monitoringInterval: 'P1M',
      contactInterval: 'P2M',
    });
    return id;
  }

  it('prints the plan as プラン兼利用申込書 in Japanese: household, issues, goals, agencies by name, signature and date lines', async () => {
    const id = await planned();
    const got = await pdf(`/v1/cases/${id}/plan.pdf`, token.coordinator);
    expect(got.status).toBe(200);
    expect(got.type).toBe('application/pdf');
    const text = got.pages.join('\n');
    for (const expected of [
      'プラン兼利用申込書',
      '腰越 太郎 世帯',
      '腰越 次郎（息子、52歳）［本人］',
      '世帯の課題：8050',
      '支援が必要なこと：通院の同行',
      '目標：父が通院を続け、息子が相談につながる',
      'モニタリングの間隔：1か月',
      '地域包括支援センター 鎌倉市社会福祉協議会',
      '鎌倉市基幹相談支援センター',
      '申込日',
      '本人 署名',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints a case summary for a meeting with the household, the assessment, the plan and the open tasks', async () => {
    const id = await planned();
    const got = await pdf(`/v1/cases/${id}/summary.pdf`, token.coordinator);
    expect(got.status).toBe(200);
    const text = got.pages.join('\n');
    for (const expected of [
      'ケース概要（会議資料）',
      '事業：多機関協働',
      'つなぎ：',
      '腰越 太郎（父、84歳）',
      '概要：父の物忘れ、息子の引きこもり',
      '所見：父の認知症、息子の長期のひきこもり',
      'プラン（第1版）',
      '未了の作業',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('answers 409 for the plan of a case with none yet, 403 to agency staff and managers, and 404 to another municipality as to an unknown id', async () => {
    const id = await referred();
    const none = await http.get(`/v1/cases/${id}/plan.pdf`, token.coordinator);
    expect(none.status).toBe(409);
    expect(none.body.message).toContain('no plan yet');
    expect(none.headers.get('content-type')).toMatch(/^application\/json/);
    for (const kind of ['plan', 'summary']) {
      expect((await http.get(`/v1/cases/${id}/${kind}.pdf`, token.memberStaff)).status).toBe(403);
      expect((await http.get(`/v1/cases/${id}/${kind}.pdf`, token.manager)).status).toBe(403);
      const outside = await http.get(`/v1/cases/${id}/${kind}.pdf`, token.kashiwa);
      const unknown = await http.get(`/v1/cases/${randomUUID()}/${kind}.pdf`, token.kashiwa);
      expect([outside.status, outside.body]).toEqual([404, unknown.body]);
    }
  });
});

describe('contacts before support starts', () => {
  it('records a contact and a failed attempt while the case waits on consent, in its contact log and timeline, attributed', async () => {
    const id = await referred();
    const contact = await http.post(
      `/v1/cases/${id}/contacts`,
      { kind: 'contact', channel: 'phone', note: '息子さんが電話に出た' },
      token.memberStaff,
    );
    expect(contact.status).toBe(200);
    expect(contact.body.stage).toBe('consent');
    const failed = await http.post(
      `/v1/cases/${id}/contacts`,
      { kind: 'failed_attempt', channel: 'visit' },
      token.coordinator,
    );
    expect(failed.status).toBe(200);
    const view = await http.get(`/v1/cases/${id}`, token.coordinator);
    const contacts = view.body.timeline.filter((e: { event: string }) =>
      e.event.startsWith('contact.'),
    );
    expect(contacts).toEqual([
      expect.objectContaining({
        event: 'contact.contact',
        detail: { channel: 'phone' },
        recordedBy: USERS.memberStaff.id,
      }),
      expect.objectContaining({
        event: 'contact.failed_attempt',
        detail: { channel: 'visit' },
        recordedBy: USERS.coordinator.id,
      }),
    ]);
    // Still waiting on consent: the contact took no step of the process.
    expect(view.body.workflow.openTasks.map((t: { elementId: string }) => t.elementId)).toEqual([
      'obtainConsent',
    ]);
  });

  it('refuses a contact on another municipality’s case as on an unknown one, and from staff with no part in it', async () => {
    const id = await referred();
    const body = { kind: 'contact', channel: 'phone' };
    const outside = await http.post(`/v1/cases/${id}/contacts`, body, token.kashiwa);
    const unknown = await http.post(`/v1/cases/${randomUUID()}/contacts`, body, token.kashiwa);
    expect([outside.status, outside.body]).toEqual([404, unknown.body]);
    expect((await http.post(`/v1/cases/${id}/contacts`, body, token.otherStaff)).status).toBe(403);
    const view = await http.get(`/v1/cases/${id}`, token.coordinator);
    expect(view.body.timeline.map((e: { event: string }) => e.event)).toEqual(['referred']);
  });
});

describe('household members over time', () => {
  it('adds, changes and ends a member, shows them in the case view with their dates, and puts each change in the timeline', async () => {
    const id = await referred();
    const added = await http.post(
      `/v1/cases/${id}/members`,
      { name: '腰越 花子', relation: 'daughter', age: 20, from: '2026-04-01' },
      token.coordinator,
    );
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      id: expect.any(String),
      name: '腰越 花子',
      relation: 'daughter',
      age: 20,
      isPerson: false,
      from: '2026-04-01',
      to: null,
    });
    const memberId = added.body.id;
    const changed = await http.send(
      'PATCH',
      `/v1/cases/${id}/members/${memberId}`,
      token.coordinator,
      {
        age: 21,
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ age: 21, from: '2026-04-01', to: null });
    const ended = await http.post(
      `/v1/cases/${id}/members/${memberId}/end`,
      { to: '2026-11-30' },
      token.coordinator,
    );
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ age: 21, to: '2026-11-30' });

    const view = await http.get(`/v1/cases/${id}`, token.coordinator);
    expect(
      view.body.members.map((m: { name: string; to: string | null }) => [m.name, m.to]),
    ).toEqual([
      ['腰越 太郎', null],
      ['腰越 次郎', null],
      ['腰越 花子', '2026-11-30'],
    ]);
    const events = view.body.timeline
      .filter((e: { event: string }) => e.event.startsWith('member.'))
      .map((e: { event: string; detail: object; recordedBy: string }) => [
        e.event,
        e.detail,
        e.recordedBy,
      ]);
    expect(events).toEqual([
      ['member.added', { memberId }, USERS.coordinator.id],
      ['member.changed', { memberId }, USERS.coordinator.id],
      ['member.ended', { memberId }, USERS.coordinator.id],
    ]);
    expect(JSON.stringify(view.body.timeline)).not.toContain('花子');
  });

  it('refuses dates that do not exist, an end before the start, a member of another case, and anyone but a coordinator of the municipality, changing nothing', async () => {
    const id = await referred();
    const other = await referred();
    const added = await http.post(
      `/v1/cases/${id}/members`,
      { name: '腰越 花子', relation: 'daughter', from: '2026-04-01' },
      token.coordinator,
    );
    const memberId = added.body.id;
    const bad = [
      [`/v1/cases/${id}/members`, { name: 'x', relation: 'son', from: '2027-02-30' }, 'from'],
      [`/v1/cases/${id}/members`, { name: 'x', relation: 'cousin' }, 'relation'],
      [
        `/v1/cases/${id}/members/${memberId}/end`,
        { to: '2026-03-31' },
        'to: must not be before from',
      ],
      [`/v1/cases/${id}/members/${memberId}/end`, { to: '2026-04-01T00:00:00Z' }, 'to'],
    ] as const;
    for (const [url, body, field] of bad) {
      const res = await http.post(url, body, token.coordinator);
      expect([url, res.status]).toEqual([url, 400]);
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
    const foreign = await http.post(
      `/v1/cases/${other}/members/${memberId}/end`,
      { to: '2026-12-01' },
      token.coordinator,
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe('household member not found');
    for (const who of [token.memberStaff, token.manager]) {
      expect(
        (await http.post(`/v1/cases/${id}/members`, { name: 'x', relation: 'son' }, who)).status,
      ).toBe(403);
    }
    const outside = await http.post(
      `/v1/cases/${id}/members`,
      { name: 'x', relation: 'son' },
      token.kashiwa,
    );
    const unknown = await http.post(
      `/v1/cases/${randomUUID()}/members`,
      { name: 'x', relation: 'son' },
      token.kashiwa,
    );
    expect([outside.status, outside.body]).toEqual([404, unknown.body]);
    const view = await http.get(`/v1/cases/${id}`, token.coordinator);
    expect(view.body.members).toHaveLength(3);
    expect(view.body.members[2]).toMatchObject({ name: '腰越 花子', to: null });
  });
});

describe('the case list: household names and search', () => {
  it('finds cases by household name within the caller’s municipality, blanks and width ignored, and shows the names', async () => {
    const marker = `七里${Date.now() % 100000}`;
    const one = await referred({ householdName: `${marker}\u3000一郎 世帯` });
    const two = await referred({ householdName: `${marker} 二郎 世帯` });
    await referred({ householdName: '稲村 三郎 世帯' });
    const found = await until('both cases listed', async () => {
      const res = await http.get(
        `/v1/cases?household=${encodeURIComponent(`${marker}一郎`)}`,
        token.coordinator,
      );
      return res.body.length === 1 ? res : undefined;
    });
    expect(found.body).toEqual([
      expect.objectContaining({ id: one, householdName: `${marker}\u3000一郎 世帯` }),
    ]);
    const both = await http.get(`/v1/cases?household=${encodeURIComponent(marker)}`, token.manager);
    expect(both.body.map((c: { id: string }) => c.id).sort()).toEqual([one, two].sort());
    const fullWidth = marker.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const wide = await http.get(
      `/v1/cases?household=${encodeURIComponent(fullWidth)}`,
      token.coordinator,
    );
    expect(wide.body).toHaveLength(2);
    const kashiwa = await http.get(
      `/v1/cases?household=${encodeURIComponent(marker)}`,
      token.kashiwa,
    );
    expect([kashiwa.status, kashiwa.body]).toEqual([200, []]);
    const wildcard = await http.get(
      `/v1/cases?household=${encodeURIComponent('%')}`,
      token.coordinator,
    );
    expect(wildcard.body).toEqual([]);
    expect((await http.get('/v1/cases?household=', token.coordinator)).status).toBe(400);
    expect((await http.get(`/v1/cases?household=${marker}`, token.memberStaff)).status).toBe(403);
  });
});
