import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { TokenSubject } from '../../tools/dev/dev-issuer';
import { httpClient, Reply, tokenFor } from './http';
import { Product, startProduct } from './product';
import { KAMAKURA, KASHIWA, USERS } from './users';

/**
 * A coordinator carries cases through the whole support process over HTTP alone, against the real
 * Temporal dev server and PostgreSQL. Real time cannot be skipped here, so the plan's contact
 * interval is seconds long; the workflow tests cover months and years on the time-skipping server.
 */
let product: Product;
let http: ReturnType<typeof httpClient>;
let db: Client;
const tokens: Record<string, string> = {};

/** The two municipalities: Kamakura on the default flow, Kashiwa on its variant. */
const CITIES = [
  {
    name: 'Kamakura',
    municipality: KAMAKURA,
    coordinator: USERS.coordinator,
    staff: { ...USERS.otherStaff, agency: 'jiritsu-kamakura' },
    agencies: ['houkatsu-kamakura', 'jiritsu-kamakura'],
    definition: 'collaboration@3',
    outreach: 'outreach@2',
    planMeeting: 'multilayer_meeting',
  },
  {
    name: 'Kashiwa',
    municipality: KASHIWA,
    coordinator: { id: 'coord-kashiwa', roles: ['coordinator'], municipality: KASHIWA },
    staff: {
      id: 'staff-kashiwa',
      roles: ['agency_staff'],
      municipality: KASHIWA,
      agency: 'ainet-kashiwa',
    },
    agencies: ['houkatsu-kashiwa', 'ainet-kashiwa'],
    definition: 'collaboration-kashiwa@3',
    outreach: 'outreach-kashiwa@1',
    planMeeting: 'block_meeting',
  },
] satisfies {
  coordinator: TokenSubject;
  staff: TokenSubject;
  [key: string]: unknown;
}[];

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  http = httpClient(product.baseUrl);
  db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  tokens.coordinator = await tokenFor(USERS.coordinator);
  tokens.staff = await tokenFor(CITIES[0].staff);
  tokens.manager = await tokenFor(USERS.manager);
});
afterAll(async () => {
  await db?.end();
  await product?.stop();
});

/** Polls until `found` gives something (a delivery is written moments after its step). */
async function waitUntil<T>(found: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await found();
    if (value !== undefined) return value;
    await sleep(200);
  }
  throw new Error('never found');
}

const soon = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hasTask = (elementId: string) => (c: Reply['body']) =>
  (c.workflow.openTasks ?? []).some((t: { elementId: string }) => t.elementId === elementId);

/** Acts on one case as its coordinator (or as another token), and polls it for timers. */
function caseOf(id: string, coordinator: string) {
  const waitFor = async (until: (c: Reply['body']) => boolean, token = coordinator) => {
    // Timers fire on the server's clock, not ours.
    for (let i = 0; i < 100; i++) {
      const res = await http.get(`/v1/cases/${id}`, token);
      if (until(res.body)) return res.body;
      await sleep(200);
    }
    throw new Error(`case ${id} never got there`);
  };
  const act = async (path: string, body: unknown = {}, token = coordinator) => {
    const res = await http.post(`/v1/cases/${id}/${path}`, body, token);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const holdMeeting = async (outcome: Record<string, unknown>, attendees: string[]) => {
    await waitFor(hasTask('schedule'));
    // Ahead of the API's check (meetings are not scheduled in the past) even on a busy machine.
    await act('meeting/schedule', { scheduledAt: soon(3), attendees });
    await waitFor(hasTask('recordOutcome'));
    return act('meeting/outcome', outcome);
  };
  return { waitFor, act, holdMeeting };
}

const plan = (agencies: string[], contactInterval = 'P2M') => ({
  goals: '父の在宅生活の継続と息子の社会参加の第一歩',
  agencies,
  monitoringInterval: 'P1M',
  contactInterval,
});

function referral(municipality = KAMAKURA, referringAgency = 'houkatsu-kamakura') {
  return {
    id: randomUUID(),
    municipality,
    programme: 'collaboration',
    fields: ['elderly', 'poverty'],
    issueTags: ['8050', 'poverty'],
    referringAgency,
    householdName: '鎌倉 太郎 世帯',
    members: [
      { name: '鎌倉 太郎', relation: 'father', age: 84 },
      { name: '鎌倉 一郎', relation: 'son', age: 53, isPerson: true },
    ],
  };
}

describe.each(CITIES)('the 8050 case in $name, end to end through the coordinator API', (city) => {
  it('goes from referral to closure with a refused consent, a re-plan and a lost-contact episode', async () => {
    const coordinator = await tokenFor(city.coordinator);
    const staff = await tokenFor(city.staff);
    const input = referral(city.municipality, city.agencies[0]);
    const created = await http.post('/v1/cases', input, coordinator);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      stage: 'consent',
      status: 'open',
      issueTags: ['8050', 'poverty'],
      workflow: { definition: city.definition },
    });
    expect(created.body.workflow.openTasks).toMatchObject([
      { elementId: 'obtainConsent', role: 'coordinator' },
    ]);
    const { id } = input;
    const c = caseOf(id, coordinator);
    const attendees = city.agencies;

    // Refused: a support meeting (Art. 106-6) shares information; later consent is given.
    await c.act('consent', { status: 'refused', meeting: 'support_meeting' });
    await c.holdMeeting({ outcome: 'agreed', decision: '月1回の訪問で関係づくり' }, attendees);
    await c.waitFor(hasTask('reapproach'));
    const given = await c.act('consent', { status: 'given' });
    expect(given).toMatchObject({ stage: 'assessment', consentGiven: true });

    await c.act('assessment', {
      summary: '父: 認知症、息子: 20年のひきこもり',
      needs: ['介護', '就労'],
    });
    await c.act('plan', plan(city.agencies, 'PT4S'));
    await c.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 1 }, attendees);
    const supported = await c.act('plan-consent', { agreed: true });
    expect(supported.stage).toBe('monitoring');
    expect(supported.planAgencies).toEqual(city.agencies);

    // Agency staff with a role in the plan record contact; then silence past the interval.
    await c.act('contacts', { kind: 'contact', channel: 'visit' }, staff);
    const lost = await c.waitFor(hasTask('restoreContact'), staff);
    // Lost contact is the case's stage, found by the list's filter, and named in Japanese.
    expect(lost.stage).toBe('contact_lost');
    expect(lost.workflow.openTasks).toContainEqual(
      expect.objectContaining({
        elementId: 'restoreContact',
        name: '連絡途絶：本人との接触を図る（アウトリーチ）',
      }),
    );
    const manager = await tokenFor({ ...USERS.manager, municipality: city.municipality });
    const listed = await waitUntil(async () => {
      const res = await http.get('/v1/cases?stage=contact_lost', manager);
      return res.body.some((c: { id: string }) => c.id === id) ? res.body : undefined;
    });
    expect(listed).toContainEqual(expect.objectContaining({ id }));
    // The staff of the plan's agencies and the coordinator are told at once, in their inbox.
    for (const token of [staff, coordinator]) {
      const told = await waitUntil(async () => {
        const inbox = await http.get('/v1/notifications', token);
        return inbox.body.find(
          (n: { caseId: string; elementId: string }) =>
            n.caseId === id && n.elementId === 'contactOverdue',
        );
      });
      expect(told).toMatchObject({
        kind: 'event_notice',
        taskName: '連絡途絶（計画の間隔を超えて連絡なし）',
      });
    }
    await c.act('contact-effort', { result: 'outreach', note: '不在' }, staff);
    await c.waitFor(hasTask('restoreContact'));
    await c.act('contacts', { kind: 'contact', channel: 'phone' }, staff);

    // Re-plan through monitoring, then termination through the meeting judging it.
    await c.act('monitoring', { note: '息子が居場所に通い始めた', next: 'replan' }, staff);
    await c.act('plan', plan(city.agencies));
    await c.holdMeeting({ outcome: 'agreed', approvedPlanVersion: 2 }, attendees);
    await c.act('plan-consent', { agreed: true });
    await c.act('termination-request', { reason: '目標達成' });
    await c.holdMeeting({ outcome: 'agreed', decision: '終結。見守りを継続' }, attendees);
    // The closure's record is written before the process ends: wait for both.
    const closed = await c.waitFor(
      (body) => body.status === 'closed' && body.workflow?.status === 'COMPLETED',
    );
    expect(closed).toMatchObject({ stage: 'closed', workflow: { status: 'COMPLETED' } });

    // The records and the timeline, written by the workflow's activities, once each.
    expect(closed.timeline.map((e: { event: string }) => e.event)).toEqual([
      'referred',
      'consent.information_sharing',
      'meeting.invited', // the attendees' invitation, its date in the detail
      'meeting.held',
      'consent.information_sharing',
      'assessed',
      'plan.drafted',
      'meeting.invited',
      'meeting.held',
      'consent.plan',
      'contact.contact',
      'contact.contact_lost',
      'contact.failed_attempt',
      'contact.contact',
      'monitored',
      'plan.drafted',
      'meeting.invited',
      'meeting.held',
      'consent.plan',
      'meeting.invited',
      'meeting.held',
      'closed',
    ]);
    const count = async (table: string) =>
      Number(
        (await db.query(`SELECT count(*) FROM "${table}" WHERE case_id = $1`, [id])).rows[0].count,
      );
    expect(await count('plans')).toBe(2);
    expect(await count('consents')).toBe(4);
    const meetings = await db.query(
      'SELECT kind, occasion, recorded_by FROM meetings WHERE case_id = $1 ORDER BY id',
      [id],
    );
    expect(meetings.rows.map((m) => `${m.kind}/${m.occasion}`)).toEqual([
      'support_meeting/information_sharing',
      `${city.planMeeting}/plan_creation`,
      `${city.planMeeting}/plan_change`,
      'multilayer_meeting/termination',
    ]);
    expect(meetings.rows.every((m) => m.recorded_by === city.coordinator.id)).toBe(true);
    const monitoring = await db.query(
      'SELECT recorded_by FROM monitoring_records WHERE case_id = $1',
      [id],
    );
    expect(monitoring.rows).toEqual([{ recorded_by: city.staff.id }]);
    const members = await db.query(
      'SELECT relation, is_person FROM household_members WHERE household_id = $1 ORDER BY position',
      [id],
    );
    expect(members.rows).toEqual([
      { relation: 'father', is_person: false },
      { relation: 'son', is_person: true },
    ]);

    // A closed case reopens at assessment.
    const reopened = await c.act('reopen', { reason: '父の入院で状況が変化' });
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
    // The step in a coordinator's words: the task's name and the action that completes it.
    expect(wrongStep.body.message).toMatch(/open tasks: .+ \(consent\)/);
    expect(wrongStep.body.message).not.toContain('obtainConsent');

    const badField = await http.post(
      `/v1/cases/${input.id}/consent`,
      { status: 'maybe' },
      tokens.coordinator,
    );
    expect(badField.status).toBe(400);
    expect(JSON.stringify(badField.body.message)).toContain('status');
    const badDuration = await http.post(
      `/v1/cases/${input.id}/plan`,
      { ...plan(CITIES[0].agencies), contactInterval: 'monthly' },
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

describe('a step sent by the open tasks the worker stored', () => {
  /** A case waiting on consent, its stored open task, and the one way it can be asked. */
  async function atConsent() {
    const input = referral();
    expect((await http.post('/v1/cases', input, tokens.coordinator)).status).toBe(201);
    const consent = () =>
      http.post(`/v1/cases/${input.id}/consent`, { status: 'given' }, tokens.coordinator);
    const read = async () => (await http.get(`/v1/cases/${input.id}`, tokens.coordinator)).body;
    return { id: input.id, consent, read };
  }
  const elements = (view: { workflow: { openTasks: { elementId: string }[] } }) =>
    view.workflow.openTasks.map((t) => t.elementId);

  it('takes the step the case is in when the store is behind it, and refuses one it is not in', async () => {
    const a = await atConsent();
    // Behind: the store names a task the run no longer has open.
    await db.query(`UPDATE open_tasks SET task_id = 'task-gone' WHERE case_id = $1`, [a.id]);
    const stepped = await a.consent();
    expect(stepped.status).toBe(200);
    expect(stepped.body.stage).toBe('assessment');
    // The open task's id under another element, as an earlier run's task would be: refused by
    // the run, which the case read from Temporal then says is not in that step.
    await db.query(`UPDATE open_tasks SET element_id = 'obtainConsent' WHERE case_id = $1`, [a.id]);
    const again = await a.consent();
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('stage assessment');
    expect(elements(await a.read())).toEqual(['assess']);
  });

  it("never steps another case from a task stored under this one's id", async () => {
    const a = await atConsent();
    const b = await atConsent();
    // B's own stored task, filed under A (and A's own gone): A's step must not reach B's run.
    await db.query(`DELETE FROM open_tasks WHERE case_id = $1`, [a.id]);
    await db.query(`UPDATE open_tasks SET case_id = $1 WHERE case_id = $2`, [a.id, b.id]);
    const stepped = await a.consent();
    expect(stepped.status).toBe(200);
    expect(stepped.body.stage).toBe('assessment');
    const other = await b.read();
    expect(other.stage).toBe('consent');
    expect(elements(other)).toEqual(['obtainConsent']);
    expect(other.timeline.map((e: { event: string }) => e.event)).toEqual(['referred']);
  });
});

describe('listing cases', () => {
  it('finds cases by stage, programme, coordinator and overdue', async () => {
    const input = referral();
    await http.post('/v1/cases', input, tokens.coordinator);
    await caseOf(input.id, tokens.coordinator).act('consent', { status: 'given' });
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

describe.each(CITIES)("$name's outreach", (city) => {
  it("hands over to the municipality's own collaboration flow, pinned when the case starts", async () => {
    const coordinator = await tokenFor(city.coordinator);
    const input = { ...referral(city.municipality, city.agencies[0]), programme: 'outreach' };
    const created = await http.post('/v1/cases', input, coordinator);
    expect(created.status).toBe(201);
    expect(created.body.workflow.definition).toBe(city.outreach);
  });
});

describe('participation support after closure', () => {
  it.each(['between follow-ups', 'during one'])(
    'ends its follow-up on request %s',
    async (when) => {
      const input = { ...referral(), programme: 'participation' };
      expect((await http.post('/v1/cases', input, tokens.coordinator)).status).toBe(201);
      const c = caseOf(input.id, tokens.coordinator);
      await c.act('consent', { status: 'given' });
      await c.act('assessment', { summary: '日中の居場所を探している', needs: ['居場所'] });
      const interval = when === 'during one' ? 'PT1S' : 'P1M';
      await c.act('match', {
        resource: '地域のカフェ',
        resourceKind: 'place',
        followUpInterval: interval,
      });
      await c.act('settling', { tieStable: true });
      if (when === 'during one') await c.waitFor(hasTask('followUp'));
      await c.act('termination-request', { reason: '転居' });
      const ended = await c.waitFor((body) => body.workflow?.status === 'COMPLETED');
      expect(ended.timeline.at(-1).event).toBe('participation.follow_up_ended');
    },
  );
});
