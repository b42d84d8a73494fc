import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

export interface Service {
  name: string;
  process: ChildProcess;
  /** Resolves when the process has exited; never rejects. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts a long-running process whose output goes to a log file, and a way to stop it. */
export function startService(
  name: string,
  command: string,
  args: string[],
  logFile: string,
  options: SpawnOptions = {},
): Service {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { ...options, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  return {
    name,
    process: child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** Polls `probe` until it succeeds; fails naming the service and its log if it never does. */
export async function waitFor(
  service: Service,
  probe: () => Promise<unknown>,
  logFile: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) {
      throw new Error(`${service.name} exited with ${service.process.exitCode}; see ${logFile}`);
    }
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await service.stop();
  throw new Error(`${service.name} did not become ready: ${String(lastError)}; see ${logFile}`);
}
