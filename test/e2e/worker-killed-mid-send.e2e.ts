import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { workflowBundle } from '../../libs/workflows/test/time-skipping';
import type { Service } from '../../tools/dev/child-process';
import { caseSteps, sleep, until } from './case-steps';
import { freePort } from './free-port';
import { httpClient, tokenFor } from './http';
import { Product, startProduct } from './product';
import { USERS } from './users';
import { startWorkerProcess } from './worker-process';

/**
 * The worker is a real process (apps/worker/src/main.ts) killed with SIGKILL while it is in the
 * middle of mailing one of the plan meeting's notices (its invitation, or the reminder a meeting
 * this close gets at once) to its attending agency: the SMTP server has the message's data but
 * has not answered. A new worker takes over; that message arrives exactly once, and the other
 * notices, the monitoring reminder and overdue notice that fell due meanwhile too.
 */
const taskQueue = `e2e-${randomUUID()}`;
const AGENCY = 'sodan-kamakura-chiiki';
const ADDRESS = 'chiiki@example.jp';
let product: Product;
let smtp: SMTPServer;
let smtpUrl: string;
let bundlePath: string;
const received: { messageId: string; to: string[] }[] = [];
let stallFirst = true;
let stalledId = '';
let markStalled: () => void;
const stalled = new Promise<void>((resolve) => (markStalled = resolve));

function startWorker(name: string): Service {
  return startWorkerProcess(name, taskQueue, {
    SMTP_URL: smtpUrl,
    WORKFLOW_BUNDLE_PATH: bundlePath,
  });
}

beforeAll(async () => {
  // An SMTP server that takes the first message's data and never answers it; the rest it keeps.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        const messageId = /^message-id:\s*(.+)$/im.exec(raw)?.[1].trim() ?? '';
        if (stallFirst) {
          stallFirst = false;
          stalledId = messageId;
          markStalled();
          return; // no reply: the sender is mid-send until it dies
        }
        received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${port}`;
  bundlePath = path.join(process.env.E2E_DIR ?? '', `bundle-${randomUUID()}.js`);
  fs.writeFileSync(bundlePath, (await workflowBundle()).code);
  product = await startProduct(taskQueue, {}, { withWorker: false });
});
afterAll(async () => {
  await product?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

it('loses nothing and sends nothing twice when the worker is killed mid-send', async () => {
  const api = httpClient(product.baseUrl);
  const manager = await tokenFor(USERS.manager);
  const put = await api.send('PUT', '/v1/notifications/addresses', manager, {
    recipientKind: 'agency',
    recipient: AGENCY,
    channel: 'email',
    address: ADDRESS,
  });
  expect(put.status).toBe(200);

  const first = startWorker('worker-1');
  const steps = caseSteps(api, await tokenFor(USERS.coordinator));
  const caseId = await steps.inSupport('PT3S', 'P2M', AGENCY);
  await stalled; // the invitation's data is at the server, unanswered
  first.process.kill('SIGKILL');
  await first.exited;
  expect(stalledId).not.toBe('');

  const second = startWorker('worker-2');
  try {
    type Row = { caseId: string; kind: string; status: string; attempts: number };
    // The killed attempt's heartbeats stop: it is given up within seconds, and its send's lease
    // runs out soon after, then the send is retried.
    const rows = await until(
      'all four deliveries sent',
      async () => {
        const res = await api.get('/v1/notifications/deliveries', manager);
        const mine = (res.body as Row[]).filter((d) => d.caseId === caseId);
        return mine.length === 4 && mine.every((d) => d.status === 'sent') ? mine : undefined;
      },
      150_000,
    );
    expect(rows.map((d) => [d.kind, d.status]).sort()).toEqual([
      ['event_reminder', 'sent'],
      ['invitation', 'sent'],
      ['overdue', 'sent'],
      ['reminder', 'sent'],
    ]);
    // The send the kill cut short took a second attempt. The meeting's reminder goes out with its
    // invitation (it is less than a working day ahead), so the kill may cut both short; none took
    // more, and each still reached the mailbox once (below).
    const attempts = rows.map((d) => d.attempts);
    expect(attempts.filter((a) => a === 2).length).toBeGreaterThanOrEqual(1);
    expect(attempts.every((a) => a <= 2)).toBe(true);
    await sleep(2000);
    const mine = received.filter((m) => m.to.includes(ADDRESS));
    expect(mine).toHaveLength(4);
    expect(new Set(mine.map((m) => m.messageId)).size).toBe(4);
    expect(mine.filter((m) => m.messageId === stalledId)).toHaveLength(1);
  } finally {
    await second.stop();
  }
}, 240_000);
