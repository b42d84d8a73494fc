/// <reference lib="dom" />
// (the DOM lib: page.evaluate callbacks run in the browser)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { devIssuer, TokenSubject } from '../../tools/dev/dev-issuer';
import { DevSignIn, startDevSignIn } from '../../tools/dev/dev-sign-in';
import { ARTIFACTS_DIR, launchChromium } from './browser';
import { startProduct, Product } from './product';
import { caseSteps, until } from './case-steps';
import { httpClient, tokenFor } from './http';
import { USERS } from './users';

/**
 * The case console in a real browser against the real API, worker, Temporal and PostgreSQL: a
 * coordinator carries an 8050 case from referral to plan consent, a manager finds it overdue,
 * agency staff record a visit and a monitoring. Every page is checked with axe-core (WCAG 2.2
 * AA) and photographed into test-artifacts/console/.
 */
const SHOTS = path.join(ARTIFACTS_DIR, 'console');
const AGENCY = 'houkatsu-kamakura';
const HOUSEHOLD = '材木座 8050 世帯';
/** Name, relation and age of the members the referral gives (the son is the person supported). */
const MEMBERS_AT_REFERRAL = [
  ['材木座 トメ', 'mother', '82'],
  ['材木座 一郎', 'son', '52'],
] as const;
const redirectUris: string[] = [];
let product: Product;
let signIn: DevSignIn;
let browser: Browser;
let consoleUrl: string;
let caseId: string;
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  const dir = path.join(process.env.E2E_DIR ?? '', 'console');
  execFileSync(
    process.execPath,
    [
      path.join(__dirname, '../../node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/console/vite.config.mts',
      '--outDir',
      dir,
      '--logLevel',
      'warn',
    ],
    // Jest runs with NODE_ENV=test, which would bundle React's development build.
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  signIn = await startDevSignIn({
    issuer: await devIssuer(process.env.E2E_ISSUER_KEY ?? ''),
    users: {
      coordinator: USERS.coordinator,
      staff: USERS.memberStaff,
      otherStaff: USERS.otherStaff,
      manager: USERS.manager,
      otherManager: USERS.otherManager,
    },
    redirectUris,
  });
  product = await startProduct(`e2e-${randomUUID()}`, {
    CONSOLE_DIR: dir,
    CONSOLE_OIDC_AUTHORIZE_URL: signIn.authorizeUrl,
    CONSOLE_OIDC_TOKEN_URL: signIn.tokenUrl,
    CONSOLE_TEMPORAL_UI_URL: process.env.E2E_TEMPORAL_UI_URL ?? '',
  });
  consoleUrl = `${product.baseUrl}/console/`;
  redirectUris.push(consoleUrl);
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await signIn?.close();
});

/** A signed-in page: the console, its sign-in button, the dev issuer's page, one demo user. */
async function signedIn(user: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await page.goto(consoleUrl);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('button', { name: new RegExp(user) }).click();
  await page.getByRole('heading', { name: '自分の仕事', level: 1 }).waitFor();
  return page;
}

/** axe-core on the page as it stands (WCAG 2.0–2.2 A and AA); then a screenshot. */
async function checkPage(page: Page, name: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  expect(violations).toEqual([]);
}

/** The case page's form of a task, once the process has opened it (the page reads again). */
async function taskForm(page: Page, action: string) {
  const form = page.locator(`#form-${action.replace('.', '-')}`);
  await form.waitFor({ timeout: 60_000 });
  return form;
}

/**
 * Sends a form and waits for the API's answer (200, or 202 with records pending) and, for a
 * task, for its form to go: the process has moved past it.
 */
async function submit(page: Page, form: ReturnType<Page['locator']>, { task = true } = {}) {
  const answer = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/v1/cases/'),
  );
  await form.locator('button[type=submit]').click();
  expect([200, 202]).toContain((await answer).status());
  await page.getByRole('status').filter({ hasText: '記録しました' }).waitFor();
  if (task) await form.waitFor({ state: 'detached', timeout: 30_000 });
}

/** Ticks an agency of the register in a form's list of agencies (its label: name and code). */
async function chooseAgency(page: Page, formId: string, field: string, code: string) {
  const box = page.locator(`input[type=checkbox][name="${field}"][value="${code}"]`);
  const label = page.locator(`#${formId}`).locator('label', { has: box });
  expect(await label.textContent()).toContain(code);
  await label.locator('input').check();
}

/** Sends one of the everyday forms (not a process step) and returns the API's status. */
async function send(page: Page, form: ReturnType<Page['locator']>): Promise<number> {
  const answer = page.waitForResponse(
    (r) =>
      ['POST', 'PATCH'].includes(r.request().method()) &&
      new URL(r.url()).pathname.startsWith('/v1/cases/'),
  );
  await form.locator('button[type=submit]').click();
  return (await answer).status();
}

/** A date and time some seconds ahead, as typed into a datetime-local field in Tokyo. */
function tokyoLocal(secondsAhead: number): string {
  const t = new Date(Date.now() + secondsAhead * 1000 + 9 * 3600_000);
  return t.toISOString().slice(0, 19);
}

/**
 * The case's diagram at plan consent: the open step marked on the drawing and written out, the
 * meeting it came from done, the drawing moved by keyboard; then back to the case page.
 */
async function seeDiagram(page: Page) {
  await page.getByRole('link', { name: 'プロセス図で進み具合を見る' }).click();
  await page.getByRole('heading', { name: /プロセス図/, level: 1 }).waitFor();
  expect(page.url()).toBe(`${consoleUrl}#/cases/${caseId}/diagram`);
  const diagram = page.getByTestId('case-diagram');
  const open = diagram.locator('.djs-shape.sss-open');
  await open.first().waitFor();
  expect(
    await open.evaluateAll((els) => els.map((e) => e.getAttribute('data-element-id'))),
  ).toEqual(['planConsent']);
  // The meeting (a call activity running the meeting child) is behind the case now.
  await diagram.locator('.djs-shape.sss-done[data-element-id="planMeeting"]').waitFor();
  // Its labels are in Japanese, and the open step is in the text for screen readers too.
  await expect(page.getByTestId('steps-open').textContent()).resolves.toBe(
    'プランへの本人同意（プラン申込み）',
  );
  await expect(page.getByRole('region', { name: '凡例' }).textContent()).resolves.toMatch(
    /期限超過.*対応中.*完了/,
  );
  // The zoom buttons (reached by Tab like any button) change the view.
  const viewport = () => diagram.locator('.viewport').first().getAttribute('transform');
  const before = await viewport();
  await page.getByRole('button', { name: '拡大' }).click();
  expect(await viewport()).not.toBe(before);
  await checkPage(page, '04c-case-diagram');
  await page.getByRole('link', { name: 'ケースに戻る' }).click();
  await page.getByRole('heading', { name: new RegExp(HOUSEHOLD), level: 1 }).waitFor();
}

describe('the case console', () => {
  it('lets a coordinator refer an 8050 case and carry it to plan consent, in Japanese', async () => {
    const page = await signedIn(USERS.coordinator.id);
    await checkPage(page, '01-my-work-coordinator');

    await page.getByRole('link', { name: 'ケースの受付' }).click();
    await page.getByRole('heading', { name: 'ケースの受付', level: 1 }).waitFor();
    await page.selectOption('#refer-programme', 'collaboration');
    await page.getByRole('group', { name: /分野/ }).getByLabel('高齢').check();
    await page.getByRole('group', { name: /課題/ }).getByLabel('8050').check();
    // Agencies are chosen from the municipality's register, not typed.
    await page.selectOption('#refer-referringAgency', AGENCY);
    await chooseAgency(page, 'refer', 'supportMeetingAgencies', AGENCY);
    await page.fill('#refer-householdName', HOUSEHOLD);
    await page.fill('#refer-summary', '80代の母と50代の長男。長男は長くひきこもり。');
    await checkPage(page, '02-referral');
    // The household's members at referral: a row each, its name field taking the focus.
    for (const [i, [name, relation, age]] of MEMBERS_AT_REFERRAL.entries()) {
      await page.getByRole('button', { name: '世帯員を加える' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`refer-members-${i}-name`);
      await page.keyboard.type(name);
      await page.selectOption(`#refer-members-${i}-relation`, relation);
      await page.fill(`#refer-members-${i}-age`, age);
    }
    await page.selectOption('#refer-members-1-isPerson', 'true');
    await checkPage(page, '19-referral-members');
    await page.getByRole('button', { name: 'ケースの受付' }).click();
    const link = page.getByRole('status').getByRole('link');
    caseId = (await link.textContent()) ?? '';
    await link.click();
    await page.getByRole('heading', { name: new RegExp(HOUSEHOLD), level: 1 }).waitFor();
    // No personal data in the address: the case page is named by its id only.
    expect(page.url()).toBe(`${consoleUrl}#/cases/${caseId}`);
    const members = page.getByRole('region', { name: '世帯員' });
    for (const [name, , age] of MEMBERS_AT_REFERRAL) {
      await members.locator('tbody tr', { hasText: name }).filter({ hasText: age }).waitFor();
    }
    expect(await members.locator('tbody tr', { hasText: '材木座 一郎' }).textContent()).toMatch(
      /息子.*はい/,
    );

    // A refused step is shown next to its field: the form says what is missing first.
    const consent = await taskForm(page, 'consent');
    await consent.locator('button[type=submit]').click();
    await expect(consent.locator('#form-consent-status-error').textContent()).resolves.toContain(
      '入力してください',
    );
    await checkPage(page, '03-case-consent');
    await page.selectOption('#form-consent-status', 'given');
    await submit(page, consent);

    const assessment = await taskForm(page, 'assessment');
    await page.fill('#form-assessment-summary', '母の介護と長男の就労・社会参加が課題。');
    await page.fill('#form-assessment-needs', '介護、就労');
    await submit(page, assessment);

    const plan = await taskForm(page, 'plan');
    await page.fill('#form-plan-goals', '母の介護サービス利用と長男の居場所づくり');
    await chooseAgency(page, 'form-plan', 'agencies', AGENCY);
    // Seconds, so that monitoring falls due while the suite runs.
    await page.fill('#form-plan-monitoringInterval', 'PT5S');
    await page.fill('#form-plan-contactInterval', 'P2M');
    await checkPage(page, '04-case-plan');
    await submit(page, plan);

    // The meeting: scheduled for tomorrow, called off, scheduled again, moved to seconds ahead.
    let schedule = await taskForm(page, 'meeting.schedule');
    await page.fill('#form-meeting-schedule-scheduledAt', tokyoLocal(86_400));
    await chooseAgency(page, 'form-meeting-schedule', 'attendees', AGENCY);
    await submit(page, schedule);
    await page.locator('summary', { hasText: /^会議を取りやめる$/ }).click({ timeout: 60_000 });
    await submit(page, page.locator('#form-meeting-cancel'));
    schedule = await taskForm(page, 'meeting.schedule');
    await page.fill('#form-meeting-schedule-scheduledAt', tokyoLocal(86_400));
    await chooseAgency(page, 'form-meeting-schedule', 'attendees', AGENCY);
    await submit(page, schedule);
    await page.locator('summary', { hasText: /^会議の日時を変更$/ }).click({ timeout: 60_000 });
    await checkPage(page, '04b-case-meeting');
    await page.fill('#form-meeting-reschedule-scheduledAt', tokyoLocal(8));
    await submit(page, page.locator('#form-meeting-reschedule'), { task: false });

    const outcome = await taskForm(page, 'meeting.outcome');
    await page.selectOption('#form-meeting-outcome-outcome', 'agreed');
    await page.fill('#form-meeting-outcome-approvedPlanVersion', '1');
    await submit(page, outcome);

    await taskForm(page, 'plan_consent');
    await seeDiagram(page);
    const planConsent = await taskForm(page, 'plan_consent');
    await page.selectOption('#form-plan_consent-agreed', 'true');
    await submit(page, planConsent);
    await page
      .getByRole('heading', { name: /モニタリング/, level: 3 })
      .waitFor({ timeout: 30_000 });
    const timeline = await page.getByRole('region', { name: '経過' }).textContent();
    expect(timeline).toContain(USERS.coordinator.id);
    await checkPage(page, '05-case-in-support');
    await page.context().close();
  });

  it('lets a manager find the overdue case, with its stuck-case filter and counts', async () => {
    const page = await signedIn(USERS.manager.id);
    await page.getByRole('link', { name: 'ケース一覧' }).click();
    await page.selectOption('#filter-overdue', 'true');
    const row = page.getByRole('link', { name: caseId, exact: true });
    for (let i = 0; i < 30 && !(await row.count()); i++) {
      await page.getByRole('button', { name: '検索' }).click();
      await page.waitForTimeout(2000);
    }
    await row.waitFor();
    await checkPage(page, '06-cases-overdue');

    await page.getByRole('link', { name: '滞留ケース' }).click();
    const section = page.getByRole('region', { name: /モニタリング期限超過（\d+件）/ });
    await section.getByRole('link', { name: caseId, exact: true }).waitFor();
    const temporal = await section
      .getByRole('link', { name: /Temporal Web UI/ })
      .first()
      .getAttribute('href');
    expect(temporal).toBe(
      `${process.env.E2E_TEMPORAL_UI_URL}/namespaces/default/workflows/case-${caseId}`,
    );
    await checkPage(page, '07-stuck-cases');

    await page.getByRole('link', { name: '統計' }).click();
    await page.getByRole('button', { name: '表示' }).click();
    await page.getByRole('img').first().waitFor();
    await checkPage(page, '08-statistics');
    await page.getByRole('button', { name: 'CSV をダウンロード' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /\.csv$/ }).click();
    const csv = fs.readFileSync((await (await download).path()) ?? '', 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(1);
    await page.context().close();
  });

  it('lets agency staff record a visit and a monitoring, and acknowledge a notice', async () => {
    const page = await signedIn(USERS.memberStaff.id);
    // The monitoring fell due seconds after plan consent; the staff are told, so it is theirs.
    const overdue = page.getByTestId('count-overdue');
    for (let i = 0; i < 30 && (await overdue.textContent()) === '0'; i++) {
      await page.waitForTimeout(2000);
      await page.getByRole('button', { name: '最新の状態にする' }).click();
      await page.getByRole('status').waitFor({ state: 'detached' });
    }
    expect(Number(await overdue.textContent())).toBeGreaterThan(0);
    await checkPage(page, '09-my-work-staff');
    await page
      .getByRole('link', { name: caseId.slice(0, 8) })
      .first()
      .click();

    await page.locator('summary', { hasText: /^連絡を記録$/ }).click();
    await page.selectOption('#form-contact-channel', 'visit');
    await page.fill('#form-contact-note', '自宅を訪問。長男と短く話せた。');
    await submit(page, page.locator('#form-contact'), { task: false });

    const monitoring = await taskForm(page, 'monitoring');
    await page.fill('#form-monitoring-note', '母はデイサービスに通い始めた。');
    await page.selectOption('#form-monitoring-next', 'continue');
    // With "continue" the next monitoring opens at once (the interval is seconds): same form.
    await submit(page, monitoring, { task: false });
    await page
      .getByRole('region', { name: '経過' })
      .getByText(USERS.memberStaff.id)
      .first()
      .waitFor();
    await checkPage(page, '10-case-staff');

    await page.getByRole('link', { name: '通知' }).click();
    await page.getByRole('heading', { name: '通知', level: 1 }).waitFor();
    const button = page.getByRole('button', { name: '確認済みにする' });
    await button.first().waitFor({ timeout: 60_000 });
    await checkPage(page, '11-inbox');
    // Notices keep coming (the monitoring falls due every few seconds): follow this one's row.
    const row = page.locator('tbody tr').filter({ has: button }).first();
    const acknowledge = row.getByRole('button', { name: '確認済みにする' });
    const told = ((await row.textContent()) ?? '').replace('確認済みにする', '');
    const rowsLikeIt = () => page.locator('tbody tr', { hasText: told }).count();
    const before = await rowsLikeIt();
    await acknowledge.click();
    for (let i = 0; i < 20 && (await rowsLikeIt()) >= before; i++) {
      await page.waitForTimeout(250);
    }
    expect(await rowsLikeIt()).toBeLessThan(before);
    await page.context().close();
  });

  it('lets a coordinator find the case by household name and keep its notes and members', async () => {
    const page = await signedIn(USERS.coordinator.id);
    await page.getByRole('link', { name: 'ケース一覧' }).click();
    await page.getByRole('heading', { name: 'ケース一覧', level: 1 }).waitFor();
    // Blanks of either width and the letters' width do not matter: the name as typed in a hurry.
    await page.fill('#filter-household', '材木座８０５０');
    await page.getByRole('button', { name: '検索' }).click();
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: caseId }) });
    await row.waitFor();
    expect(await row.textContent()).toContain(HOUSEHOLD);
    await checkPage(page, '13-cases-household-search');
    await page.fill('#filter-household', '該当のない世帯名');
    await page.getByRole('button', { name: '検索' }).click();
    await page.getByRole('region', { name: /ケース一覧（0件）/ }).waitFor();

    await page.evaluate((hash) => (location.hash = hash), `#/cases/${caseId}`);
    await page.getByRole('heading', { name: new RegExp(HOUSEHOLD), level: 1 }).waitFor();
    // 支援記録: a note sent empty is refused next to its field; a written one is listed with its writer.
    const note = page.locator('#form-note');
    await note.locator('button[type=submit]').click();
    expect(await page.locator('#form-note-text-error').textContent()).toContain('入力してください');
    expect(await page.locator('#form-note-text').getAttribute('aria-invalid')).toBe('true');
    const text = '長男から電話。面談の日程を相談したいとのこと。';
    await page.fill('#form-note-text', text);
    expect(await send(page, note)).toBe(201);
    const notes = page.getByRole('list', { name: '支援記録' });
    await notes.getByText(text).waitFor();
    expect(await notes.locator('li').first().textContent()).toContain(USERS.coordinator.id);
    await checkPage(page, '14-case-notes');

    // 世帯員: a member added with the day they joined, changed, then ended; an end before the start is refused.
    await page.locator('summary', { hasText: /^世帯員を加える$/ }).click();
    await page.fill('#form-member-add-name', '材木座 花子');
    await page.selectOption('#form-member-add-relation', 'mother');
    await page.fill('#form-member-add-age', '82');
    await page.fill('#form-member-add-from', '2026-04-01');
    await checkPage(page, '15-case-member-add');
    expect(await send(page, page.locator('#form-member-add'))).toBe(201);
    const members = page.getByRole('region', { name: '世帯員' });
    const member = members.locator('tbody tr', { hasText: '材木座 花子' });
    await member.waitFor();
    expect(await member.textContent()).toContain('母');
    const change = members.locator('details', { hasText: /材木座 花子（母）/ });
    await change.locator('summary').click();
    const changeForm = change.locator('form[id$="-change"]');
    const changeId = await changeForm.getAttribute('id');
    expect(await page.locator(`#${changeId}-name`).inputValue()).toBe('材木座 花子');
    await page.fill(`#${changeId}-age`, '83');
    expect(await send(page, changeForm)).toBe(200);
    await member.filter({ hasText: '83' }).waitFor();
    const end = change.locator('form[id$="-end"]');
    const endId = await end.getAttribute('id');
    await page.fill(`#${endId}-to`, '2026-03-31');
    expect(await send(page, end)).toBe(400);
    expect(await page.locator(`#${endId}-to-error`).textContent()).toContain(
      'must not be before from',
    );
    await page.fill(`#${endId}-to`, '2026-11-30');
    expect(await send(page, end)).toBe(200);
    await member.filter({ hasText: '令和8年4月1日 〜 令和8年11月30日' }).waitFor();
    expect(await member.textContent()).toContain('離脱');
    await checkPage(page, '16-case-members');
    await page.context().close();
  });

  it('lets a coordinator print the plan and the summary, and hand the case to another coordinator and office', async () => {
    const page = await signedIn(USERS.coordinator.id);
    await page.evaluate((hash) => (location.hash = hash), `#/cases/${caseId}`);
    await page.getByRole('heading', { name: new RegExp(HOUSEHOLD), level: 1 }).waitFor();
    for (const name of ['プラン兼利用申込書（PDF）', 'ケースの概要（PDF）']) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`-${caseId}\\.pdf$`));
      const pdf = fs.readFileSync((await file.path()) ?? '');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page
        .getByRole('status')
        .filter({ hasText: `${name}をダウンロードしました` })
        .waitFor();
    }
    await checkPage(page, '17-case-printouts');

    // 担当替え: someone who never coordinated here is refused next to the field; a colleague takes it.
    await page.locator('summary', { hasText: /^担当コーディネーターを替える/ }).click();
    const reassign = page.locator('#form-reassign');
    await page.fill('#form-reassign-coordinator', 'nobody-here');
    await page.fill('#form-reassign-reason', '担当者の異動のため');
    expect(await send(page, reassign)).toBe(400);
    expect(await page.locator('#form-reassign-coordinator-error').textContent()).toContain(
      'coordinator',
    );
    const colleague: TokenSubject = { ...USERS.coordinator, id: 'coord-2' };
    const seen = await fetch(`${product.baseUrl}/v1/cases?limit=1`, {
      headers: { authorization: `Bearer ${await tokenFor(colleague)}` },
    });
    expect(seen.status).toBe(200);
    await page.fill('#form-reassign-coordinator', colleague.id);
    expect(await send(page, reassign)).toBe(200);
    const household = page.getByRole('region', { name: '世帯' });
    await household.getByText(colleague.id, { exact: true }).waitFor();

    // 移管: the office is chosen from the register; the one the case is with already is a 409.
    await page.locator('summary', { hasText: /^別の窓口へ移管する$/ }).click();
    const transfer = page.locator('#form-transfer');
    await page.selectOption('#form-transfer-agency', 'jiritsu-kamakura');
    await page.fill('#form-transfer-reason', '生活困窮の相談が中心になったため');
    await checkPage(page, '18-case-transfer');
    expect(await send(page, transfer)).toBe(200);
    await household.getByText('jiritsu-kamakura', { exact: true }).waitFor();
    await page.selectOption('#form-transfer-agency', 'jiritsu-kamakura');
    await page.fill('#form-transfer-reason', 'もう一度');
    expect(await send(page, transfer)).toBe(409);
    await transfer.getByRole('alert').waitFor();
    await page.context().close();
  });

  it('lets a coordinator reopen a closed case with its reason, and offers it on no open case', async () => {
    // Closed through the API: in support, then ended at a multi-layered meeting.
    const http = httpClient(product.baseUrl);
    const coordinator = await tokenFor(USERS.coordinator);
    const steps = caseSteps(http, coordinator);
    const closed = await steps.inSupport('P1M', 'P2M');
    await steps.act(closed, 'termination-request', { reason: '目標達成' });
    await steps.waitUntilOpen(closed, 'schedule');
    await steps.act(closed, 'meeting/schedule', {
      scheduledAt: new Date(Date.now() + 3000).toISOString(),
      attendees: [AGENCY],
    });
    await steps.waitUntilOpen(closed, 'recordOutcome');
    await steps.act(closed, 'meeting/outcome', { outcome: 'agreed', decision: '終結' });
    await until('the case to close', async () => {
      const res = await http.get(`/v1/cases/${closed}`, coordinator);
      return res.body.workflow?.status === 'COMPLETED' ? true : undefined;
    });

    const page = await signedIn(USERS.coordinator.id);
    await page.evaluate((hash) => (location.hash = hash), `#/cases/${caseId}`);
    await page.getByRole('heading', { name: new RegExp(HOUSEHOLD), level: 1 }).waitFor();
    expect(await page.locator('#form-reopen').count()).toBe(0);
    await page.evaluate((hash) => (location.hash = hash), `#/cases/${closed}`);
    const reopen = page.locator('#form-reopen');
    await reopen.waitFor();
    await checkPage(page, '23-case-reopen');
    // The timeline says when the meetings were, in Tokyo's calendar, never as a raw instant.
    const timeline = page.getByRole('region', { name: '経過' });
    await timeline.getByText('会議の案内').first().waitFor();
    expect(await timeline.textContent()).toMatch(/日時: 令和\d+年/);
    expect(await page.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
    await page.fill('#form-reopen-reason', '父の入院で状況が変化');
    expect(await send(page, reopen)).toBe(200);
    await page.locator('h1', { hasText: 'アセスメント' }).waitFor();
    expect(await page.locator('#form-reopen').count()).toBe(0);
    const reopened = await http.get(`/v1/cases/${closed}`, coordinator);
    expect(reopened.body).toMatchObject({ status: 'open', stage: 'assessment' });
    expect(reopened.body.timeline.at(-1)).toMatchObject({
      event: 'reopened',
      recordedBy: USERS.coordinator.id,
    });
    await page.context().close();
  });

  it('keeps the token out of the browser’s storage and answers in English when asked', async () => {
    const page = await signedIn(USERS.coordinator.id);
    const stored = await page.evaluate(() => ({
      local: JSON.stringify(localStorage),
      session: JSON.stringify(sessionStorage),
      cookie: document.cookie,
    }));
    expect(stored).toEqual({ local: '{}', session: '{}', cookie: '' });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await checkPage(page, '12-my-work-english');
    await page.context().close();
  });

  it('shows another municipality’s manager the same “not found” as an unknown id, and an agency without a role a refusal', async () => {
    const cases = [
      {
        user: USERS.otherManager.id,
        known: 'ケースが見つかりません',
        unknown: 'ケースが見つかりません',
      },
      // In the case's own municipality the API answers 403; still nothing of the case is shown.
      { user: USERS.otherStaff.id, known: '権限がありません', unknown: 'ケースが見つかりません' },
    ];
    for (const { user, known, unknown } of cases) {
      const page = await signedIn(user);
      for (const [id, text] of [
        [caseId, known],
        [randomUUID(), unknown],
      ]) {
        await page.evaluate((hash) => (location.hash = hash), `#/cases/${id}`);
        await page.getByRole('alert').filter({ hasText: text }).waitFor();
        expect(await page.locator('main').textContent()).not.toContain(HOUSEHOLD);
      }
      await page.context().close();
    }
  });

  it('lets a manager set where an agency’s notices go, the API’s refusal next to the address', async () => {
    const page = await signedIn(USERS.manager.id);
    await page.getByRole('link', { name: '通知の宛先' }).click();
    await page.getByRole('heading', { name: '通知の宛先', level: 1 }).waitFor();
    await page.waitForFunction(
      () => !document.querySelector('main')?.textContent?.includes('読み込み中'),
    );
    await page.getByRole('region', { name: '届いていない通知（再送中）' }).waitFor();
    await page
      .locator(`#address-recipient option[value="${AGENCY}"]`)
      .waitFor({ state: 'attached' });
    await checkPage(page, '20-notice-addresses');
    const put = () =>
      page.waitForResponse(
        (r) =>
          r.request().method() === 'PUT' &&
          new URL(r.url()).pathname === '/v1/notifications/addresses',
      );
    const sendAddress = async (form: string) => {
      const answer = put();
      await page.locator(`#${form} button[type=submit]`).click();
      return (await answer).status();
    };
    const listed = async () => {
      const res = await fetch(`${product.baseUrl}/v1/notifications/addresses`, {
        headers: { authorization: `Bearer ${await tokenFor(USERS.manager)}` },
      });
      const all = (await res.json()) as { recipient: string; channel: string }[];
      return all.filter((a) => a.recipient === AGENCY && a.channel === 'email');
    };

    // An agency (from the register) by e-mail: an address that is none is the API's 400, at the field.
    expect(await page.locator('#address-recipientKind').inputValue()).toBe('agency');
    await page.selectOption('#address-recipient', AGENCY);
    await page.selectOption('#address-channel', 'email');
    await page.fill('#address-address', 'soudan-at-kamakura');
    expect(await sendAddress('address')).toBe(400);
    expect(await page.locator('#address-address-error').textContent()).toContain(
      'address must be an e-mail address for the email channel',
    );
    expect(await page.locator('#address-address').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, '21-notice-address-refused');
    expect(await listed()).toEqual([]);

    await page.fill('#address-address', 'soudan@kamakura.example.jp');
    expect(await sendAddress('address')).toBe(200);
    const list = page.getByRole('region', { name: '設定済みの宛先' });
    const row = list.locator('tbody tr', { hasText: AGENCY });
    await row.filter({ hasText: 'soudan@kamakura.example.jp' }).waitFor();
    expect(await row.textContent()).toContain(USERS.manager.id);
    expect(await listed()).toEqual([
      expect.objectContaining({
        recipientKind: 'agency',
        address: 'soudan@kamakura.example.jp',
        updatedBy: USERS.manager.id,
      }),
    ]);

    // Changed from its row: the same recipient and channel, a new address in its place.
    const change = list.locator('details', { hasText: AGENCY });
    await change.locator('summary').click();
    const changeForm = change.locator('form');
    const changeId = (await changeForm.getAttribute('id')) ?? '';
    expect(await page.locator(`#${changeId}-address`).inputValue()).toBe(
      'soudan@kamakura.example.jp',
    );
    await page.fill(`#${changeId}-address`, 'houkatsu@kamakura.example.jp');
    expect(await sendAddress(changeId)).toBe(200);
    await row.filter({ hasText: 'houkatsu@kamakura.example.jp' }).waitFor();
    expect(await listed()).toEqual([
      expect.objectContaining({ address: 'houkatsu@kamakura.example.jp' }),
    ]);
    await checkPage(page, '22-notice-address-changed');
    // Nothing typed reached the address bar.
    expect(page.url()).toBe(`${consoleUrl}#/addresses`);
    await page.context().close();
  });

  it('serves the console under its own policy, and refuses a sign-in code sent elsewhere', async () => {
    const res = await fetch(consoleUrl);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain(`connect-src 'self' ${new URL(signIn.tokenUrl).origin}`);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const config = await (await fetch(`${consoleUrl}config.json`)).json();
    expect(config).toMatchObject({ authorizeUrl: signIn.authorizeUrl, tokenUrl: signIn.tokenUrl });
    const elsewhere = new URL(signIn.authorizeUrl);
    elsewhere.search = new URLSearchParams({
      response_type: 'code',
      code_challenge_method: 'S256',
      code_challenge: 'x',
      redirect_uri: 'https://attacker.example/console/',
    }).toString();
    expect((await fetch(elsewhere)).status).toBe(400);
  });
});
