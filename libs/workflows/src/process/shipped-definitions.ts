import type { ProcessDefinition } from '@sss/domain';
import type { ProcessInput } from './process-messages';

/** The name the worker's bundler replaces with the released set (see libs/temporal). */
export const SHIPPED_DEFINITIONS_GLOBAL = '__SHIPPED_DEFINITIONS__';

/** Replaced at bundle time by an object literal: key → content hash and the definition's JSON. */
declare const __SHIPPED_DEFINITIONS__: Record<string, { hash: string; json: string }> | undefined;

interface Shipped {
  hash: string;
  definition: ProcessDefinition;
}

/**
 * The shipped definitions, parsed once per worker thread (the bundle preloads this module) and
 * frozen, so every run pinned to one shares it: parsed per run, they were a good part of what a
 * cached run held. Frozen because runs share them: a change by one would reach the others.
 */
const SHIPPED: Readonly<Record<string, Shipped>> = Object.fromEntries(
  Object.entries(typeof __SHIPPED_DEFINITIONS__ === 'undefined' ? {} : __SHIPPED_DEFINITIONS__).map(
    ([key, { hash, json }]) => [key, { hash, definition: deepFreeze(JSON.parse(json)) }],
  ),
);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The definitions a run is pinned to. A run started before pinning by hash carries them in its
 * input; a newer one names them by key and hash, and finds them in the set the worker shipped
 * with its bundle. A worker that lacks one fails the workflow task, naming the definition, and
 * the task is retried until a worker that has it picks it up: a run never falls back to
 * another definition than the one it started on.
 */
export function pinnedDefinition(input: ProcessInput, key: string): ProcessDefinition {
  if (input.definitions) {
    const carried = input.definitions[key];
    if (!carried) throw new Error(`process definition ${key} is not among the run's definitions`);
    return carried;
  }
  return shippedDefinition(input, key);
}

/** A pinned definition as the worker ships it, once its hash is checked. */
function shippedDefinition(input: ProcessInput, key: string): ProcessDefinition {
  const hash = input.pins?.[key];
  if (!hash) throw new Error(`process definition ${key} is not pinned by the run`);
  const found = SHIPPED[key];
  if (!found) {
    throw new Error(
      `this worker does not ship process definition ${key} (${hash}), which the run is pinned to: deploy a worker that releases it`,
    );
  }
  if (found.hash !== hash) {
    throw new Error(
      `this worker ships process definition ${key} as ${found.hash}, but the run is pinned to ${hash}: a released definition was edited`,
    );
  }
  return found.definition;
}

/** Fails the task at start when any definition the run may call is missing: early, not months on. */
export function checkPinned(input: ProcessInput): void {
  for (const key of Object.keys(input.pins ?? {})) shippedDefinition(input, key);
}

/** Whether the run is pinned by hash (started with every patch listed in LEAN_RUN_BASELINE). */
export function isPinnedByHash(input: ProcessInput): boolean {
  return !input.definitions && input.pins !== undefined;
}
