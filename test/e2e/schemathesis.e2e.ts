import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS_DIR } from './browser';
import { tokenFor } from './http';
import { Product, startProduct } from './product';
import { KAMAKURA } from './users';

/**
 * Schemathesis (pinned in tools/schemathesis-requirements.txt) fuzzes every operation from the
 * running API's own OpenAPI document with a coordinator's token, valid and invalid inputs alike:
 * no input may give a 5xx, and every status must be one the document declares. Bounded in time
 * and seeded, so a failure reproduces; its report names the operation and the input.
 */
const SCHEMATHESIS = path.join(__dirname, '../../.tools/venv/bin/schemathesis');
const MAX_SECONDS = 120;

let product: Product;
beforeAll(async () => {
  // The fuzzer sends thousands of requests from one caller; the limit is tested elsewhere.
  product = await startProduct(`e2e-${randomUUID()}`, { RATE_LIMIT_PER_MINUTE: '1000000' });
});
afterAll(async () => {
  await product?.stop();
});

it(
  'finds no server error and no undeclared status in any operation',
  async () => {
    const token = await tokenFor({
      id: 'coord-fuzz',
      roles: ['coordinator'],
      municipality: KAMAKURA,
    });
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const report = path.join(ARTIFACTS_DIR, 'schemathesis.txt');
    const args = [
      'run',
      `${product.baseUrl}/docs/json`,
      `--url=${product.baseUrl}`,
      '--checks=not_a_server_error,status_code_conformance',
      `--header=Authorization: Bearer ${token}`,
      '--max-examples=25',
      `--max-time=${MAX_SECONDS}`,
      '--seed=13',
      '--workers=1',
      '--request-timeout=20',
      '--no-color',
    ];
    const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
      // Its working files (.schemathesis/, Hypothesis' example database) stay in the run's folder.
      const child = spawn(SCHEMATHESIS, args, {
        cwd: process.env.E2E_DIR,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (text += d.toString()));
      child.on('close', (code) => resolve({ code, text }));
    });
    fs.writeFileSync(report, output.text.replaceAll(token, '<token>'));
    if (output.code !== 0)
      throw new Error(
        `schemathesis failed (report: ${report}):\n${output.text.replaceAll(token, '<token>').slice(-6000)}`,
      );
  },
  (MAX_SECONDS + 60) * 1000,
);
