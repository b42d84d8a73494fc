import path from 'node:path';
import { Service, startService, waitFor } from '../../tools/dev/child-process';
import { REPO_ROOT } from '../../tools/dev/paths';
import { e2eEnvironment } from './product';

/** The API as its own process (apps/api/src/main.ts) on `port`, so that a test can SIGKILL it. */
export async function startApiProcess(
  name: string,
  taskQueue: string,
  port: number,
  overrides: Record<string, string> = {},
): Promise<Service> {
  const logFile = path.join(process.env.E2E_DIR ?? '', `${name}.log`);
  const service = startService(
    name,
    process.execPath,
    ['-r', '@swc-node/register', 'apps/api/src/main.ts'],
    logFile,
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...e2eEnvironment(taskQueue, { API_PORT: String(port), ...overrides }),
        SWC_NODE_PROJECT: path.join(REPO_ROOT, 'tsconfig.json'),
      },
    },
  );
  await waitFor(
    service,
    async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health/live`);
      if (!res.ok) throw new Error(`liveness ${res.status}`);
    },
    logFile,
    90_000,
  );
  return service;
}
