import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { caseSteps, until } from './case-steps';
import { httpClient, Reply, tokenFor } from './http';
import { Product, startProduct } from './product';
import { KAMAKURA, USERS } from './users';

/**
 * The process defects a coordinator met in use (issue 17), one test each, named after it, as a
 * coordinator meets them: through HTTP, against the real Temporal dev server and PostgreSQL.
 */
let product: Product;
let http: ReturnType<typeof httpClient>;
let coordinator: string;
let steps: ReturnType<typeof caseSteps>;

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  http = httpClient(product.baseUrl);
  coordinator = await tokenFor(USERS.coordinator);
  steps = caseSteps(http, coordinator);
});
afterAll(async () => {
  await product?.stop();
});

const referral = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  municipality: KAMAKURA,
  programme: 'collaboration',
  fields: ['elderly', 'poverty'],
  referringAgency: 'houkatsu-kamakura',
  householdName: '材木座 世帯',
  ...overrides,
});

/** A body sent as is, with its own content type. */
async function raw(path: string, body: string, contentType: string): Promise<Reply> {
  const res = await fetch(`${product.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${coordinator}` },
    body,
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const messageOf = (reply: Reply) => [reply.body.message].flat().join('; ');
const openTasks = (reply: Reply): string[] =>
  (reply.body.workflow?.openTasks ?? []).map((t: { elementId: string }) => t.elementId);
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** A case whose plan meeting waits to be scheduled. */
async function awaitingMeeting(): Promise<string> {
  const id = await steps.referred();
  await steps.act(id, 'consent', { status: 'given' });
  await steps.act(id, 'assessment', { summary: 's' });
  await steps.act(id, 'plan', {
    goals: 'g',
    agencies: ['houkatsu-kamakura'],
    monitoringInterval: 'P1M',
    contactInterval: 'P2M',
  });
  await steps.waitUntilOpen(id, 'schedule');
  return id;
}

describe('1. referral and reopen', () => {
  it('refuses a household name of only blanks or U+3000, or with an unpaired surrogate, naming the field, and keeps the id free', async () => {
    const input = referral({ householdName: '\u3000\u3000' });
    const blank = await http.post('/v1/cases', input, coordinator);
    expect(blank.status).toBe(400);
    expect(messageOf(blank)).toContain('householdName must not be blank');
    const broken = await http.post(
      '/v1/cases',
      { ...input, householdName: '材木座\ud83d' },
      coordinator,
    );
    expect(broken.status).toBe(400);
    expect(messageOf(broken)).toContain('householdName must be well-formed Unicode');
    expect((await http.post('/v1/cases', referral({ id: input.id }), coordinator)).status).toBe(
      201,
    );
  });

  it('answers reopen of a case whose process runs with a 409 that agrees with its view (open)', async () => {
    const id = await steps.referred();
    const view = await http.get(`/v1/cases/${id}`, coordinator);
    expect(view.body.status).toBe('open');
    const reopened = await http.post(`/v1/cases/${id}/reopen`, { reason: 'r' }, coordinator);
    expect(reopened.status).toBe(409);
    expect(messageOf(reopened)).toMatch(
      /^reopen is not possible: the case is open \(stage consent/,
    );
  });
  it('answers a reopen whose first records are held up past the bound with 202 and what is pending, and writes them after', async () => {
    const id = await steps.inSupport('P1M', 'P2M');
    await steps.act(id, 'termination-request', { reason: '目標達成' });
    await steps.waitUntilOpen(id, 'schedule');
    await steps.act(id, 'meeting/schedule', {
      scheduledAt: new Date(Date.now() + 3000).toISOString(),
      attendees: ['houkatsu-kamakura'],
    });
    await steps.waitUntilOpen(id, 'recordOutcome');
    await steps.act(id, 'meeting/outcome', { outcome: 'agreed', decision: '終結' });
    await until('the case closed', async () => {
      const view = await http.get(`/v1/cases/${id}`, coordinator);
      return view.body.workflow.status === 'COMPLETED' ? view : undefined;
    });
    const db = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    try {
      // Writes to the timeline wait (as behind a long migration); reads go on.
      await db.query('BEGIN');
      await db.query('LOCK TABLE case_timeline IN SHARE MODE');
      const started = Date.now();
      const held = await http.post(`/v1/cases/${id}/reopen`, { reason: '再相談' }, coordinator);
      expect(held.status).toBe(202);
      expect(held.body).toMatchObject({ id, recordsPending: true });
      expect(Date.now() - started).toBeLessThan(30_000);
      await db.query('ROLLBACK');
    } finally {
      await db.end();
    }
    const reopened = await until('the reopening recorded', async () => {
      const view = await http.get(`/v1/cases/${id}`, coordinator);
      return view.body.timeline.at(-1)?.event === 'reopened' ? view : undefined;
    });
    expect(reopened.body).toMatchObject({ status: 'open', stage: 'assessment' });
  }, 120_000);
});

describe('2. dates', () => {
  it('refuses a meeting on 2027-02-30, at a time without a zone, or in the past, naming scheduledAt', async () => {
    const id = await awaitingMeeting();
    const schedule = (scheduledAt: string) =>
      http.post(
        `/v1/cases/${id}/meeting/schedule`,
        { scheduledAt, attendees: ['houkatsu-kamakura'] },
        coordinator,
      );
    for (const [scheduledAt, rule] of [
      ['2027-02-30T10:00:00+09:00', /^scheduledAt must be an ISO 8601 date-time with a zone/],
      ['2027-04-01T10:00:00', /^scheduledAt must be an ISO 8601 date-time with a zone/],
      ['2020-04-01T10:00:00+09:00', /^scheduledAt must be in the future/],
    ] as const) {
      const refused = await schedule(scheduledAt);
      expect(refused.status).toBe(400);
      expect(messageOf(refused)).toMatch(rule);
    }
    expect(openTasks(await http.get(`/v1/cases/${id}`, coordinator))).toEqual(['schedule']);
  });
});

describe('3. meetings', () => {
  it('refuses a reschedule to the same time (409 naming the rule), and shows the meeting with its date and attendees', async () => {
    const id = await awaitingMeeting();
    const at = inAnHour();
    const scheduled = await http.post(
      `/v1/cases/${id}/meeting/schedule`,
      { scheduledAt: at, attendees: ['houkatsu-kamakura', 'kikan-soudan'] },
      coordinator,
    );
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.meetings).toEqual([
      {
        kind: 'multilayer_meeting',
        occasion: 'plan_creation',
        status: 'scheduled',
        scheduledAt: at,
        attendees: ['houkatsu-kamakura', 'kikan-soudan'],
        outcome: null,
      },
    ]);
    // The same instant in Japan's offset: nothing moves, so no second invitation.
    const jst = new Date(Date.parse(at) + 9 * 3_600_000).toISOString().replace('Z', '+09:00');
    const same = await http.post(
      `/v1/cases/${id}/meeting/reschedule`,
      { scheduledAt: jst },
      coordinator,
    );
    expect(same.status).toBe(409);
    expect(messageOf(same)).toMatch(/already scheduled for that time/);
  });

  it('shows reschedules and call-offs in the timeline, each invitation with its date', async () => {
    const id = await awaitingMeeting();
    const first = inAnHour();
    const second = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const attendees = ['houkatsu-kamakura'];
    await steps.act(id, 'meeting/schedule', { scheduledAt: first, attendees });
    await steps.act(id, 'meeting/reschedule', { scheduledAt: second });
    await steps.act(id, 'meeting/cancel', {});
    const meetingEntries = await until('the call-off in the timeline', async () => {
      const view = await http.get(`/v1/cases/${id}`, coordinator);
      const entries = view.body.timeline.filter((e: { event: string }) =>
        e.event.startsWith('meeting.'),
      );
      return entries.length === 3 ? entries : undefined;
    });
    expect(
      meetingEntries
        .map((e: { event: string; detail: { scheduledAt?: string } }) => [
          e.event,
          e.detail.scheduledAt,
        ])
        .sort(),
    ).toEqual([
      ['meeting.called_off', undefined],
      ['meeting.invited', first],
      ['meeting.invited', second],
    ]);
  });

  it('lets an agency invited to the case’s meeting read the case, and no other agency', async () => {
    const id = await awaitingMeeting();
    const invited = await tokenFor(USERS.otherStaff); // kikan-soudan: neither in the support meeting nor the plan
    const uninvited = await tokenFor({ ...USERS.otherStaff, id: 'staff-3', agency: 'jiritsu' });
    expect((await http.get(`/v1/cases/${id}`, invited)).status).toBe(403);
    await steps.act(id, 'meeting/schedule', {
      scheduledAt: inAnHour(),
      attendees: ['kikan-soudan'],
    });
    const read = await until('the invitation to be delivered', async () => {
      const reply = await http.get(`/v1/cases/${id}`, invited);
      return reply.status === 200 ? reply : undefined;
    });
    expect(read.body.meetings[0]).toMatchObject({
      status: 'scheduled',
      attendees: ['kikan-soudan'],
    });
    expect((await http.get(`/v1/cases/${id}`, uninvited)).status).toBe(403);
  });
  it('records a postponed outcome as a meeting held with its row, its timeline entry and in the statistics', async () => {
    const month = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 7); // Tokyo's
    const manager = await tokenFor(USERS.manager);
    const meetingsThisMonth = async () =>
      (await http.get(`/v1/statistics/monthly?month=${month}&format=json`, manager)).body.figures
        .meetings;
    const before = await meetingsThisMonth();
    const id = await awaitingMeeting();
    const scheduledAt = new Date(Date.now() + 3000).toISOString();
    await steps.act(id, 'meeting/schedule', { scheduledAt, attendees: ['houkatsu-kamakura'] });
    await steps.waitUntilOpen(id, 'recordOutcome');
    const postponed = await http.post(
      `/v1/cases/${id}/meeting/outcome`,
      { outcome: 'postponed', decision: '次回に継続審議' },
      coordinator,
    );
    expect(postponed.status).toBe(200);
    expect(openTasks(postponed)).toEqual(['schedule']);
    const view = await http.get(`/v1/cases/${id}`, coordinator);
    expect(view.body.meetings).toEqual([
      expect.objectContaining({
        kind: 'multilayer_meeting',
        status: 'held',
        outcome: 'postponed',
        scheduledAt: new Date(scheduledAt).toISOString(),
        attendees: ['houkatsu-kamakura'],
      }),
      expect.objectContaining({ status: 'to_schedule' }),
    ]);
    expect(view.body.timeline.at(-1)).toMatchObject({
      event: 'meeting.held',
      recordedBy: USERS.coordinator.id,
      detail: { kind: 'multilayer_meeting', outcome: 'postponed' },
    });
    const after = await meetingsThisMonth();
    expect(after.total).toBe(before.total + 1);
    expect(after.byKind.multilayer_meeting).toBe(before.byKind.multilayer_meeting + 1);
  });
});

describe('4. views that lag', () => {
  it('answers a meeting outcome with the next step open, so acting on it at once succeeds', async () => {
    const id = await awaitingMeeting();
    await steps.act(id, 'meeting/schedule', {
      // Ahead of the API's check (meetings are not scheduled in the past) even on a busy machine.
      scheduledAt: new Date(Date.now() + 3000).toISOString(),
      attendees: ['houkatsu-kamakura'],
    });
    await steps.waitUntilOpen(id, 'recordOutcome');
    const outcome = await http.post(
      `/v1/cases/${id}/meeting/outcome`,
      { outcome: 'agreed', approvedPlanVersion: 1 },
      coordinator,
    );
    expect(outcome.status).toBe(200);
    expect(openTasks(outcome)).toEqual(['planConsent']);
    expect(outcome.body.meetings).toMatchObject([{ status: 'held', outcome: 'agreed' }]);
    const next = await http.post(`/v1/cases/${id}/plan-consent`, { agreed: true }, coordinator);
    expect(next.status).toBe(200);
    expect(next.body.stage).toBe('monitoring');
  });

  it('records who referred the case on the referred timeline entry', async () => {
    const id = await steps.referred();
    const view = await http.get(`/v1/cases/${id}`, coordinator);
    expect(view.body.timeline[0]).toMatchObject({
      event: 'referred',
      recordedBy: USERS.coordinator.id,
    });
  });
  it('shows a handed-over case as handed_over in its own view, as the list filters it', async () => {
    const id = randomUUID();
    const created = await http.post(
      '/v1/cases',
      referral({ id, programme: 'outreach' }),
      coordinator,
    );
    expect(created.status).toBe(201);
    await steps.act(id, 'visits', { result: 'consent_given' });
    await steps.waitUntilOpen(id, 'assess');
    const view = await http.get(`/v1/cases/${id}`, coordinator);
    expect(view.body.stage).toBe('handed_over');
    const listed = (stage: string) =>
      http
        .get(`/v1/cases?stage=${stage}`, coordinator)
        .then((res) => (res.body as { id: string }[]).some((c) => c.id === id));
    await until('the case listed as handed over', async () =>
      (await listed('handed_over')) ? true : undefined,
    );
    expect(await listed('assessment')).toBe(false);
  });
});

describe('5. data that should be refused', () => {
  it('answers a referral re-sent with the same id as the first when the body is the same, and 409 naming the fields when it differs', async () => {
    const input = referral();
    const first = await http.post('/v1/cases', input, coordinator);
    expect(first.status).toBe(201);
    const again = await http.post('/v1/cases', input, coordinator);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: input.id, householdName: input.householdName });
    const changed = await http.post(
      '/v1/cases',
      { ...input, householdName: '由比ガ浜 世帯', fields: ['children'] },
      coordinator,
    );
    expect(changed.status).toBe(409);
    expect(messageOf(changed)).toMatch(/other data \(fields, householdName\)/);
    const kept = await http.get(`/v1/cases/${input.id}`, coordinator);
    expect(kept.body.householdName).toBe(input.householdName);
  });

  it('refuses form-encoded and other non-JSON bodies with 415', async () => {
    const input = referral();
    const form = await raw(
      '/v1/cases',
      new URLSearchParams({ id: input.id, householdName: 'x' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(form.status).toBe(415);
    expect((await raw('/v1/cases', JSON.stringify(input), 'text/plain')).status).toBe(415);
    expect((await http.get(`/v1/cases/${input.id}`, coordinator)).status).toBe(404);
  });

  it('refuses __proto__, constructor and prototype keys with a 400 naming the path', async () => {
    const input = referral();
    const body = JSON.stringify(input).replace(
      /}$/,
      ',"members":[{"name":"a","relation":"son","__proto__":{"isPerson":true}}]}',
    );
    const refused = await raw('/v1/cases', body, 'application/json');
    expect(refused.status).toBe(400);
    expect(messageOf(refused)).toBe(
      'members.0.__proto__ is refused: __proto__, constructor and prototype are not fields',
    );
    const top = await raw('/v1/cases', '{"constructor":{"name":"x"}}', 'application/json');
    expect(messageOf(top)).toMatch(/^constructor is refused/);
  });

  it('names the case id path parameter when it is no UUID', async () => {
    const refused = await http.get('/v1/cases/not-a-uuid', coordinator);
    expect(refused.status).toBe(400);
    expect(messageOf(refused)).toBe('id (the case id in the path) must be a UUID');
  });

  it('names the action and the case’s step in words, never an internal element or task id', async () => {
    const id = await steps.referred();
    const refused = await http.post(
      `/v1/cases/${id}/monitoring`,
      { note: 'n', next: 'continue' },
      coordinator,
    );
    expect(refused.status).toBe(409);
    const message = messageOf(refused);
    expect(message).toMatch(
      /^monitoring is not possible in the case's step: stage consent; open tasks: .+ \(consent\)/,
    );
    expect(message).not.toMatch(
      /obtainConsent|contactRecorded|consentWithdrawn|\btask\d+|\bt\d+\b/,
    );
  });
});
