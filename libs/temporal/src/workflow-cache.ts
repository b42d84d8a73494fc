import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

/**
 * The message of the eviction that tools/core-bridge/legacy-query-eviction.patch adds to
 * sdk-core. It is in the native binary exactly when the binary was built with the patch, so its
 * presence is how the worker knows which bridge it is about to load.
 */
const LEGACY_QUERY_EVICTION = 'Legacy query ran workflow code past the last workflow task';

/** Whether the core bridge the SDK loads evicts a run after a legacy query that ran its code. */
export function coreBridgeEvictsAfterLegacyQueries(binary = loadedBridgePath()): boolean {
  return readFileSync(binary).includes(LEGACY_QUERY_EVICTION);
}

/** The binary `@temporalio/core-bridge` loads (its untyped common.js finds it). */
function loadedBridgePath(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const common = require('@temporalio/core-bridge/common') as { getPrebuiltPath(): string };
  return common.getPrebuiltPath();
}

/**
 * Whether this runtime keeps AsyncLocalStorage stores in one context frame (Node 24) instead of
 * copying every enabled storage onto every new promise (Node 20's async hooks). Each cached run
 * enables a few storages, so on the hooks a cache of N runs cost N on each promise the workflow
 * thread made and N² bytes in all (docs/benchmarks.md, "What a cached run holds").
 */
export function asyncContextIsFramed(): boolean {
  const storage = new AsyncLocalStorage<number>();
  const promise = storage.run(1, () => Promise.resolve());
  storage.disable();
  return Object.getOwnPropertySymbols(promise).length === 0;
}

/** What the runtime the worker loads can do, as the cache needs it. */
export interface CacheRuntime {
  /** The core bridge has the fix (coreBridgeEvictsAfterLegacyQueries). */
  bridgeHasFix: boolean;
  /** AsyncLocalStorage costs nothing per storage (asyncContextIsFramed). */
  asyncContextIsFramed: boolean;
}

/**
 * What a cached case run holds in the worker's heap: 310 KiB measured for a new case on Node 24
 * (npm run bench:cache-memory; docs/benchmarks.md), with room for cases further on.
 */
export const CACHED_RUN_BYTES = 400 * 1024;

/**
 * Runs a worker caches unless told otherwise: as many as fill half of the workflow thread's heap
 * (V8's limit, which `--max-old-space-size` in NODE_OPTIONS raises), the rest left to everything
 * else. About 5,500 on the default heap of this 24 GiB machine (4.2 GiB).
 */
export function defaultCachedWorkflows(heapLimit = getHeapStatistics().heap_size_limit): number {
  return Math.floor(heapLimit / 2 / CACHED_RUN_BYTES);
}

/**
 * The worker's `maxCachedWorkflows`: what the operator set, or defaultCachedWorkflows(); never a
 * cache on a bridge without the fix, where a query can put a cached run ahead of its history
 * (docs/worker-failover.md), nor on a runtime where each cached run slows every other.
 */
export function workflowCacheSize(configured: number | undefined, runtime: CacheRuntime): number {
  const refusal = !runtime.bridgeHasFix
    ? 'the core bridge built with tools/core-bridge (make setup; docs/worker-failover.md): the prebuilt one lets a query break a cached case'
    : !runtime.asyncContextIsFramed
      ? `Node.js 24 (make setup installs it; this is ${process.version}): on older ones every cached run slows every promise of the others`
      : undefined;
  if (!refusal) return configured ?? defaultCachedWorkflows();
  if (configured !== undefined && configured > 0)
    throw new Error(`WORKER_CACHED_WORKFLOWS needs ${refusal}`);
  return 0;
}
