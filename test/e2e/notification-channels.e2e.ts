import http from 'node:http';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { MailSink, SinkMessage, startMailSink } from '../../tools/dev/mail-sink';
import { caseSteps, sleep, until } from './case-steps';
import { freePort } from './free-port';
import { httpClient, tokenFor } from './http';
import { Product, startProduct } from './product';
import { USERS } from './users';

/**
 * Notices leave the product by e-mail, into a real SMTP sink (MailDev, as `make up` runs it), and
 * by a signed webhook, through the delivery outbox; an SMTP outage delays them and shows as
 * failing deliveries, and recovery sends each exactly once. Each test gives its own agency the
 * addresses, so the counts are this test's only.
 */
let product: Product;
let api: ReturnType<typeof httpClient>;
let manager: string;
let steps: ReturnType<typeof caseSteps>;
let sink: MailSink;
let sinkOptions: Parameters<typeof startMailSink>[0];
const secret = `whsec_${randomBytes(24).toString('base64')}`;
const hooks: { verified: boolean; body: Record<string, unknown> }[] = [];
let hookServer: http.Server;
let hookUrl: string;

type Delivery = { caseId: string; kind: string; channel: string; status: string } & {
  attempts: number;
  lastError: string | null;
  recipient: string;
};

beforeAll(async () => {
  const dir = process.env.E2E_DIR ?? '';
  sinkOptions = {
    smtpPort: await freePort(),
    webPort: await freePort(),
    logFile: path.join(dir, 'maildev.log'),
    mailDirectory: path.join(dir, `mail-${randomUUID()}`),
  };
  sink = await startMailSink(sinkOptions);
  // A chat tool's end: it accepts a notice only with a valid Standard Webhooks signature.
  const verifier = new Webhook(secret);
  hookServer = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      let verified = true;
      try {
        verifier.verify(raw, req.headers as Record<string, string>);
      } catch {
        verified = false;
      }
      hooks.push({ verified, body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  const hookPort = await freePort();
  await new Promise<void>((resolve) => hookServer.listen(hookPort, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${hookPort}/hooks/notices`;

  product = await startProduct(`e2e-${randomUUID()}`, {
    SMTP_URL: sink.smtpUrl,
    WEBHOOK_SECRET: secret,
    // The signature-checking receiver runs on loopback, which a deployment must allow explicitly.
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
  });
  api = httpClient(product.baseUrl);
  manager = await tokenFor(USERS.manager);
  steps = caseSteps(api, await tokenFor(USERS.coordinator));
});
afterAll(async () => {
  await product?.stop();
  await sink?.service.stop();
  hookServer?.close();
});

async function setAddress(recipient: string, channel: string, address: string) {
  const res = await api.send('PUT', '/v1/notifications/addresses', manager, {
    recipientKind: 'agency',
    recipient,
    channel,
    address,
  });
  expect(res.status).toBe(200);
}

async function deliveriesOf(caseId: string): Promise<Delivery[]> {
  const res = await api.get('/v1/notifications/deliveries', manager);
  expect(res.status).toBe(200);
  return (res.body as Delivery[]).filter((d) => d.caseId === caseId);
}

const mailTo = async (address: string): Promise<SinkMessage[]> =>
  (await sink.messages()).filter((m) => m.to.some((t) => t.address === address));

describe('e-mail and webhook', () => {
  it("mails the meeting's invitation, the monitoring reminder and overdue notice to the sink and posts them signed, once each", async () => {
    await setAddress('sodan-carrot', 'email', 'carrot@example.jp');
    await setAddress('sodan-carrot', 'webhook', hookUrl);
    // The agency attends the plan meeting and is given the monitoring.
    const caseId = await steps.inSupport('PT3S', 'P2M', 'sodan-carrot');

    // The meeting is seconds ahead: its reminder comes at once, after the invitation.
    const sent = await until('eight deliveries sent', async () => {
      const rows = await deliveriesOf(caseId);
      return rows.length === 8 && rows.every((d) => d.status === 'sent') ? rows : undefined;
    });
    expect(sent.map((d) => `${d.kind}/${d.channel}`).sort()).toEqual([
      'event_reminder/email',
      'event_reminder/webhook',
      'invitation/email',
      'invitation/webhook',
      'overdue/email',
      'overdue/webhook',
      'reminder/email',
      'reminder/webhook',
    ]);
    const mails = await mailTo('carrot@example.jp');
    // In Japanese, also the names of the released versions' English-named elements.
    expect(mails.map((m) => m.subject).sort()).toEqual([
      expect.stringMatching(/^\[重層的支援\] ご案内: 会議の開催（日時 .+）$/),
      expect.stringMatching(/^\[重層的支援\] リマインダー: モニタリング（期限 .+）$/),
      expect.stringMatching(/^\[重層的支援\] 期限超過: モニタリング（期限 .+）$/),
      expect.stringMatching(/^\[重層的支援\] 開催前のお知らせ: 会議の開催（日時 .+）$/),
    ]);
    for (const mail of mails) {
      expect(mail.text).toContain(`ケース番号: ${caseId}`);
      // The household never leaves the product by mail.
      expect(mail.text).not.toContain('稲村');
    }
    const posted = hooks.filter((h) => h.body.caseId === caseId);
    expect(posted.map((h) => h.body.type).sort()).toEqual([
      'notice.event_reminder',
      'notice.invitation',
      'notice.overdue',
      'notice.reminder',
    ]);
    expect(posted.every((h) => h.verified)).toBe(true);
    // The overdue notice was staged by the process ahead of its time and sent from the store.
    const db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    try {
      const staged = await db.query(
        `SELECT status, delivery->'notice'->>'kind' AS kind FROM staged_notices WHERE case_id = $1`,
        [caseId],
      );
      expect(staged.rows).toContainEqual({ status: 'delivered', kind: 'overdue' });
    } finally {
      await db.end();
    }
  });

  it('tells the attending agency by mail when the meeting date is called off, and the meeting waits for a new one', async () => {
    await setAddress('sodan-kamakura-chiiki', 'email', 'chiiki@example.jp');
    const caseId = await steps.referred();
    await steps.act(caseId, 'consent', { status: 'given' });
    await steps.act(caseId, 'assessment', { summary: 's' });
    await steps.act(caseId, 'plan', {
      goals: 'g',
      agencies: ['sodan-kamakura-chiiki'],
      monitoringInterval: 'P1M',
      contactInterval: 'P2M',
    });
    await steps.waitUntilOpen(caseId, 'schedule');
    const scheduledAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await steps.act(caseId, 'meeting/schedule', {
      scheduledAt,
      attendees: ['sodan-kamakura-chiiki'],
    });
    await steps.act(caseId, 'meeting/cancel', {});
    await steps.waitUntilOpen(caseId, 'schedule');

    const mails = await until('invitation and call-off mailed', async () => {
      const got = await mailTo('chiiki@example.jp');
      return got.length === 2 ? got : undefined;
    });
    expect(mails.map((m) => m.subject).sort()).toEqual([
      expect.stringMatching(/^\[重層的支援\] お知らせ: 開催日の取消し$/),
      expect.stringMatching(/^\[重層的支援\] ご案内: 会議の開催（日時 .+）$/),
    ]);
    // Nothing more is called off: the process no longer waits for a date.
    const coordinator = await tokenFor(USERS.coordinator);
    const again = await api.post(`/v1/cases/${caseId}/meeting/cancel`, {}, coordinator);
    expect(again.status).toBe(409);
  });

  it('refuses an address that does not fit its channel, naming the field, and stores nothing', async () => {
    const res = await api.send('PUT', '/v1/notifications/addresses', manager, {
      recipientKind: 'agency',
      recipient: 'sodan-carrot',
      channel: 'email',
      address: hookUrl,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['address must be an e-mail address for the email channel']);
    const listed = await api.get('/v1/notifications/addresses', manager);
    expect(listed.body).toContainEqual(
      expect.objectContaining({
        recipient: 'sodan-carrot',
        channel: 'email',
        address: 'carrot@example.jp',
      }),
    );
    const coordinator = await tokenFor(USERS.coordinator);
    expect((await api.get('/v1/notifications/deliveries', coordinator)).status).toBe(403);
  });

  it.each(['http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/hook', 'http://[::1]/hook'])(
    'refuses the webhook %s on a network the deployment does not allow, and stores nothing',
    async (address) => {
      const res = await api.send('PUT', '/v1/notifications/addresses', manager, {
        recipientKind: 'agency',
        recipient: 'ssrf-probe',
        channel: 'webhook',
        address,
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([
        'address: the webhook host is on a private, loopback or link-local network',
      ]);
      const listed = await api.get('/v1/notifications/addresses', manager);
      expect(listed.body).not.toContainEqual(expect.objectContaining({ recipient: 'ssrf-probe' }));
    },
  );

  it('holds mail through an SMTP outage, shows it failing, and sends each exactly once after', async () => {
    await setAddress('sodan-traim', 'email', 'traim@example.jp');
    await sink.service.stop();
    const caseId = await steps.inSupport('PT3S', 'P2M', 'sodan-traim');

    const failing = await until('the four deliveries failing', async () => {
      const rows = await deliveriesOf(caseId);
      return rows.length === 4 && rows.every((d) => d.status === 'failing') ? rows : undefined;
    });
    for (const d of failing) {
      expect(d.lastError).toMatch(/ECONNREFUSED/);
      expect(d.attempts).toBeGreaterThanOrEqual(1);
    }
    const filtered = await api.get('/v1/notifications/deliveries?status=failing', manager);
    expect(filtered.body.filter((d: Delivery) => d.caseId === caseId)).toHaveLength(4);

    sink = await startMailSink(sinkOptions); // the same server comes back
    const sent = await until(
      'deliveries sent after recovery',
      async () => {
        const rows = await deliveriesOf(caseId);
        return rows.every((d) => d.status === 'sent') ? rows : undefined;
      },
      90_000,
    );
    expect(sent.every((d) => d.attempts >= 2 && d.lastError === null)).toBe(true);
    // Later retries of the same notices find them sent: nothing comes twice.
    await sleep(3000);
    const mails = await mailTo('traim@example.jp');
    expect(mails).toHaveLength(4);
    expect(new Set(mails.map((m) => m.headers['message-id'])).size).toBe(4);
  });
});
