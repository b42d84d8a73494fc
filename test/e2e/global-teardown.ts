import fs from 'node:fs';
import type { Service } from '../../tools/dev/child-process';

export default async function globalTeardown(): Promise<void> {
  for (const service of (globalThis as { e2eServices?: Service[] }).e2eServices ?? []) {
    await service.stop();
  }
  if (process.env.E2E_DIR) fs.rmSync(process.env.E2E_DIR, { recursive: true, force: true });
}
