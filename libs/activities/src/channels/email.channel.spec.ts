import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { EmailChannel } from './email.channel';

/** A mail server on a free port that counts the connections it is given and the mail. */
async function mailServer() {
  const seen = { connections: 0, open: 0, mail: [] as string[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onConnect(_session, callback) {
      seen.connections += 1;
      seen.open += 1;
      callback();
    },
    onClose() {
      seen.open -= 1;
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        seen.mail.push(session.envelope.rcptTo.map((r) => r.address).join(','));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { seen, url: `smtp://127.0.0.1:${port}`, close: () => server.close() };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('EmailChannel', () => {
  it('sends a burst of mail over a few kept connections, and lets them go when closed', async () => {
    const server = await mailServer();
    const channel = new EmailChannel(server.url, 'sss@example.test');
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          channel.send({
            dedupeKey: `k${i}`,
            address: `r${i}@example.test`,
            notice: {
              kind: 'overdue',
              caseId: 'c',
              elementId: 'monitor',
              taskName: 'モニタリング',
              dueAt: null,
              level: null,
            },
          }),
        ),
      );
      expect(server.seen.mail).toHaveLength(40);
      expect(new Set(server.seen.mail).size).toBe(40);
      // One connection a mail would be 40.
      expect(server.seen.connections).toBeLessThanOrEqual(8);
      channel.close();
      await until(() => server.seen.open === 0);
      expect(server.seen.open).toBe(0);
    } finally {
      channel.close();
      server.close();
    }
  });
});
