import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseNetworks, WebhookTargets } from './webhook-targets';
import { WebhookChannel } from './webhook.channel';

describe('webhook targets', () => {
  const publicOnly = new WebhookTargets();

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://app.localhost./hook',
    'http://169.254.169.254/latest/meta-data',
    'http://10.1.2.3/',
    'http://172.20.0.1/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    // Other spellings of loopback that URL parsing turns into 127.0.0.1.
    'http://2130706433/',
    'http://0x7f.1/',
  ])('refuses %s', (url) => {
    expect(publicOnly.urlRefusal(url)).toMatch(/private, loopback or link-local/);
  });

  it.each(['https://hooks.example.com/x', 'http://203.0.113.7/', 'https://[2001:db8::1]/'])(
    'takes %s',
    (url) => expect(publicOnly.urlRefusal(url)).toBeUndefined(),
  );

  it('refuses what is not an http(s) URL', () => {
    expect(publicOnly.urlRefusal('file:///etc/passwd')).toMatch(/http\(s\) URL/);
    expect(publicOnly.urlRefusal('not a url')).toMatch(/http\(s\) URL/);
  });

  it('takes the networks a deployment allows, and only those', () => {
    const relay = new WebhookTargets('10.0.0.5/32,::1/128');
    expect(relay.urlRefusal('http://10.0.0.5/')).toBeUndefined();
    expect(relay.urlRefusal('http://[::1]/')).toBeUndefined();
    expect(relay.urlRefusal('http://10.0.0.6/')).toBeDefined();
  });

  it.each(['10.0.0.0', '10.0.0.0/33', 'x/8', '10.0.0.0/8/1', '::1/129'])(
    'names %s as no network',
    (value) => expect(() => parseNetworks(value)).toThrow(/is not a network/),
  );

  describe('when posting', () => {
    let server: http.Server;
    let port: number;
    let received = 0;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        received += 1;
        req.resume();
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const notice = {
      caseNumber: 'x',
      kind: 'overdue',
      taskName: 't',
    } as unknown as Parameters<WebhookChannel['send']>[0]['notice'];
    const secret = `whsec_${Buffer.alloc(24, 1).toString('base64')}`;

    it('refuses a name whose answer is loopback, at lookup, as a connection would ask', async () => {
      const lookup = (all: boolean) =>
        new Promise((resolve, reject) =>
          publicOnly.lookup('localhost', { all }, (error, address) =>
            error ? reject(error) : resolve(address),
          ),
        );
      await expect(lookup(true)).rejects.toThrow(/private, loopback or link-local/);
      await expect(lookup(false)).rejects.toThrow(/private, loopback or link-local/);
    });

    it('refuses to post to a loopback address, connecting nowhere', async () => {
      const channel = new WebhookChannel(secret, publicOnly);
      const before = received;
      await expect(
        channel.send({ dedupeKey: 'k', address: `http://127.0.0.1:${port}/`, notice }),
      ).rejects.toThrow(/private, loopback or link-local/);
      expect(received).toBe(before);
    });

    it('posts where the deployment allows it', async () => {
      const channel = new WebhookChannel(secret, new WebhookTargets('127.0.0.0/8'));
      const before = received;
      await channel.send({ dedupeKey: 'k', address: `http://localhost:${port}/`, notice });
      expect(received).toBe(before + 1);
    });
  });
});
