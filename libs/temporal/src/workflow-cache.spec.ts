import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  coreBridgeEvictsAfterLegacyQueries,
  DEFAULT_CACHED_WORKFLOWS,
  workflowCacheSize,
} from './workflow-cache';

describe('the worker’s workflow cache', () => {
  it('is on (as set, or our default) only with a bridge that has the fix', () => {
    expect(workflowCacheSize(undefined, true)).toBe(DEFAULT_CACHED_WORKFLOWS);
    expect(workflowCacheSize(500, true)).toBe(500);
    expect(workflowCacheSize(0, true)).toBe(0);
    expect(workflowCacheSize(undefined, false)).toBe(0);
    expect(workflowCacheSize(0, false)).toBe(0);
  });

  it('refuses a cache asked for on the prebuilt bridge, naming the setting', () => {
    expect(() => workflowCacheSize(500, false)).toThrow(/WORKER_CACHED_WORKFLOWS.*core bridge/);
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
