import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { processCli } from './process-cli';

/** A stand-in for the API on loopback: it records the request and gives a fixed answer. */
async function fakeApi(status: number, answer: object) {
  const seen: { url?: string; auth?: string; body?: unknown } = {};
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      Object.assign(seen, {
        url: req.url,
        auth: req.headers.authorization,
        body: JSON.parse(data),
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('process migrate', () => {
  const tokenFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-')), 'token');
  fs.writeFileSync(tokenFile, 'admin-token\n');

  it('asks the API for a dry run with the mapping and the cases, and prints what each case would do', async () => {
    const api = await fakeApi(200, {
      dryRun: true,
      target: 'collaboration@2',
      cases: [
        { id: 'c1', from: 'collaboration@1', canMove: true, moved: false, reasons: [] },
        { id: 'c2', from: null, canMove: false, moved: false, reasons: ['no such case'] },
      ],
    });
    const out: string[] = [];
    await processCli({ out: (t) => out.push(t), err: (t) => out.push(t) }).parseAsync(
      [
        'migrate',
        '--api',
        api.url,
        '--token-file',
        tokenFile,
        '--to',
        'collaboration@2',
        '--map',
        'intake=interview',
        '--cases',
        'c1',
        'c2',
      ],
      { from: 'user' },
    );
    await api.close();
    expect(api.seen).toEqual({
      url: '/v1/admin/migrations',
      auth: 'Bearer admin-token',
      body: {
        definition: 'collaboration',
        version: 2,
        mapping: { intake: 'interview' },
        caseIds: ['c1', 'c2'],
        dryRun: true,
      },
    });
    expect(out.join('')).toBe(
      'c1\tcollaboration@1 -> collaboration@2\tcan move\nc2\t- -> collaboration@2\tstays: no such case\n',
    );
  });

  it('applies with --apply, and says what the API refused', async () => {
    const api = await fakeApi(403, {
      statusCode: 403,
      message: 'only administrators migrate cases',
    });
    const cli = processCli({ out: () => undefined, err: () => undefined });
    await expect(
      cli.parseAsync(
        [
          'migrate',
          '--api',
          api.url,
          '--token-file',
          tokenFile,
          '--to',
          'collaboration@2',
          '--running-on',
          'collaboration@1',
          '--apply',
        ],
        { from: 'user' },
      ),
    ).rejects.toThrow('the API refused the migration (403): "only administrators migrate cases"');
    await api.close();
    expect(api.seen.body).toMatchObject({
      filter: { runningOn: 'collaboration@1' },
      dryRun: false,
    });
  });
});
