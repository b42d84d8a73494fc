/**
 * Demo cases drawn from the household patterns in the Kamakura guide and Kusatsu's report, each
 * brought to a different stage through the API, as a coordinator would. Fixed ids make seeding
 * idempotent: re-running `make up` finds the cases where they stand and leaves them there.
 */
type Role = 'coordinator' | 'agency_staff';

interface DemoStep {
  /** The open task this step completes (it runs once that task is open). */
  when: string;
  path: string;
  body: (now: number) => object;
  as?: Role;
}

export interface DemoCase {
  story: string;
  referral: Record<string, unknown> & { id: string };
  /** The stage the steps bring it to; a case found there is left alone. */
  stage: string;
  steps: DemoStep[];
}

const KAMAKURA = '142042';
const soon = (now: number, seconds: number) => new Date(now + seconds * 1000).toISOString();

/** Consent, assessment, a plan agreed at the multi-layered support meeting, plan consent. */
const intoMonitoring = (monitoringInterval: string, contactInterval = 'P2M'): DemoStep[] => [
  { when: 'obtainConsent', path: 'consent', body: () => ({ status: 'given' }) },
  {
    when: 'assess',
    path: 'assessment',
    body: () => ({
      summary: '家事と介護を担う娘の負担と母の治療状況を確認',
      needs: ['家事支援', '通院支援', '学習支援'],
    }),
  },
  {
    when: 'draftPlan',
    path: 'plan',
    body: () => ({
      goals: '娘が学校生活を取り戻し、母が治療を続けられる',
      agencies: ['kodomo-katei-soudan', 'kikan-soudan'],
      roleNotes: 'こどもと家庭の相談室: 娘の相談 / 基幹相談支援センター: 母の障害福祉サービス調整',
      monitoringInterval,
      contactInterval,
    }),
  },
  {
    when: 'schedule',
    path: 'meeting/schedule',
    body: (now) => ({
      scheduledAt: soon(now, 1),
      attendees: ['kodomo-katei-soudan', 'kikan-soudan'],
    }),
  },
  {
    when: 'recordOutcome',
    path: 'meeting/outcome',
    body: () => ({ outcome: 'agreed', approvedPlanVersion: 1, decision: 'プラン第1版を承認' }),
  },
  { when: 'planConsent', path: 'plan-consent', body: () => ({ agreed: true }) },
];

export const DEMO_CASES: DemoCase[] = [
  {
    story: '8050 household waiting on consent',
    stage: 'consent',
    referral: {
      id: '5d0b1d1e-8050-4c1a-9d1e-000000008050',
      municipality: KAMAKURA,
      programme: 'collaboration',
      fields: ['elderly', 'poverty'],
      issueTags: ['8050', 'dementia', 'hikikomori', 'poverty'],
      referringAgency: 'houkatsu-kamakura', // 地域包括支援センター
      householdName: '鎌倉 太郎 世帯 (demo)',
      summary: '80代の父（認知症）と長年ひきこもりの50代の息子。生活費が不足している。',
      members: [
        { name: '鎌倉 太郎', relation: 'father', age: 84 },
        { name: '鎌倉 一郎', relation: 'son', age: 53, isPerson: true },
      ],
    },
    steps: [],
  },
  {
    story: 'young carer in monitoring',
    stage: 'monitoring',
    referral: {
      id: '5d0b1d1e-0ca7-4e2a-9b1e-00000000ca7e',
      municipality: KAMAKURA,
      programme: 'collaboration',
      fields: ['children', 'disability'],
      issueTags: ['young_carer'],
      referringAgency: 'kodomo-katei-soudan', // こどもと家庭の相談室
      householdName: '大船 花子 世帯 (demo)',
      summary: 'うつ病の母の代わりに家事を担う学生の娘（ヤングケアラー）。欠席が増えている。',
      members: [
        { name: '大船 花子', relation: 'mother', age: 45 },
        { name: '大船 さくら', relation: 'daughter', age: 16, isPerson: true },
      ],
    },
    steps: intoMonitoring('P1M'),
  },
  {
    story: 'hikikomori woman in outreach',
    stage: 'outreach',
    referral: {
      id: '5d0b1d1e-41c0-4f3a-8c1e-0000000041c0',
      municipality: KAMAKURA,
      programme: 'outreach',
      fields: ['disability', 'general'],
      issueTags: ['hikikomori', 'disability', 'isolation'],
      referringAgency: 'kikan-soudan', // 基幹相談支援センター
      supportMeetingAgencies: ['houkatsu-kamakura'],
      householdName: '腰越 由美 (demo)',
      summary: '20代女性。自閉症と双極性障害。学校でのいじめ以来、孤立している。',
      members: [{ name: '腰越 由美', relation: 'person', age: 24, isPerson: true }],
    },
    steps: [
      {
        when: 'visit',
        path: 'visits',
        body: () => ({ result: 'not_met', note: '不在。手紙を置いた' }),
        as: 'agency_staff',
      },
    ],
  },
  {
    story: 'multi-problem household with monitoring overdue (Kusatsu pattern)',
    stage: 'monitoring',
    referral: {
      id: '5d0b1d1e-0d0e-4d1e-8a1e-000000000d0e',
      municipality: KAMAKURA,
      programme: 'collaboration',
      fields: ['poverty', 'disability', 'children'],
      issueTags: ['poverty', 'debt', 'disability'],
      referringAgency: 'jiritsu-kamakura', // 自立相談支援事業所
      householdName: '深沢 世帯 (demo)',
      summary: '多重債務、母の精神疾患、子の不登校が重なる世帯。',
    },
    // Monitoring falls due ten seconds after seeding, so the case shows as overdue at once.
    steps: intoMonitoring('PT10S'),
  },
  {
    story: 'withdrawn son whose contact is lost (outreach under way)',
    stage: 'monitoring',
    referral: {
      id: '5d0b1d1e-1057-4c0a-9b1e-000000001057',
      municipality: KAMAKURA,
      programme: 'collaboration',
      fields: ['elderly', 'general'],
      issueTags: ['8050', 'hikikomori', 'isolation'],
      referringAgency: 'houkatsu-st-theresia',
      householdName: '極楽寺 世帯 (demo)',
      summary: '母の介護サービス利用後、同居の息子と連絡が取れなくなった。',
    },
    // No contact is recorded within the plan's ten-second contact interval: contact is lost.
    steps: intoMonitoring('P1M', 'PT10S'),
  },
];

/** Brings each demo case to its stage through the API; a case already there is left alone. */
export async function seedDemoCases(apiUrl: string, tokens: Record<Role, string>): Promise<void> {
  const call = async (method: string, path: string, body?: object, as: Role = 'coordinator') => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[as]}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const reply = (await res.json()) as CaseReply;
    if (!res.ok) throw new Error(`demo ${method} ${path}: ${res.status} ${JSON.stringify(reply)}`);
    return reply;
  };
  for (const demo of DEMO_CASES) {
    const id = demo.referral.id;
    let current = await call('POST', '/v1/cases', demo.referral);
    const seeded = current.timeline.length > 1 && current.stage === demo.stage;
    let next = seeded ? demo.steps.length : 0;
    // Each step runs once its task is open; a meeting's record task opens on the meeting day.
    for (let polls = 0; next < demo.steps.length && polls < 50;) {
      const open = demo.steps.findIndex((step, j) => j >= next && isOpen(current, step.when));
      if (open < 0) {
        polls += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
        current = await call('GET', `/v1/cases/${id}`);
        continue;
      }
      const step = demo.steps[open];
      current = await call('POST', `/v1/cases/${id}/${step.path}`, step.body(Date.now()), step.as);
      next = open + 1;
    }
  }
}

interface CaseReply {
  stage: string;
  timeline: unknown[];
  workflow: { openTasks?: { elementId: string }[] };
}

const isOpen = (c: CaseReply, task: string) =>
  (c.workflow.openTasks ?? []).some((t) => t.elementId === task);
