import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { TokenSubject } from '../../tools/dev/dev-issuer';
import { MailSink, SinkMessage, startMailSink } from '../../tools/dev/mail-sink';
import { caseSteps, sleep, until } from './case-steps';
import { freePort } from './free-port';
import { httpClient, Reply, tokenFor } from './http';
import { Product, startProduct } from './product';
import { KASHIWA, USERS } from './users';

/**
 * A case changing hands through the running API: to another coordinator (担当替え), whose inbox
 * then gets the case's notices instead of the first one's, and to another office (移管), whose
 * staff then read it while the office it left no longer does. Each is told in the inbox and at
 * the address a manager set, once, by a real SMTP sink (MailDev).
 */
let product: Product;
let sink: MailSink;
let http: ReturnType<typeof httpClient>;
let steps: ReturnType<typeof caseSteps>;
const token = {} as Record<
  'first' | 'second' | 'manager' | 'staff' | 'jiritsu' | 'kikan' | 'kashiwa' | 'auditor',
  string
>;

const SECOND: TokenSubject = { ...USERS.coordinator, id: 'coord-2' };
const JIRITSU: TokenSubject = {
  ...USERS.otherStaff,
  id: 'staff-jiritsu',
  agency: 'jiritsu-kamakura',
};

type Notification = { caseId: string; kind: string; elementId: string; taskName: string | null };
const inbox = async (who: string, caseId: string): Promise<Notification[]> => {
  const res = await http.get('/v1/notifications', who);
  expect(res.status).toBe(200);
  return (res.body as Notification[]).filter((n) => n.caseId === caseId);
};
/** The mails to `address` about this case. */
const mailsAbout = async (address: string, caseId: string): Promise<SinkMessage[]> =>
  (await sink.messages()).filter(
    (m) => m.to.some((t) => t.address === address) && m.text.includes(caseId),
  );
const setAddress = async (recipientKind: 'person' | 'agency', recipient: string, address: string) =>
  expect(
    (
      await http.send('PUT', '/v1/notifications/addresses', token.manager, {
        recipientKind,
        recipient,
        channel: 'email',
        address,
      })
    ).status,
  ).toBe(200);
/** The one mail of the change: it says what happened and the case's number, nothing personal. */
const expectToldOnceByMail = async (address: string, caseId: string, subject: string) => {
  const [mail] = await until(`the change mailed to ${address}`, async () => {
    const got = await mailsAbout(address, caseId);
    return got.length > 0 ? got : undefined;
  });
  expect(mail.subject).toBe(subject);
  expect(mail.text).toContain(`ケース番号: ${caseId}`);
  expect(mail.text).not.toContain('稲村'); // the household
  await sleep(2000); // a second mail would have come by now
  expect(await mailsAbout(address, caseId)).toHaveLength(1);
  return mail;
};
const reassign = (id: string, body: object, who = token.first) =>
  http.post(`/v1/cases/${id}/assignment`, body, who);
const transfer = (id: string, body: object, who = token.first) =>
  http.post(`/v1/cases/${id}/transfer`, body, who);

beforeAll(async () => {
  const dir = process.env.E2E_DIR ?? '';
  sink = await startMailSink({
    smtpPort: await freePort(),
    webPort: await freePort(),
    logFile: path.join(dir, 'maildev-assignment.log'),
    mailDirectory: path.join(dir, `mail-${randomUUID()}`),
  });
  product = await startProduct(`e2e-${randomUUID()}`, { SMTP_URL: sink.smtpUrl });
  http = httpClient(product.baseUrl);
  token.first = await tokenFor(USERS.coordinator);
  token.second = await tokenFor(SECOND);
  token.manager = await tokenFor(USERS.manager);
  token.staff = await tokenFor(USERS.memberStaff);
  token.kikan = await tokenFor(USERS.otherStaff);
  token.jiritsu = await tokenFor(JIRITSU);
  token.auditor = await tokenFor(USERS.auditor);
  token.kashiwa = await tokenFor({
    id: 'coord-kashiwa',
    roles: ['coordinator'],
    municipality: KASHIWA,
  });
  steps = caseSteps(http, token.first);
  // The second coordinator has signed in and worked here: that is how the API knows its staff.
  expect((await http.get('/v1/cases', token.second)).status).toBe(200);
  expect((await http.get('/v1/cases', token.kashiwa)).status).toBe(200);
});
afterAll(async () => {
  await product?.stop();
  await sink?.service.stop();
});

describe('reassigning a case to another coordinator', () => {
  it("records both coordinators and who did it, tells the new one, and sends the case's notices to them from then on", async () => {
    await setAddress('person', SECOND.id, 'coord-2@example.jp');
    const id = await steps.referred();
    const res = await reassign(id, { coordinator: SECOND.id, reason: '担当地区の変更のため' });
    expect(res.status).toBe(200);
    expect(res.body.assignedCoordinator).toBe(SECOND.id);
    const entry = res.body.timeline.find((e: { event: string }) => e.event === 'case.reassigned');
    expect(entry).toMatchObject({
      recordedBy: USERS.coordinator.id,
      detail: { from: USERS.coordinator.id, to: SECOND.id },
    });
    // The reason is a case note (encrypted, attributed), named by the entry; not in the timeline.
    expect(JSON.stringify(res.body.timeline)).not.toContain('担当地区の変更');
    const notes = await http.get(`/v1/cases/${id}/notes`, token.second);
    expect(notes.body.notes).toContainEqual(
      expect.objectContaining({
        id: entry.detail.reasonNote,
        text: '担当地区の変更のため',
        writtenBy: USERS.coordinator.id,
      }),
    );
    const told = await expectToldOnceByMail(
      'coord-2@example.jp',
      id,
      '[重層的支援] 担当の引継ぎ: ケースの担当になりました',
    );
    expect(told.text).not.toContain('担当地区の変更'); // the reason is case data
    // The inbox row is the mail's: the new coordinator's only, not the old one's, not elsewhere.
    expect(await inbox(token.second, id)).toEqual([
      expect.objectContaining({ kind: 'assigned', taskName: '担当の引継ぎ' }),
    ]);
    expect(await inbox(token.first, id)).toEqual([]);
    expect(await inbox(token.kashiwa, id)).toEqual([]);
    // The list's coordinator filter reads the same row.
    const listedFor = async (coordinator: string) =>
      (await http.get(`/v1/cases?coordinator=${coordinator}`, token.first)).body.some(
        (c: { id: string }) => c.id === id,
      );
    await until('the case listed for its new coordinator', async () =>
      (await listedFor(SECOND.id)) ? true : undefined,
    );
    expect(await listedFor(USERS.coordinator.id)).toBe(false);

    // On to support with a contact interval of seconds: contact lost tells the coordinator.
    await steps.act(id, 'consent', { status: 'given' });
    await steps.act(id, 'assessment', { summary: 's' });
    await steps.act(id, 'plan', {
      goals: 'g',
      agencies: ['houkatsu-kamakura'],
      monitoringInterval: 'P1M',
      contactInterval: 'PT4S',
    });
    await steps.waitUntilOpen(id, 'schedule');
    await steps.act(id, 'meeting/schedule', {
      scheduledAt: new Date(Date.now() + 3000).toISOString(),
      attendees: ['houkatsu-kamakura'],
    });
    await steps.waitUntilOpen(id, 'recordOutcome');
    await steps.act(id, 'meeting/outcome', { outcome: 'agreed', approvedPlanVersion: 1 });
    await steps.act(id, 'plan-consent', { agreed: true });
    const lost = await until('the new coordinator told of lost contact', async () => {
      const found = (await inbox(token.second, id)).find((n) => n.elementId === 'contactOverdue');
      return found;
    });
    expect(lost.kind).toBe('event_notice');
    // The agency staff were told too, so the notice went out; the first coordinator got none.
    await until('the staff told of lost contact', async () =>
      (await inbox(token.staff, id)).find((n) => n.elementId === 'contactOverdue'),
    );
    expect(await inbox(token.first, id)).toEqual([]);
  }, 120_000);

  it('lets a manager reassign, and refuses others, a coordinator not of the municipality, the same one, and a case elsewhere', async () => {
    const id = await steps.referred();
    const body = { coordinator: SECOND.id, reason: '業務量の調整' };
    for (const who of [token.staff, token.auditor])
      expect((await reassign(id, body, who)).status).toBe(403);
    expect((await reassign(id, body, token.kashiwa)).status).toBe(404);
    expect((await reassign(randomUUID(), body)).status).toBe(404);
    for (const coordinator of ['coord-kashiwa', 'never-signed-in', USERS.memberStaff.id]) {
      const refused = await reassign(id, { ...body, coordinator });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toEqual([
        expect.stringMatching(/^coordinator: .* is no coordinator of the municipality/),
      ]);
    }
    const invalid = await reassign(id, { coordinator: SECOND.id });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body.message)).toContain('reason');
    const same = await reassign(id, { ...body, coordinator: USERS.coordinator.id });
    expect(same.status).toBe(409);
    expect(same.body.message).toBe(
      `reassignment is not possible: the case is already assigned to ${USERS.coordinator.id}`,
    );
    // Nothing changed by the refusals.
    const view = await http.get(`/v1/cases/${id}`, token.first);
    expect(view.body.assignedCoordinator).toBe(USERS.coordinator.id);
    expect(view.body.timeline.map((e: { event: string }) => e.event)).toEqual(['referred']);

    const byManager = await reassign(id, body, token.manager);
    expect(byManager.status).toBe(200);
    expect(byManager.body.timeline.at(-1)).toMatchObject({
      event: 'case.reassigned',
      recordedBy: USERS.manager.id,
    });
  });
});

describe('transferring a case to another office', () => {
  const read = (id: string, who: string): Promise<Reply> => http.get(`/v1/cases/${id}`, who);

  it('moves who may read it to the new office, tells that office, and keeps it in the municipality', async () => {
    await setAddress('agency', 'jiritsu-kamakura', 'jiritsu@example.jp');
    const id = await steps.referred();
    expect((await read(id, token.jiritsu)).status).toBe(403);
    expect((await read(id, token.kikan)).status).toBe(403);

    const first = await transfer(id, {
      agency: 'jiritsu-kamakura',
      reason: '就労支援が中心になるため',
    });
    expect(first.status).toBe(200);
    expect(first.body.responsibleAgency).toBe('jiritsu-kamakura');
    expect(first.body.timeline.at(-1)).toMatchObject({
      event: 'case.transferred',
      recordedBy: USERS.coordinator.id,
      detail: { from: null, to: 'jiritsu-kamakura' },
    });
    expect((await read(id, token.jiritsu)).status).toBe(200);
    const told = await expectToldOnceByMail(
      'jiritsu@example.jp',
      id,
      '[重層的支援] 担当窓口の移管: ケースが貴機関に移管されました',
    );
    expect(told.text).not.toContain('就労支援');
    expect(await inbox(token.jiritsu, id)).toEqual([
      expect.objectContaining({ kind: 'transferred', taskName: '担当窓口の移管' }),
    ]);
    expect(await inbox(token.kikan, id)).toEqual([]);

    const second = await transfer(id, { agency: 'kikan-soudan', reason: '相談窓口へ移管' });
    expect(second.status).toBe(200);
    expect(second.body.timeline.at(-1).detail).toMatchObject({
      from: 'jiritsu-kamakura',
      to: 'kikan-soudan',
    });
    expect((await read(id, token.kikan)).status).toBe(200);
    expect((await read(id, token.jiritsu)).status).toBe(403);
    // Coordinators and managers of the municipality read it whichever office has it.
    expect((await read(id, token.first)).status).toBe(200);
    expect((await read(id, token.manager)).status).toBe(200);
  });

  it('refuses another municipality, an unknown agency, the same office, and callers who may not', async () => {
    const id = await steps.referred();
    const elsewhere = await transfer(id, { agency: 'houkatsu-kashiwa', reason: '転居' });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.message).toContain('never transferred out of its municipality');
    const unknown = await transfer(id, { agency: 'nowhere', reason: '転居' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toEqual([
      expect.stringMatching(/^agency: 'nowhere' is no agency/),
    ]);
    expect((await transfer(id, { agency: 'kikan-soudan' })).status).toBe(400);
    expect((await transfer(id, { agency: 'kikan-soudan', reason: 'r' }, token.staff)).status).toBe(
      403,
    );
    expect(
      (await transfer(id, { agency: 'kikan-soudan', reason: 'r' }, token.kashiwa)).status,
    ).toBe(404);
    expect((await transfer(randomUUID(), { agency: 'kikan-soudan', reason: 'r' })).status).toBe(
      404,
    );
    const view = await read(id, token.first);
    expect(view.body.responsibleAgency).toBeNull();
    expect(view.body.timeline.map((e: { event: string }) => e.event)).toEqual(['referred']);

    expect((await transfer(id, { agency: 'kikan-soudan', reason: 'r' })).status).toBe(200);
    const again = await transfer(id, { agency: 'kikan-soudan', reason: 'r' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(
      'transfer is not possible: the case is already with kikan-soudan',
    );
  });
});
