import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';

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
 * Runs a worker caches unless told otherwise. A cached case run holds 2 MB or more of the
 * workflow thread's heap, and the thread ran out of its 4 GB both with the SDK's default (2,311,
 * at about 1,800 cases) and with 1,000 (docs/benchmarks.md): until a run's footprint is known,
 * the default stays far below either.
 */
export const DEFAULT_CACHED_WORKFLOWS = 250;

/**
 * The worker's `maxCachedWorkflows`: what the operator set, or DEFAULT_CACHED_WORKFLOWS; never a
 * cache on a bridge without the fix, where a query can put a cached run ahead of its history
 * (docs/worker-failover.md), nor on a runtime where each cached run slows every other.
 */
export function workflowCacheSize(configured: number | undefined, runtime: CacheRuntime): number {
  const refusal = !runtime.bridgeHasFix
    ? 'the core bridge built with tools/core-bridge (make setup; docs/worker-failover.md): the prebuilt one lets a query break a cached case'
    : !runtime.asyncContextIsFramed
      ? `Node.js 24 (make setup installs it; this is ${process.version}): on older ones every cached run slows every promise of the others`
      : undefined;
  if (!refusal) return configured ?? DEFAULT_CACHED_WORKFLOWS;
  if (configured !== undefined && configured > 0)
    throw new Error(`WORKER_CACHED_WORKFLOWS needs ${refusal}`);
  return 0;
}
