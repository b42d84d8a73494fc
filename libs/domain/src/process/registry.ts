import { contentHash } from './content-hash';
import { definitionKey, ProcessDefinition, withoutSchemaReference } from './definition';
import { expandDefinitions } from './overlay';
import {
  DefinitionCatalog,
  DefinitionProblem,
  formatProblem,
  validateDefinition,
} from './validate';

export class RegistryError extends Error {
  constructor(readonly problems: (DefinitionProblem & { definition: string })[]) {
    super(
      `invalid process definitions:\n${problems
        .map((p) => `  ${p.definition} ${formatProblem(p)}`)
        .join('\n')}`,
    );
  }
}

/** What a run needs, pinned: every definition it may call, with `latest` resolved now. */
export interface PinnedProcess {
  definitions: Record<string, ProcessDefinition>;
  root: string;
  bindings: Record<string, string>;
}

/**
 * What a run needs, pinned by reference: the key and content hash of every definition it may
 * call. The worker ships the released definitions; a run finds its own by key and hash there.
 */
export interface PinnedByHash {
  /** `id@version` → content hash (`sha256:…`) of the expanded definition. */
  pins: Record<string, string>;
  root: string;
  bindings: Record<string, string>;
}

/** A released definition as the worker ships it to the workflow code. */
export interface ShippedDefinition {
  hash: string;
  definition: ProcessDefinition;
}

/**
 * The definitions developers have released, by id and version. Versions are immutable once
 * released; a case pins its definitions at start, so releasing a new version never changes a
 * running case.
 */
export class DefinitionRegistry {
  private readonly byId = new Map<string, Map<number, ProcessDefinition>>();
  private readonly hashes = new Map<string, string>();

  /** Overlays among the released files are expanded here, so nothing downstream sees one. */
  constructor(released: readonly unknown[], catalog: Omit<DefinitionCatalog, 'definitions'>) {
    const expanded = expandDefinitions(released);
    if (expanded.problems.length) throw new RegistryError(expanded.problems);
    // What is pinned into a run is the definition alone, whether its file names a schema or not.
    const definitions = expanded.definitions.map(withoutSchemaReference);
    for (const def of definitions) {
      const versions = this.byId.get(def.id) ?? new Map<number, ProcessDefinition>();
      versions.set(def.version, def);
      this.byId.set(def.id, versions);
    }
    const known = { ...catalog, definitions: [...this.byId.keys()] };
    const problems = definitions.flatMap((def) =>
      validateDefinition(def, known).map((p) => ({ ...p, definition: definitionKey(def) })),
    );
    if (problems.length) throw new RegistryError(problems);
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }

  versions(id: string): number[] {
    return [...(this.byId.get(id)?.keys() ?? [])].sort((a, b) => a - b);
  }

  get(id: string, version?: number): ProcessDefinition {
    const versions = this.byId.get(id);
    const chosen = version ?? Math.max(...(versions?.keys() ?? []));
    const def = versions?.get(chosen);
    if (!def) throw new Error(`no process definition ${id}@${version ?? 'latest'}`);
    return def;
  }

  all(): ProcessDefinition[] {
    return this.ids().flatMap((id) => this.versions(id).map((v) => this.get(id, v)));
  }

  /** The content hash a run pins the definition by. */
  hash(key: string): string {
    let hash = this.hashes.get(key);
    if (!hash) {
      const [id, version] = key.split('@');
      hash = contentHash(this.get(id, Number(version)));
      this.hashes.set(key, hash);
    }
    return hash;
  }

  /** Every released definition with its hash, by key: what the worker ships to its workflows. */
  shipped(): Record<string, ShippedDefinition> {
    return Object.fromEntries(
      this.all().map((definition) => {
        const key = definitionKey(definition);
        return [key, { hash: this.hash(key), definition }] as const;
      }),
    );
  }

  /** Pins like pin(), by key and content hash instead of by copy: a few hundred bytes. */
  pinByHash(id: string, version?: number): PinnedByHash {
    const { definitions, root, bindings } = this.pin(id, version);
    const pins = Object.fromEntries(Object.keys(definitions).map((k) => [k, this.hash(k)]));
    return { pins, root, bindings };
  }

  /** Pins a definition (latest unless a version is asked for) and everything it calls. */
  pin(id: string, version?: number): PinnedProcess {
    const pinned: PinnedProcess = { definitions: {}, root: '', bindings: {} };
    const visit = (def: ProcessDefinition) => {
      const key = definitionKey(def);
      if (pinned.definitions[key]) return;
      pinned.definitions[key] = def;
      for (const call of callActivities(def.elements)) {
        const target = this.get(
          call.calledElement,
          call.version === 'latest' ? undefined : call.version,
        );
        pinned.bindings[`${call.calledElement}@${call.version}`] = definitionKey(target);
        visit(target);
      }
    };
    const root = this.get(id, version);
    visit(root);
    pinned.root = definitionKey(root);
    return pinned;
  }
}

function callActivities(elements: ProcessDefinition['elements']) {
  return elements.flatMap((el): { calledElement: string; version: 'latest' | number }[] =>
    el.type === 'callActivity' ? [el] : el.type === 'subProcess' ? callActivities(el.elements) : [],
  );
}
