import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  asyncContextIsFramed,
  coreBridgeEvictsAfterLegacyQueries,
  CACHED_RUN_BYTES,
  defaultCachedWorkflows,
  workflowCacheSize,
} from './workflow-cache';

describe('the worker’s workflow cache', () => {
  const ready = { bridgeHasFix: true, asyncContextIsFramed: true };
  const prebuilt = { bridgeHasFix: false, asyncContextIsFramed: true };
  const hooked = { bridgeHasFix: true, asyncContextIsFramed: false };

  it('is on (as set, or our default) only with the fixed bridge on a framed runtime', () => {
    expect(workflowCacheSize(undefined, ready)).toBe(defaultCachedWorkflows());
    expect(workflowCacheSize(500, ready)).toBe(500);
    expect(workflowCacheSize(0, ready)).toBe(0);
    for (const runtime of [prebuilt, hooked]) {
      expect(workflowCacheSize(undefined, runtime)).toBe(0);
      expect(workflowCacheSize(0, runtime)).toBe(0);
    }
  });

  it('fills half the heap by default, so a larger heap caches more', () => {
    const gib = 2 ** 30;
    expect(defaultCachedWorkflows(4 * gib)).toBe(Math.floor((2 * gib) / CACHED_RUN_BYTES));
    expect(defaultCachedWorkflows(8 * gib)).toBeGreaterThanOrEqual(
      2 * defaultCachedWorkflows(4 * gib),
    );
    expect(defaultCachedWorkflows(4 * gib)).toBeGreaterThan(5_000);
  });

  it('refuses a cache asked for where it would break or slow cases, naming what is missing', () => {
    expect(() => workflowCacheSize(500, prebuilt)).toThrow(/WORKER_CACHED_WORKFLOWS.*core bridge/);
    expect(() => workflowCacheSize(500, hooked)).toThrow(/WORKER_CACHED_WORKFLOWS.*Node\.js 24/);
  });

  it('runs on a runtime whose AsyncLocalStorage costs nothing per storage (make setup’s Node.js)', () => {
    expect(asyncContextIsFramed()).toBe(true);
  });

  it('tells a patched binary from the prebuilt one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bridge-'));
    const prebuilt = path.join(dir, 'prebuilt.node');
    const patched = path.join(dir, 'patched.node');
    writeFileSync(prebuilt, Buffer.from('\x7fELF…Query expired…'));
    writeFileSync(
      patched,
      Buffer.from('\x7fELF…Legacy query ran workflow code past the last workflow task…'),
    );
    expect(coreBridgeEvictsAfterLegacyQueries(prebuilt)).toBe(false);
    expect(coreBridgeEvictsAfterLegacyQueries(patched)).toBe(true);
  });

  it('finds the fix in the bridge this checkout loads (make setup builds it)', () => {
    expect(coreBridgeEvictsAfterLegacyQueries()).toBe(true);
  });
});
