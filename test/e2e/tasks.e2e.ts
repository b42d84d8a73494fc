import { randomUUID } from 'node:crypto';
import { dueBounds, DUE_WINDOWS, inDueWindow } from '@sss/domain';
import type { TokenSubject } from '../../tools/dev/dev-issuer';
import { caseSteps, until } from './case-steps';
import { httpClient, Reply, tokenFor } from './http';
import { ownDatabase } from './own-database';
import { ownNamespace } from './own-namespace';
import { Product, startProduct } from './product';
import { KAMAKURA, KASHIWA, USERS } from './users';

/**
 * My tasks across cases (GET /v1/tasks) and paging past one page, through the running API: a
 * coordinator's, agency staff's and a manager's tasks on cases of two municipalities and two
 * agencies, the due windows and their counts, and cursors that cannot be carried elsewhere.
 */
let product: Product;
let http: ReturnType<typeof httpClient>;
const token = {} as Record<
  'coordinator' | 'coordinator2' | 'memberStaff' | 'otherStaff' | 'manager' | 'auditor' | 'kashiwa',
  string
>;
const KASHIWA_COORDINATOR: TokenSubject = {
  id: 'coord-kashiwa',
  roles: ['coordinator'],
  municipality: KASHIWA,
};

interface Task {
  caseId: string;
  householdName: string | null;
  caseStage: string;
  taskId: string;
  nameJa: string;
  name: string;
  candidateRole: string;
  dueAt: string | null;
  overdue: boolean;
  mayAct: boolean;
}

/** The cases of the scenario: ids by what they are. */
const c = {} as Record<
  'monitoredSoon' | 'monitoredLater' | 'consent' | 'otherAgency' | 'atMeeting',
  string
> & {
  referred: string[];
  kashiwa: string;
};

async function refer(body: Record<string, unknown>, as = token.coordinator): Promise<string> {
  const id = randomUUID();
  const res = await http.post(
    '/v1/cases',
    {
      id,
      municipality: KAMAKURA,
      programme: 'collaboration',
      fields: ['elderly'],
      referringAgency: 'houkatsu-kamakura',
      householdName: `大船 ${id.slice(0, 4)} 世帯`,
      ...body,
    },
    as,
  );
  if (res.status !== 201) throw new Error(`referral: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

async function tasks(who: string, query = ''): Promise<Reply> {
  return http.get(`/v1/tasks?limit=50${query}`, who);
}
const caseIds = (reply: Reply) => [...new Set(reply.body.tasks.map((t: Task) => t.caseId))].sort();

beforeAll(async () => {
  // The suite's own namespace and database: its lists cover every case of the municipality that
  // Temporal and PostgreSQL hold.
  product = await startProduct(`e2e-${randomUUID()}`, {
    TEMPORAL_NAMESPACE: await ownNamespace(),
    DATABASE_URL: (await ownDatabase()).appUrl,
  });
  http = httpClient(product.baseUrl);
  token.coordinator = await tokenFor(USERS.coordinator);
  token.coordinator2 = await tokenFor({ ...USERS.coordinator, id: 'coord-2' });
  token.memberStaff = await tokenFor(USERS.memberStaff);
  token.otherStaff = await tokenFor(USERS.otherStaff);
  token.manager = await tokenFor(USERS.manager);
  token.auditor = await tokenFor(USERS.auditor);
  token.kashiwa = await tokenFor(KASHIWA_COORDINATOR);
  const steps = caseSteps(http, token.coordinator);
  // In support, with houkatsu-kamakura in the plan: monitoring (agency staff's) falls due.
  c.monitoredSoon = await steps.inSupport('PT2S', 'P2M');
  c.monitoredLater = await steps.inSupport('P40D', 'P2M');
  // Held in its meeting (a child process of its own): the outcome is to be recorded in 3 days.
  c.atMeeting = await steps.referred();
  await steps.act(c.atMeeting, 'consent', { status: 'given' });
  await steps.act(c.atMeeting, 'assessment', { summary: 's' });
  await steps.act(c.atMeeting, 'plan', {
    goals: 'g',
    agencies: ['houkatsu-kamakura'],
    monitoringInterval: 'P1M',
    contactInterval: 'P2M',
  });
  await steps.waitUntilOpen(c.atMeeting, 'schedule');
  await steps.act(c.atMeeting, 'meeting/schedule', {
    scheduledAt: new Date(Date.now() + 3000).toISOString(),
    attendees: ['houkatsu-kamakura'],
  });
  await steps.waitUntilOpen(c.atMeeting, 'recordOutcome');
  // Consent to obtain (the coordinator's, due in 14 days), for coord-1 and for coord-2.
  c.referred = [await refer({}), await refer({}), await refer({})];
  c.consent = c.referred[0]!;
  c.otherAgency = await refer({ assignedCoordinator: 'coord-2', referringAgency: 'kikan-soudan' });
  c.kashiwa = await refer(
    { municipality: KASHIWA, referringAgency: 'houkatsu-kashiwa', householdName: '柏 世帯' },
    token.kashiwa,
  );
}, 240_000);
afterAll(async () => {
  await product?.stop();
});

describe('whose tasks', () => {
  it("lists a coordinator's own cases by default, every task of them, with the case's facts", async () => {
    const mine = await tasks(token.coordinator);
    expect(mine.status).toBe(200);
    expect(mine.body.for).toBe('me');
    expect(caseIds(mine)).toEqual(
      [c.monitoredSoon, c.monitoredLater, c.atMeeting, ...c.referred].sort(),
    );
    const consent = mine.body.tasks.find((t: Task) => t.caseId === c.consent);
    expect(consent).toMatchObject({
      householdName: expect.stringMatching(/^大船 /),
      caseStage: 'consent',
      taskId: 'obtainConsent',
      nameJa: expect.stringMatching(/同意/),
      name: 'Obtain consent to share information',
      candidateRole: 'coordinator',
      dueAt: expect.any(String),
      overdue: false,
      mayAct: true,
    });
    const monitor = mine.body.tasks.find((t: Task) => t.caseId === c.monitoredLater);
    expect(monitor).toMatchObject({ taskId: 'monitor', candidateRole: 'agency_staff' });
    // A meeting's own task, from the meeting's process, due three days after it was held.
    const meeting = mine.body.tasks.filter((t: Task) => t.caseId === c.atMeeting);
    expect(meeting).toEqual([
      expect.objectContaining({ taskId: 'recordOutcome', caseStage: 'planning', mayAct: true }),
    ]);
    const heldIn = Date.parse(meeting[0].dueAt) - Date.now();
    expect(heldIn).toBeGreaterThan(2.9 * 86400_000);
    expect(heldIn).toBeLessThan(3 * 86400_000);

    const theirs = await tasks(token.coordinator2);
    expect(caseIds(theirs)).toEqual([c.otherAgency]);
  });

  it("lists by role only the tasks of the caller's role, on every case of the municipality", async () => {
    const coordinators = await tasks(token.coordinator, '&for=role');
    expect(coordinators.body.tasks.every((t: Task) => t.candidateRole === 'coordinator')).toBe(
      true,
    );
    expect(caseIds(coordinators)).toEqual([...c.referred, c.otherAgency, c.atMeeting].sort());
    const staff = await tasks(token.memberStaff, '&for=role');
    expect(staff.body.tasks.map((t: Task) => [t.caseId, t.taskId, t.mayAct]).sort()).toEqual(
      [
        [c.monitoredSoon, 'monitor', true],
        [c.monitoredLater, 'monitor', true],
      ].sort(),
    );
  });

  it("lists agency staff their agency's cases only: a case they may not read contributes nothing", async () => {
    const member = await tasks(token.memberStaff);
    expect(member.body.for).toBe('agency');
    expect(caseIds(member)).toEqual(
      [c.monitoredSoon, c.monitoredLater, c.atMeeting, ...c.referred].sort(),
    );
    const consent = member.body.tasks.find((t: Task) => t.caseId === c.consent);
    // Readable (the agency is in the support meeting), but consent is the coordinator's step.
    expect(consent).toMatchObject({ taskId: 'obtainConsent', mayAct: false });

    const other = await tasks(token.otherStaff);
    expect(caseIds(other)).toEqual([c.otherAgency]);
    expect(JSON.stringify(other.body)).not.toContain(c.consent);
    expect(other.body.counts.week + other.body.counts.overdue).toBeLessThanOrEqual(1);
  });

  it("lists a manager every task of the municipality, to read, and nothing of another's", async () => {
    const manager = await tasks(token.manager);
    expect(manager.body.for).toBe('role');
    expect(caseIds(manager)).toEqual(
      [c.monitoredSoon, c.monitoredLater, c.atMeeting, ...c.referred, c.otherAgency].sort(),
    );
    expect(manager.body.tasks.every((t: Task) => !t.mayAct)).toBe(true);
    const kashiwa = await tasks(token.kashiwa);
    expect(caseIds(kashiwa)).toEqual([c.kashiwa]);
    expect(JSON.stringify(kashiwa.body)).not.toContain('大船');
  });

  it('refuses a scope that is not the caller’s, naming for, and auditors altogether', async () => {
    const staffMe = await tasks(token.memberStaff, '&for=me');
    expect(staffMe.status).toBe(400);
    expect(staffMe.body.message).toMatch(/^for=me /);
    const coordinatorAgency = await tasks(token.coordinator, '&for=agency');
    expect([coordinatorAgency.status, coordinatorAgency.body.message]).toEqual([
      400,
      expect.stringMatching(/^for=agency /),
    ]);
    const unknown = await tasks(token.coordinator, '&for=everyone&due=soon');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toEqual(
      expect.arrayContaining([
        'for must be one of me, role, agency',
        'due must be one of today, week, overdue',
      ]),
    );
    expect((await tasks(token.auditor)).status).toBe(403);
  });
});

describe('due windows', () => {
  it('lists in each window the tasks the rule puts there, and counts the tasks per window', async () => {
    // Monitoring every 2 seconds is overdue almost at once; wait until its process says so.
    await until('the monitoring to be overdue', async () => {
      const overdue = await tasks(token.memberStaff, '&due=overdue');
      return caseIds(overdue).includes(c.monitoredSoon) ? true : undefined;
    });
    for (const who of [token.coordinator, token.memberStaff, token.manager]) {
      const all = await tasks(who);
      const bounds = dueBounds(Date.now());
      for (const window of DUE_WINDOWS) {
        const listed = await tasks(who, `&due=${window}`);
        expect(listed.status).toBe(200);
        // The rule, applied to every task of the scope, picks out exactly what the window lists.
        const expected = all.body.tasks.filter((t: Task) => inDueWindow(t, window, bounds));
        const key = (t: Task) => `${t.caseId}/${t.taskId}`;
        expect(listed.body.tasks.map(key).sort()).toEqual(expected.map(key).sort());
        expect(listed.body.tasks.every((t: Task) => inDueWindow(t, window, bounds))).toBe(true);
        // Counts are of the tasks in the window, the same for every window asked.
        expect(listed.body.counts[window]).toBe(expected.length);
        expect(listed.body.counts).toEqual(all.body.counts);
      }
    }
    const overdue = await tasks(token.memberStaff, '&due=overdue');
    expect(overdue.body.tasks).toEqual([
      expect.objectContaining({ caseId: c.monitoredSoon, taskId: 'monitor', overdue: true }),
    ]);
    // Consent is due in 14 days and monitoring in 40: in no window this week.
    const week = await tasks(token.coordinator, '&due=week');
    expect(caseIds(week)).not.toContain(c.consent);
    expect(caseIds(week)).not.toContain(c.monitoredLater);
  });
});

describe('paging', () => {
  it('pages through more tasks than one page without duplicates or gaps, soonest due first', async () => {
    const whole = await tasks(token.manager);
    const key = (t: Task) => `${t.caseId}/${t.taskId}`;
    const seen: Task[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Reply = await http.get(
        `/v1/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        token.manager,
      );
      expect(page.status).toBe(200);
      expect(page.body.tasks.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.tasks);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.map(key)).toEqual(whole.body.tasks.map(key));
    expect(new Set(seen.map(key)).size).toBe(seen.length);
    const dues = seen.map((t) => (t.dueAt ? Date.parse(t.dueAt) : Infinity));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('pages through the case list with the Next-Cursor header', async () => {
    const whole = await http.get('/v1/cases?limit=500', token.coordinator);
    expect(whole.headers.get('next-cursor')).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Reply = await http.get(
        `/v1/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        token.coordinator,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.map((x: { id: string }) => x.id));
      cursor = page.headers.get('next-cursor');
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(whole.body.map((x: { id: string }) => x.id).sort());
  });

  it('refuses a forged, garbled or borrowed cursor with a 400 naming cursor', async () => {
    const first = await http.get('/v1/tasks?limit=1', token.manager);
    const cursor: string = first.body.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const listFirst = await http.get('/v1/cases?limit=1', token.coordinator);
    const listCursor = listFirst.headers.get('next-cursor')!;
    const forged = Buffer.from(JSON.stringify({ s: 'x', t: 'AAAA' })).toString('base64url');
    for (const [path, who] of [
      ['/v1/tasks?cursor=not-a-cursor', token.manager],
      [`/v1/tasks?cursor=${forged}`, token.manager],
      ['/v1/tasks?cursor=a%2Bb', token.manager],
      // Another person, another filter, another municipality, another listing.
      [`/v1/tasks?limit=1&cursor=${cursor}`, token.coordinator],
      [`/v1/tasks?limit=1&due=week&cursor=${cursor}`, token.manager],
      [`/v1/tasks?limit=1&cursor=${cursor}`, token.kashiwa],
      [`/v1/tasks?cursor=${listCursor}`, token.coordinator],
      [`/v1/cases?cursor=${forged}`, token.coordinator],
      [`/v1/cases?limit=1&cursor=${listCursor}`, token.kashiwa],
      [`/v1/cases?limit=1&stage=consent&cursor=${listCursor}`, token.coordinator],
    ] as const) {
      const reply = await http.get(path, who);
      expect([path, reply.status, JSON.stringify(reply.body.message)]).toEqual([
        path,
        400,
        expect.stringContaining('cursor must be'),
      ]);
    }
    // The cursor still works for whom it was given.
    expect((await http.get(`/v1/tasks?limit=1&cursor=${cursor}`, token.manager)).status).toBe(200);
  });
});

describe('while the worker is down', () => {
  it('lists every task as the processes last stored them, at once', async () => {
    const before = await tasks(token.coordinator);
    await product.worker!.close();
    const started = Date.now();
    const reply = await tasks(token.coordinator);
    expect(reply.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(reply.body.tasks).toEqual(before.body.tasks);
    expect(caseIds(reply)).toEqual(
      [c.monitoredSoon, c.monitoredLater, c.atMeeting, ...c.referred].sort(),
    );
  });
});
