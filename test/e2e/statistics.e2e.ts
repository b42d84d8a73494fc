import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { httpClient, tokenFor } from './http';
import { Product, startProduct } from './product';

/**
 * The monthly and fiscal-year statistics against the real PostgreSQL: a hand-made quarter of
 * activity is written straight into the tables, and every figure the API reports is compared
 * with a count made by hand from the tables below. Times are UTC; Tokyo is UTC+9, so
 * 2026-03-31T14:59:59Z is still March in Tokyo and 2026-03-31T15:00:00Z is 1 April 00:00.
 *
 * Municipality 999991 (counted)
 *
 * | case | referred (UTC)       | Tokyo month | programme     | referring agency  | endings (UTC)                  | reopened (UTC) |
 * |------|----------------------|-------------|---------------|-------------------|--------------------------------|----------------|
 * | C1   | 2026-02-10T01:00:00Z | 2026-02     | collaboration | stat-houkatsu     | -                              | -              |
 * | C2   | 2026-03-01T00:00:00Z | 2026-03     | collaboration | stat-soudan       | closure 2026-03-20T00:00Z      | -              |
 * | C3   | 2026-03-05T00:00:00Z | 2026-03     | consultation  | stat-houkatsu     | closure 2026-03-25T00:00Z      | 2026-03-28     |
 * | C4   | 2026-03-10T00:00:00Z | 2026-03     | outreach      | stat-soudan       | suspension 2026-03-15T00:00Z   | 2026-04-20     |
 * | C5   | 2026-03-31T14:59:59Z | 2026-03     | collaboration | stat-houkatsu     | suspension 2026-04-25T00:00Z   | -              |
 * | C6   | 2026-03-31T15:00:00Z | 2026-04     | collaboration | stat-houkatsu     | -                              | -              |
 * | C7   | 2026-04-15T03:00:00Z | 2026-04     | participation | unknown-agency-x  | closure 2026-05-10T00:00Z      | -              |
 * | C8   | 2026-04-30T14:59:59Z | 2026-04     | collaboration | stat-soudan       | -                              | -              |
 * | C9   | 2026-04-30T15:00:00Z | 2026-05     | consultation  | stat-houkatsu     | -                              | -              |
 * | C10  | 2026-03-20T00:00:00Z | 2026-03     | collaboration | stat-houkatsu     | closure 2026-03-31T15:00:00Z   | -              |
 * | C11  | 2026-03-21T00:00:00Z | 2026-03     | collaboration | stat-soudan       | suspension 2026-03-31T14:59:59Z| - (a `monitored` event 04-02 is no reopening) |
 *
 * | meeting | case | recorded (UTC)       | month   | kind               | occasion            | community issue         |
 * |---------|------|----------------------|---------|--------------------|---------------------|-------------------------|
 * | M1      | C1   | 2026-03-31T14:59:59Z | 2026-03 | support_meeting    | information_sharing | 学習支援の場がない      |
 * | M2      | C1   | 2026-03-31T15:00:00Z | 2026-04 | multilayer_meeting | plan_creation       | 就労体験の場が不足      |
 * | M3      | C3   | 2026-04-10T00:00:00Z | 2026-04 | multilayer_meeting | plan_change         | '' (none)               |
 * | M4      | C4   | 2026-04-12T00:00:00Z | 2026-04 | support_meeting    | information_sharing | NULL (none)             |
 * | M5      | C5   | 2026-04-20T00:00:00Z | 2026-04 | multilayer_meeting | plan_creation       | U+3000 + space (none)    |
 * | M6      | C6   | 2026-04-30T14:59:59Z | 2026-04 | block_meeting      | plan_creation       | 居場所がない            |
 * | M7      | C7   | 2026-04-30T15:00:00Z | 2026-05 | multilayer_meeting | termination         | 移動手段がない          |
 * | M8      | C8   | 2026-05-05T00:00:00Z | 2026-05 | field_meeting      | information_sharing | NULL (none)             |
 *
 * | plan | case | version | recorded (UTC)       | month   |
 * |------|------|---------|----------------------|---------|
 * | P1   | C1   | 1       | 2026-03-31T14:59:59Z | 2026-03 |
 * | P2   | C1   | 2       | 2026-04-05T00:00:00Z | 2026-04 |
 * | P3   | C5   | 1       | 2026-04-21T00:00:00Z | 2026-04 |
 * | P4   | C6   | 1       | 2026-04-30T14:59:59Z | 2026-04 |
 * | P5   | C6   | 2       | 2026-04-30T15:00:00Z | 2026-05 |
 * | P6   | C3   | 1       | 2026-05-02T00:00:00Z | 2026-05 |
 *
 * Municipality 999992 (never counted for 999991): X1 referred 2026-04-10 by `stat-houkatsu`, with
 * a meeting (community issue), a plan v1 and nothing else; X2 referred 2026-02-01, closed
 * 2026-04-15.
 *
 * Hand counts for 999991 (continuing = referred before the month and open at some moment of it):
 *
 * | figure                   | 2026-03          | 2026-04                   | 2026-05                  | 2026-06…2027-03 | FY2026 |
 * |--------------------------|------------------|---------------------------|--------------------------|-----------------|--------|
 * | consultations/new        | 6 (C2-5,C10,C11) | 3 (C6,C7,C8)              | 1 (C9)                   | 0               | 4      |
 * |   collaboration          | 4                | 2                         | 0                        | 0               | 2      |
 * |   consultation           | 1                | 0                         | 1                        | 0               | 1      |
 * |   outreach               | 1                | 0                         | 0                        | 0               | 0      |
 * |   participation          | 0                | 1                         | 0                        | 0               | 1      |
 * | continuing               | 1 (C1)           | 5 (C1,C3,C4,C5,C10)       | 6 (C1,C3,C4,C6,C7,C8)    | 6 (C1,C3,C4,C6,C8,C9) | 5 (as April) |
 * | referrals stat-houkatsu  | 3                | 1                         | 1                        | 0               | 2      |
 * | referrals stat-soudan    | 3                | 1                         | 0                        | 0               | 1      |
 * | referrals unknown-agency | 0                | 1                         | 0                        | 0               | 1      |
 * | meetings                 | 1 (M1)           | 5 (M2-M6)                 | 2 (M7,M8)                | 0               | 7      |
 * | community issues         | 1 (M1)           | 2 (M2,M6)                 | 1 (M7)                   | 0               | 3      |
 * | plans created            | 1 (P1)           | 2 (P3,P4)                 | 1 (P6)                   | 0               | 3      |
 * | plans changed            | 0                | 1 (P2)                    | 1 (P5)                   | 0               | 2      |
 * | closures                 | 2 (C2,C3)        | 1 (C10)                   | 1 (C7)                   | 0               | 2      |
 * | suspensions              | 2 (C4,C11)       | 1 (C5)                    | 0                        | 0               | 1      |
 */
const CITY = '999991';
const OTHER_CITY = '999992';
const id = (n: number) => `5a7a0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const C = (n: number) => id(n);
const X = (n: number) => id(900 + n);
const HOUKATSU = '統計テスト 地域包括支援センター';
const SOUDAN = '統計テスト 基幹相談支援センター';

let product: Product;
let http: ReturnType<typeof httpClient>;
let db: Client;
const tokens: Record<string, string> = {};

async function insertFixture(): Promise<void> {
  await db.query(
    `INSERT INTO agencies (code, municipality, name, field) VALUES
       ('stat-houkatsu', $1, $3, 'elderly'),
       ('stat-soudan', $1, $4, 'disability'),
       ('stat-other', $2, '他市 相談室', 'general')
     ON CONFLICT (code) DO NOTHING`,
    [CITY, OTHER_CITY, HOUKATSU, SOUDAN],
  );
  const cases: [string, string, string, string, string][] = [
    [C(1), CITY, '2026-02-10T01:00:00Z', 'collaboration', 'stat-houkatsu'],
    [C(2), CITY, '2026-03-01T00:00:00Z', 'collaboration', 'stat-soudan'],
    [C(3), CITY, '2026-03-05T00:00:00Z', 'consultation', 'stat-houkatsu'],
    [C(4), CITY, '2026-03-10T00:00:00Z', 'outreach', 'stat-soudan'],
    [C(5), CITY, '2026-03-31T14:59:59Z', 'collaboration', 'stat-houkatsu'],
    [C(6), CITY, '2026-03-31T15:00:00Z', 'collaboration', 'stat-houkatsu'],
    [C(7), CITY, '2026-04-15T03:00:00Z', 'participation', 'unknown-agency-x'],
    [C(8), CITY, '2026-04-30T14:59:59Z', 'collaboration', 'stat-soudan'],
    [C(9), CITY, '2026-04-30T15:00:00Z', 'consultation', 'stat-houkatsu'],
    [C(10), CITY, '2026-03-20T00:00:00Z', 'collaboration', 'stat-houkatsu'],
    [C(11), CITY, '2026-03-21T00:00:00Z', 'collaboration', 'stat-soudan'],
    [X(1), OTHER_CITY, '2026-04-10T00:00:00Z', 'collaboration', 'stat-houkatsu'],
    [X(2), OTHER_CITY, '2026-02-01T00:00:00Z', 'consultation', 'stat-other'],
  ];
  for (const [caseId, municipality, createdAt, programme, agency] of cases) {
    await db.query(
      `INSERT INTO cases (id, municipality, programme, fields, referring_agency, household_name,
                          stage, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, '{general}', $4, '統計 世帯', 'support', 'coord-x', $5, $5)`,
      [caseId, municipality, programme, agency, createdAt],
    );
  }
  const step = (key: string) => `stat-e2e/${key}`;
  const endings: [string, string, string, string][] = [
    ['E1', C(2), 'closure', '2026-03-20T00:00:00Z'],
    ['E2', C(3), 'closure', '2026-03-25T00:00:00Z'],
    ['E3', C(4), 'suspension', '2026-03-15T00:00:00Z'],
    ['E4', C(5), 'suspension', '2026-04-25T00:00:00Z'],
    ['E5', C(7), 'closure', '2026-05-10T00:00:00Z'],
    ['E6', C(10), 'closure', '2026-03-31T15:00:00Z'],
    ['E7', C(11), 'suspension', '2026-03-31T14:59:59Z'],
    ['XE1', X(2), 'closure', '2026-04-15T00:00:00Z'],
  ];
  for (const [key, caseId, kind, at] of endings) {
    await db.query(
      `INSERT INTO case_endings (case_id, step_key, recorded_by, recorded_at, kind, reason)
       VALUES ($1, $2, 'coord-x', $3, $4, NULL)`,
      [caseId, step(key), at, kind],
    );
  }
  const timeline: [string, string, string, string][] = [
    ['T1', C(3), 'reopened', '2026-03-28T00:00:00Z'],
    ['T2', C(4), 'reopened', '2026-04-20T00:00:00Z'],
    ['T3', C(11), 'monitored', '2026-04-02T00:00:00Z'],
    ['T4', C(2), 'closed', '2026-03-20T00:00:00Z'],
  ];
  for (const [key, caseId, event, at] of timeline) {
    await db.query(
      `INSERT INTO case_timeline (case_id, step_key, recorded_by, recorded_at, event, detail)
       VALUES ($1, $2, 'coord-x', $3, $4, '{}')`,
      [caseId, step(key), at, event],
    );
  }
  const meetings: [string, string, string, string, string, string | null][] = [
    [
      'M1',
      C(1),
      '2026-03-31T14:59:59Z',
      'support_meeting',
      'information_sharing',
      '学習支援の場がない',
    ],
    [
      'M2',
      C(1),
      '2026-03-31T15:00:00Z',
      'multilayer_meeting',
      'plan_creation',
      '就労体験の場が不足',
    ],
    ['M3', C(3), '2026-04-10T00:00:00Z', 'multilayer_meeting', 'plan_change', ''],
    ['M4', C(4), '2026-04-12T00:00:00Z', 'support_meeting', 'information_sharing', null],
    ['M5', C(5), '2026-04-20T00:00:00Z', 'multilayer_meeting', 'plan_creation', '\u3000 '],
    ['M6', C(6), '2026-04-30T14:59:59Z', 'block_meeting', 'plan_creation', '居場所がない'],
    ['M7', C(7), '2026-04-30T15:00:00Z', 'multilayer_meeting', 'termination', '移動手段がない'],
    ['M8', C(8), '2026-05-05T00:00:00Z', 'field_meeting', 'information_sharing', null],
    ['XM1', X(1), '2026-04-11T00:00:00Z', 'multilayer_meeting', 'plan_creation', '他市の課題'],
  ];
  for (const [key, caseId, at, kind, occasion, issue] of meetings) {
    await db.query(
      `INSERT INTO meetings (case_id, step_key, recorded_by, recorded_at, kind, occasion, outcome,
                             community_issue)
       VALUES ($1, $2, 'coord-x', $3, $4, $5, 'agreed', $6)`,
      [caseId, step(key), at, kind, occasion, issue],
    );
  }
  const plans: [string, string, number, string][] = [
    ['P1', C(1), 1, '2026-03-31T14:59:59Z'],
    ['P2', C(1), 2, '2026-04-05T00:00:00Z'],
    ['P3', C(5), 1, '2026-04-21T00:00:00Z'],
    ['P4', C(6), 1, '2026-04-30T14:59:59Z'],
    ['P5', C(6), 2, '2026-04-30T15:00:00Z'],
    ['P6', C(3), 1, '2026-05-02T00:00:00Z'],
    ['XP1', X(1), 1, '2026-04-11T00:00:00Z'],
  ];
  for (const [key, caseId, version, at] of plans) {
    await db.query(
      `INSERT INTO plans (case_id, step_key, recorded_by, recorded_at, version, goals, agencies,
                          monitoring_interval, contact_interval)
       VALUES ($1, $2, 'coord-x', $3, $4, '目標', '{stat-houkatsu}', 'P1M', 'P2M')`,
      [caseId, step(key), at, version],
    );
  }
}

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  http = httpClient(product.baseUrl);
  db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  await insertFixture();
  tokens.manager = await tokenFor({ id: 'manager-x', roles: ['manager'], municipality: CITY });
  tokens.coordinator = await tokenFor({
    id: 'coord-x',
    roles: ['coordinator'],
    municipality: CITY,
  });
  tokens.staff = await tokenFor({
    id: 'staff-x',
    roles: ['agency_staff'],
    municipality: CITY,
    agency: 'stat-houkatsu',
  });
  tokens.auditor = await tokenFor({ id: 'auditor-x', roles: ['auditor'], municipality: CITY });
  tokens.otherManager = await tokenFor({
    id: 'manager-y',
    roles: ['manager'],
    municipality: OTHER_CITY,
  });
});
afterAll(async () => {
  await db?.end();
  await product?.stop();
});

const programmes = (counts: Partial<Record<string, number>>) => ({
  consultation: 0,
  collaboration: 0,
  participation: 0,
  outreach: 0,
  community: 0,
  ...counts,
});
const kinds = (counts: Partial<Record<string, number>>) => ({
  support_meeting: 0,
  multilayer_meeting: 0,
  field_meeting: 0,
  block_meeting: 0,
  ...counts,
});
const NO_FIGURES = {
  consultations: { total: 0, byProgramme: programmes({}) },
  persons: { new: 0, continuing: 0, total: 0 },
  referralsByAgency: [],
  meetings: { total: 0, byKind: kinds({}), byKindAndOccasion: [] },
  plans: { created: 0, changed: 0 },
  endings: { closures: 0, suspensions: 0 },
  communityIssues: 0,
};

/** The hand counts of the table above, one period each. */
const MARCH = {
  consultations: {
    total: 6,
    byProgramme: programmes({ collaboration: 4, consultation: 1, outreach: 1 }),
  },
  persons: { new: 6, continuing: 1, total: 7 },
  referralsByAgency: [
    { agency: 'stat-houkatsu', agencyName: HOUKATSU, count: 3 },
    { agency: 'stat-soudan', agencyName: SOUDAN, count: 3 },
  ],
  meetings: {
    total: 1,
    byKind: kinds({ support_meeting: 1 }),
    byKindAndOccasion: [{ kind: 'support_meeting', occasion: 'information_sharing', count: 1 }],
  },
  plans: { created: 1, changed: 0 },
  endings: { closures: 2, suspensions: 2 },
  communityIssues: 1,
};
const APRIL = {
  consultations: { total: 3, byProgramme: programmes({ collaboration: 2, participation: 1 }) },
  persons: { new: 3, continuing: 5, total: 8 },
  referralsByAgency: [
    { agency: 'stat-houkatsu', agencyName: HOUKATSU, count: 1 },
    { agency: 'stat-soudan', agencyName: SOUDAN, count: 1 },
    { agency: 'unknown-agency-x', agencyName: null, count: 1 },
  ],
  meetings: {
    total: 5,
    byKind: kinds({ multilayer_meeting: 3, support_meeting: 1, block_meeting: 1 }),
    byKindAndOccasion: [
      { kind: 'block_meeting', occasion: 'plan_creation', count: 1 },
      { kind: 'multilayer_meeting', occasion: 'plan_change', count: 1 },
      { kind: 'multilayer_meeting', occasion: 'plan_creation', count: 2 },
      { kind: 'support_meeting', occasion: 'information_sharing', count: 1 },
    ],
  },
  plans: { created: 2, changed: 1 },
  endings: { closures: 1, suspensions: 1 },
  communityIssues: 2,
};
const MAY = {
  consultations: { total: 1, byProgramme: programmes({ consultation: 1 }) },
  persons: { new: 1, continuing: 6, total: 7 },
  referralsByAgency: [{ agency: 'stat-houkatsu', agencyName: HOUKATSU, count: 1 }],
  meetings: {
    total: 2,
    byKind: kinds({ multilayer_meeting: 1, field_meeting: 1 }),
    byKindAndOccasion: [
      { kind: 'field_meeting', occasion: 'information_sharing', count: 1 },
      { kind: 'multilayer_meeting', occasion: 'termination', count: 1 },
    ],
  },
  plans: { created: 1, changed: 1 },
  endings: { closures: 1, suspensions: 0 },
  communityIssues: 1,
};
/** June 2026 to March 2027: nothing happens, six cases carry on. */
const QUIET_MONTH = { ...NO_FIGURES, persons: { new: 0, continuing: 6, total: 6 } };
const FISCAL_2026 = {
  consultations: {
    total: 4,
    byProgramme: programmes({ collaboration: 2, participation: 1, consultation: 1 }),
  },
  persons: { new: 4, continuing: 5, total: 9 },
  referralsByAgency: [
    { agency: 'stat-houkatsu', agencyName: HOUKATSU, count: 2 },
    { agency: 'stat-soudan', agencyName: SOUDAN, count: 1 },
    { agency: 'unknown-agency-x', agencyName: null, count: 1 },
  ],
  meetings: {
    total: 7,
    byKind: kinds({
      multilayer_meeting: 4,
      support_meeting: 1,
      block_meeting: 1,
      field_meeting: 1,
    }),
    byKindAndOccasion: [
      { kind: 'block_meeting', occasion: 'plan_creation', count: 1 },
      { kind: 'field_meeting', occasion: 'information_sharing', count: 1 },
      { kind: 'multilayer_meeting', occasion: 'plan_change', count: 1 },
      { kind: 'multilayer_meeting', occasion: 'plan_creation', count: 2 },
      { kind: 'multilayer_meeting', occasion: 'termination', count: 1 },
      { kind: 'support_meeting', occasion: 'information_sharing', count: 1 },
    ],
  },
  plans: { created: 3, changed: 2 },
  endings: { closures: 2, suspensions: 1 },
  communityIssues: 3,
};

describe('monthly statistics', () => {
  it('counts every figure of April 2026 as counted by hand, boundaries included', async () => {
    const res = await http.get('/v1/statistics/monthly?month=2026-04', tokens.manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      municipality: CITY,
      period: {
        kind: 'month',
        label: '2026-04',
        start: '2026-03-31T15:00:00.000Z',
        end: '2026-04-30T15:00:00.000Z',
        timeZone: 'Asia/Tokyo',
      },
      figures: APRIL,
    });
  });

  it('puts the last second of 31 March (Tokyo) in March and counts March as by hand', async () => {
    const res = await http.get('/v1/statistics/monthly?month=2026-03&format=json', tokens.manager);
    expect(res.status).toBe(200);
    expect(res.body.figures).toEqual(MARCH);
  });

  it('counts May 2026 as by hand, for coordinators too', async () => {
    const res = await http.get('/v1/statistics/monthly?month=2026-05', tokens.coordinator);
    expect(res.status).toBe(200);
    expect(res.body.figures).toEqual(MAY);
  });

  it('answers CSV: a header row, then one row per figure and breakdown key', async () => {
    const res = await http.get('/v1/statistics/monthly?month=2026-04&format=csv', tokens.manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="statistics-999991-2026-04.csv"',
    );
    expect(res.body).toBe(
      [
        'figure,key,subkey,name,value',
        'consultations,,,,3',
        'consultations_by_programme,consultation,,,0',
        'consultations_by_programme,collaboration,,,2',
        'consultations_by_programme,participation,,,1',
        'consultations_by_programme,outreach,,,0',
        'consultations_by_programme,community,,,0',
        'new_persons,,,,3',
        'continuing_persons,,,,5',
        'persons,,,,8',
        `referrals_by_agency,stat-houkatsu,,${HOUKATSU},1`,
        `referrals_by_agency,stat-soudan,,${SOUDAN},1`,
        'referrals_by_agency,unknown-agency-x,,,1',
        'meetings,,,,5',
        'meetings_by_kind,support_meeting,,,1',
        'meetings_by_kind,multilayer_meeting,,,3',
        'meetings_by_kind,field_meeting,,,0',
        'meetings_by_kind,block_meeting,,,1',
        'meetings_by_kind_and_occasion,block_meeting,plan_creation,,1',
        'meetings_by_kind_and_occasion,multilayer_meeting,plan_change,,1',
        'meetings_by_kind_and_occasion,multilayer_meeting,plan_creation,,2',
        'meetings_by_kind_and_occasion,support_meeting,information_sharing,,1',
        'plans_created,,,,2',
        'plans_changed,,,,1',
        'closures,,,,1',
        'suspensions,,,,1',
        'community_issues,,,,2',
        '',
      ].join('\n'),
    );
  });

  it('counts only the caller’s municipality', async () => {
    const res = await http.get('/v1/statistics/monthly?month=2026-04', tokens.otherManager);
    expect(res.status).toBe(200);
    expect(res.body.municipality).toBe(OTHER_CITY);
    expect(res.body.figures).toEqual({
      consultations: { total: 1, byProgramme: programmes({ collaboration: 1 }) },
      // X2 was open on 1 April and closed in April.
      persons: { new: 1, continuing: 1, total: 2 },
      // The code belongs to 999991's agency list: no name for 999992.
      referralsByAgency: [{ agency: 'stat-houkatsu', agencyName: null, count: 1 }],
      meetings: {
        total: 1,
        byKind: kinds({ multilayer_meeting: 1 }),
        byKindAndOccasion: [{ kind: 'multilayer_meeting', occasion: 'plan_creation', count: 1 }],
      },
      plans: { created: 1, changed: 0 },
      endings: { closures: 1, suspensions: 0 },
      communityIssues: 1,
    });
  });

  it('rejects a bad month, year or format with a 400 naming the field', async () => {
    for (const [path, field] of [
      ['/v1/statistics/monthly?month=2026-13', 'month'],
      ['/v1/statistics/monthly?month=2026-4', 'month'],
      ['/v1/statistics/monthly', 'month'],
      ['/v1/statistics/monthly?month=2026-04&format=xml', 'format'],
      ['/v1/statistics/fiscal-year?year=26', 'year'],
      ['/v1/statistics/fiscal-year?year=2026-04', 'year'],
    ]) {
      const res = await http.get(path, tokens.manager);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.message).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`^${field} must be`))]),
      );
    }
  });

  it('refuses agency staff and auditors with a 403, and audits every attempt', async () => {
    for (const token of [tokens.staff, tokens.auditor]) {
      expect((await http.get('/v1/statistics/monthly?month=2026-04', token)).status).toBe(403);
      expect((await http.get('/v1/statistics/fiscal-year?year=2026', token)).status).toBe(403);
    }
    expect((await http.get('/v1/statistics/monthly?month=2026-04')).status).toBe(401);
    const { rows } = await db.query(
      `SELECT actor_id, outcome, count(*)::int AS n FROM audit_log
        WHERE action = 'statistics.read' AND municipality = $1
        GROUP BY actor_id, outcome ORDER BY actor_id, outcome`,
      [CITY],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { actor_id: 'staff-x', outcome: 'denied', n: 2 },
        { actor_id: 'auditor-x', outcome: 'denied', n: 2 },
        expect.objectContaining({ actor_id: 'manager-x', outcome: 'allowed' }),
      ]),
    );
  });
});

describe('fiscal-year statistics', () => {
  it('counts the year (April 2026 to March 2027) and each of its twelve months', async () => {
    const res = await http.get('/v1/statistics/fiscal-year?year=2026', tokens.manager);
    expect(res.status).toBe(200);
    expect(res.body.municipality).toBe(CITY);
    expect(res.body.period).toEqual({
      kind: 'fiscal_year',
      label: '2026',
      start: '2026-03-31T15:00:00.000Z',
      end: '2027-03-31T15:00:00.000Z',
      timeZone: 'Asia/Tokyo',
    });
    expect(res.body.figures).toEqual(FISCAL_2026);
    expect(res.body.months.map((m: { period: { label: string } }) => m.period.label)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
    expect(res.body.months[0].figures).toEqual(APRIL);
    expect(res.body.months[1].figures).toEqual(MAY);
    for (const month of res.body.months.slice(2)) expect(month.figures).toEqual(QUIET_MONTH);
    // The same months as the monthly endpoint gives them.
    const april = await http.get('/v1/statistics/monthly?month=2026-04', tokens.manager);
    expect(res.body.months[0]).toEqual({ period: april.body.period, figures: april.body.figures });
  });

  it('leaves March 2026 to fiscal year 2025', async () => {
    const res = await http.get('/v1/statistics/fiscal-year?year=2025', tokens.manager);
    expect(res.status).toBe(200);
    expect(res.body.months[11].period.label).toBe('2026-03');
    expect(res.body.months[11].figures).toEqual(MARCH);
    expect(res.body.months[10].figures).toEqual({
      ...NO_FIGURES,
      consultations: { total: 1, byProgramme: programmes({ collaboration: 1 }) },
      persons: { new: 1, continuing: 0, total: 1 },
      referralsByAgency: [{ agency: 'stat-houkatsu', agencyName: HOUKATSU, count: 1 }],
    });
    expect(res.body.figures.consultations.total).toBe(7);
    expect(res.body.figures.meetings.total).toBe(1);
  });

  it('answers CSV with one column per month and the year’s total', async () => {
    const res = await http.get('/v1/statistics/fiscal-year?year=2026&format=csv', tokens.manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // No field holds a comma, a quote or a line break, so a plain split reads it back.
    const [header, ...lines] = (res.body as string).trimEnd().split('\n');
    expect(header).toBe(
      'figure,key,subkey,name,2026-04,2026-05,2026-06,2026-07,2026-08,2026-09,2026-10,2026-11,2026-12,2027-01,2027-02,2027-03,total',
    );
    const table = Object.fromEntries(
      lines.map((line) => {
        const [figure, key, subkey, name, ...values] = line.split(',');
        return [
          [figure, key, subkey].filter(Boolean).join('/'),
          { name, values: values.map(Number) },
        ];
      }),
    );
    const rest = (n: number) => Array<number>(10).fill(n);
    expect(table['consultations'].values).toEqual([3, 1, ...rest(0), 4]);
    expect(table['consultations_by_programme/collaboration'].values).toEqual([2, 0, ...rest(0), 2]);
    expect(table['new_persons'].values).toEqual([3, 1, ...rest(0), 4]);
    // A stock: the year's figure is its own, not the sum of the months.
    expect(table['continuing_persons'].values).toEqual([5, 6, ...rest(6), 5]);
    expect(table['persons'].values).toEqual([8, 7, ...rest(6), 9]);
    expect(table['referrals_by_agency/stat-houkatsu']).toEqual({
      name: HOUKATSU,
      values: [1, 1, ...rest(0), 2],
    });
    expect(table['referrals_by_agency/unknown-agency-x']).toEqual({
      name: '',
      values: [1, 0, ...rest(0), 1],
    });
    expect(table['meetings'].values).toEqual([5, 2, ...rest(0), 7]);
    expect(table['meetings_by_kind/field_meeting'].values).toEqual([0, 1, ...rest(0), 1]);
    expect(table['meetings_by_kind_and_occasion/multilayer_meeting/termination'].values).toEqual([
      0,
      1,
      ...rest(0),
      1,
    ]);
    expect(table['plans_created'].values).toEqual([2, 1, ...rest(0), 3]);
    expect(table['plans_changed'].values).toEqual([1, 1, ...rest(0), 2]);
    expect(table['closures'].values).toEqual([1, 1, ...rest(0), 2]);
    expect(table['suspensions'].values).toEqual([1, 0, ...rest(0), 1]);
    expect(table['community_issues'].values).toEqual([2, 1, ...rest(0), 3]);
    expect(lines).toHaveLength(Object.keys(table).length);
  });

  it('bounds each period so that the indexes can serve it', async () => {
    // A few rows are cheaper to scan, so the planner is told not to: the plans then show that the
    // period predicates are ones the (recorded_at) and (municipality, created_at) indexes serve.
    await db.query('BEGIN');
    try {
      await db.query('SET LOCAL enable_seqscan = off');
      const plan = async (sql: string) =>
        JSON.stringify(
          (
            await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, [
              CITY,
              '2026-03-31T15:00Z',
              '2026-04-30T15:00Z',
            ])
          ).rows[0],
        );
      expect(
        await plan(`SELECT count(*) FROM meetings m JOIN cases c ON c.id = m.case_id
          WHERE c.municipality = $1 AND m.recorded_at >= $2::timestamptz AND m.recorded_at < $3::timestamptz`),
      ).toContain('IDX_meetings_recorded_at');
      expect(
        await plan(`SELECT c.programme, count(*) FROM cases c
          WHERE c.municipality = $1 AND c.created_at >= $2::timestamptz AND c.created_at < $3::timestamptz
          GROUP BY c.programme`),
      ).toContain('IDX_cases_created_at');
    } finally {
      await db.query('ROLLBACK');
    }
  });
});
