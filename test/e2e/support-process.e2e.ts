import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { httpClient, Reply, tokenFor } from './http';
import { Product, startProduct } from './product';
import { KASHIWA, USERS } from './users';

/**
 * A coordinator carries cases through the whole support process over HTTP alone, against the real
 * Temporal dev server and PostgreSQL. Real time cannot be skipped here, so the plan's contact
 * interval is seconds long; the workflow tests cover months and years on the time-skipping server.
 */
let product: Product;
let http: ReturnType<typeof httpClient>;
let db: Client;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  http = httpClient(product.baseUrl);
  db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  tokens.coordinator = await tokenFor(USERS.coordinator);
  tokens.staff = await tokenFor({ ...USERS.otherStaff, agency: 'jiritsu-kamakura' });
  tokens.manager = await tokenFor(USERS.manager);
  tokens.kashiwa = await tokenFor({
    id: 'coord-kashiwa',
    roles: ['coordinator'],
    municipality: KASHIWA,
  });
});
afterAll(async () => {
  await db?.end();
  await product?.stop();
});

const soon = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the case until `until` holds: timers fire on the server's clock, not ours. */
async function waitFor(
  id: string,
  until: (c: Reply['body']) => boolean,
  token = tokens.coordinator,
) {
  for (let i = 0; i < 100; i++) {
    const res = await http.get(`/v1/cases/${id}`, token);
    if (until(res.body)) return res.body;
    await sleep(200);
  }
  throw new Error(`case ${id} never got there`);
}
const hasTask = (elementId: string) => (c: Reply['body']) =>
  (c.workflow.openTasks ?? []).some((t: { elementId: string }) => t.elementId === elementId);

async function act(id: string, path: string, body: unknown = {}, token = tokens.coordinator) {
  const res = await http.post(`/v1/cases/${id}/${path}`, body, token);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function holdMeeting(id: string, outcome: Record<string, unknown>) {
  await waitFor(id, hasTask('schedule'));
  await act(id, 'meeting/schedule', { scheduledAt: soon(1), attendees: ['houkatsu-kamakura'] });
  await waitFor(id, hasTask('recordOutcome'));
  return act(id, 'meeting/outcome', outcome);
}

const plan = (contactInterval = 'P2M') => ({
  goals: '父の在宅生活の継続と息子の社会参加の第一歩',
  agencies: ['houkatsu-kamakura', 'jiritsu-kamakura'],
  monitoringInterval: 'P1M',
  contactInterval,
});

function referral(municipality = '142042') {
  return {
    id: randomUUID(),
    municipality,
    programme: 'collaboration',
    fields: ['elderly', 'poverty'],
    issueTags: ['8050', 'poverty'],
    referringAgency: 'houkatsu-kamakura',
    householdName: '鎌倉 太郎 世帯',
    members: [
      { name: '鎌倉 太郎', relation: 'father', age: 84 },
      { name: '鎌倉 一郎', relation: 'son', age: 53, isPerson: true },
    ],
  };
}

describe('the 8050 case, end to end through the coordinator API', () => {
  it('goes from referral to closure with a refused consent, a re-plan and a lost-contact episode', async () => {
    const input = referral();
    const created = await http.post('/v1/cases', input, tokens.coordinator);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      stage: 'consent',
      status: 'open',
      issueTags: ['8050', 'poverty'],
    });
    expect(created.body.workflow.openTasks).toMatchObject([
      { elementId: 'obtainConsent', role: 'coordinator' },
    ]);
    const id = input.id;

    // Refused: a support meeting (Art. 106-6) shares information; later consent is given.
    await act(id, 'consent', { status: 'refused', meeting: 'support_meeting' });
    await holdMeeting(id, { outcome: 'agreed', decision: '月1回の訪問で関係づくり' });
    await waitFor(id, hasTask('reapproach'));
    const given = await act(id, 'consent', { status: 'given' });
    expect(given).toMatchObject({ stage: 'assessment', consentGiven: true });

    await act(id, 'assessment', {
      summary: '父: 認知症、息子: 20年のひきこもり',
      needs: ['介護', '就労'],
    });
    await act(id, 'plan', plan('PT4S'));
    await holdMeeting(id, { outcome: 'agreed', approvedPlanVersion: 1 });
    const supported = await act(id, 'plan-consent', { agreed: true });
    expect(supported.stage).toBe('monitoring');
    expect(supported.planAgencies).toEqual(['houkatsu-kamakura', 'jiritsu-kamakura']);

    // Agency staff with a role in the plan record contact; then silence past the interval.
    await act(id, 'contacts', { kind: 'contact', channel: 'visit' }, tokens.staff);
    const lost = await waitFor(id, hasTask('restoreContact'), tokens.staff);
    expect(lost.stage).toBe('monitoring');
    await act(id, 'contact-effort', { result: 'outreach', note: '不在' }, tokens.staff);
    await waitFor(id, hasTask('restoreContact'));
    await act(id, 'contacts', { kind: 'contact', channel: 'phone' }, tokens.staff);

    // Re-plan through monitoring, then termination through the meeting judging it.
    await act(id, 'monitoring', { note: '息子が居場所に通い始めた', next: 'replan' }, tokens.staff);
    await act(id, 'plan', plan());
    await holdMeeting(id, { outcome: 'agreed', approvedPlanVersion: 2 });
    await act(id, 'plan-consent', { agreed: true });
    await act(id, 'termination-request', { reason: '目標達成' });
    await holdMeeting(id, { outcome: 'agreed', decision: '終結。地域包括が見守りを継続' });
    const closed = await waitFor(id, (c) => c.status === 'closed');
    expect(closed).toMatchObject({ stage: 'closed', workflow: { status: 'COMPLETED' } });

    // The records and the timeline, written by the workflow's activities, once each.
    const events = closed.timeline.map((e: { event: string }) => e.event);
    expect(events).toEqual([
      'referred',
      'consent.information_sharing',
      'meeting.held',
      'consent.information_sharing',
      'assessed',
      'plan.drafted',
      'meeting.held',
      'consent.plan',
      'contact.contact',
      'contact.failed_attempt',
      'contact.contact',
      'monitored',
      'plan.drafted',
      'meeting.held',
      'consent.plan',
      'meeting.held',
      'closed',
    ]);
    const count = async (table: string) =>
      Number(
        (await db.query(`SELECT count(*) FROM "${table}" WHERE case_id = $1`, [id])).rows[0].count,
      );
    expect(await count('plans')).toBe(2);
    expect(await count('meetings')).toBe(4);
    expect(await count('consents')).toBe(4);
    const meetings = await db.query(
      'SELECT kind, occasion, recorded_by FROM meetings WHERE case_id = $1 ORDER BY id',
      [id],
    );
    expect(meetings.rows.map((m) => `${m.kind}/${m.occasion}`)).toEqual([
      'support_meeting/information_sharing',
      'multilayer_meeting/plan_creation',
      'multilayer_meeting/plan_change',
      'multilayer_meeting/termination',
    ]);
    expect(meetings.rows.every((m) => m.recorded_by === USERS.coordinator.id)).toBe(true);
    const monitoring = await db.query(
      'SELECT recorded_by FROM monitoring_records WHERE case_id = $1',
      [id],
    );
    expect(monitoring.rows).toEqual([{ recorded_by: USERS.otherStaff.id }]);
    const members = await db.query(
      'SELECT relation, is_person FROM household_members WHERE household_id = $1 ORDER BY position',
      [id],
    );
    expect(members.rows).toEqual([
      { relation: 'father', is_person: false },
      { relation: 'son', is_person: true },
    ]);

    // A closed case reopens at assessment.
    const reopened = await act(id, 'reopen', { reason: '父の入院で状況が変化' });
    expect(reopened).toMatchObject({ status: 'open', stage: 'assessment' });
    expect(reopened.timeline.at(-1).event).toBe('reopened');
  });
});

describe('refusals change nothing', () => {
  it('answers 409 naming the step for an action of another step, and 400 naming the field', async () => {
    const input = referral();
    await http.post('/v1/cases', input, tokens.coordinator);
    const wrongStep = await http.post(
      `/v1/cases/${input.id}/monitoring`,
      { note: 'x', next: 'continue' },
      tokens.coordinator,
    );
    expect(wrongStep.status).toBe(409);
    expect(wrongStep.body.message).toContain('stage consent');
    expect(wrongStep.body.message).toContain('open tasks: obtainConsent');

    const badField = await http.post(
      `/v1/cases/${input.id}/consent`,
      { status: 'maybe' },
      tokens.coordinator,
    );
    expect(badField.status).toBe(400);
    expect(JSON.stringify(badField.body.message)).toContain('status');
    const badDuration = await http.post(
      `/v1/cases/${input.id}/plan`,
      { ...plan(), contactInterval: 'monthly' },
      tokens.coordinator,
    );
    expect(badDuration.status).toBe(400);
    expect(JSON.stringify(badDuration.body.message)).toContain('contactInterval');

    const after = await http.get(`/v1/cases/${input.id}`, tokens.coordinator);
    expect(after.body).toMatchObject({ stage: 'consent', timeline: [{ event: 'referred' }] });
    expect(after.body.workflow.openTasks).toMatchObject([{ elementId: 'obtainConsent' }]);
  });

  it('refuses support work to agency staff without a role, and every step to managers', async () => {
    const input = referral();
    await http.post('/v1/cases', input, tokens.coordinator);
    expect(
      (await http.post(`/v1/cases/${input.id}/consent`, { status: 'given' }, tokens.manager))
        .status,
    ).toBe(403);
    expect(
      (
        await http.post(
          `/v1/cases/${input.id}/contacts`,
          { kind: 'contact', channel: 'visit' },
          tokens.staff,
        )
      ).status,
    ).toBe(403);
  });
});

describe('listing cases', () => {
  it('finds cases by stage, programme, coordinator and overdue', async () => {
    const input = referral();
    await http.post('/v1/cases', input, tokens.coordinator);
    await act(input.id, 'consent', { status: 'given' });
    const found = async (query: string) => {
      for (let i = 0; i < 50; i++) {
        const res = await http.get(`/v1/cases?${query}`, tokens.manager);
        expect(res.status).toBe(200);
        if (res.body.some((c: { id: string }) => c.id === input.id)) return true;
        await sleep(200);
      }
      return false;
    };
    expect(await found('stage=assessment&programme=collaboration')).toBe(true);
    expect(await found(`coordinator=${USERS.coordinator.id}&overdue=false`)).toBe(true);
    const elsewhere = await http.get('/v1/cases?stage=closed', tokens.manager);
    expect(elsewhere.body.some((c: { id: string }) => c.id === input.id)).toBe(false);
    expect((await http.get('/v1/cases?stage=somewhere', tokens.manager)).status).toBe(400);
    expect((await http.get('/v1/cases', tokens.staff)).status).toBe(403);
  });
});

describe('the Kashiwa variant through the same API', () => {
  it('has the block meeting decide the plan, with no code of its own', async () => {
    const input = referral(KASHIWA);
    input.referringAgency = 'kashiwa-houkatsu';
    const created = await http.post('/v1/cases', input, tokens.kashiwa);
    expect(created.status).toBe(201);
    expect(created.body.workflow.definition).toBe('collaboration-kashiwa@1');
    const id = input.id;
    await act(id, 'consent', { status: 'given' }, tokens.kashiwa);
    await act(id, 'assessment', { summary: '生活困窮と負債' }, tokens.kashiwa);
    await act(id, 'plan', plan(), tokens.kashiwa);
    await waitFor(id, hasTask('schedule'), tokens.kashiwa);
    await act(
      id,
      'meeting/schedule',
      { scheduledAt: soon(1), attendees: ['kashiwa-houkatsu'] },
      tokens.kashiwa,
    );
    await waitFor(id, hasTask('recordOutcome'), tokens.kashiwa);
    await act(id, 'meeting/outcome', { outcome: 'agreed', approvedPlanVersion: 1 }, tokens.kashiwa);
    await act(id, 'plan-consent', { agreed: true }, tokens.kashiwa);
    await act(id, 'monitoring', { note: '安定', next: 'terminate' }, tokens.kashiwa);
    await waitFor(id, hasTask('schedule'), tokens.kashiwa);
    await act(
      id,
      'meeting/schedule',
      { scheduledAt: soon(1), attendees: ['kashiwa-houkatsu'] },
      tokens.kashiwa,
    );
    await waitFor(id, hasTask('recordOutcome'), tokens.kashiwa);
    await act(id, 'meeting/outcome', { outcome: 'agreed' }, tokens.kashiwa);
    await waitFor(id, (c) => c.status === 'closed', tokens.kashiwa);
    const meetings = await db.query(
      'SELECT kind, occasion FROM meetings WHERE case_id = $1 ORDER BY id',
      [id],
    );
    expect(meetings.rows.map((m) => `${m.kind}/${m.occasion}`)).toEqual([
      'block_meeting/plan_creation',
      'multilayer_meeting/termination',
    ]);
  });
});
