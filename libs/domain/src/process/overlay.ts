import {
  definitionKey,
  DefinitionFile,
  FlowElement,
  isOverlay,
  ProcessDefinition,
  ProcessOverlay,
  SequenceFlow,
} from './definition';
import { structuralProblems } from './definition-structure';
import type { DefinitionProblem } from './validate';

/** A finding about one file of a set, named by the definition it releases. */
export type FileProblem = DefinitionProblem & { definition: string };

/** What a change may not touch: identity, and the contents a sub-process has (use add/remove). */
const FIXED = new Set(['id', 'type', 'elements', 'flows']);

/**
 * Expands every overlay of a set of definition files into the full definition, resolving each
 * `extends` within the set (an overlay may extend an overlay). Whatever the files hold, the
 * answer is findings, never an exception: a file of the wrong shape, a base that is not in the
 * set, a cycle of `extends`, an overlay naming an element its base does not have. The full
 * definitions still need `validateDefinition`: an overlay can be well-formed and its result not.
 */
export function expandDefinitions(files: readonly unknown[]): {
  definitions: ProcessDefinition[];
  problems: FileProblem[];
} {
  const problems: FileProblem[] = [];
  const byKey = new Map<string, DefinitionFile>();
  for (const file of files) {
    const shape = structuralProblems(file);
    const key = keyOf(file);
    if (shape.length) {
      problems.push(...shape.map((p) => ({ ...p, definition: key })));
    } else if (byKey.has(key)) {
      problems.push({
        definition: key,
        element: key,
        rule: 'duplicate-version',
        message: 'released twice',
      });
    } else {
      byKey.set(key, file as DefinitionFile);
    }
  }
  const expanded = new Map<string, ProcessDefinition | undefined>();
  const expanding = new Set<string>();
  const expand = (key: string): ProcessDefinition | undefined => {
    if (expanded.has(key)) return expanded.get(key);
    const file = byKey.get(key) as DefinitionFile;
    let result: ProcessDefinition | undefined;
    if (!isOverlay(file)) {
      result = file;
    } else {
      const base = definitionKey(file.extends);
      const report = (rule: string, message: string) =>
        problems.push({ definition: key, element: key, path: '/extends', rule, message });
      if (expanding.has(key)) {
        report('extends-cycle', `${key} extends itself through ${[...expanding].join(' → ')}`);
      } else if (!byKey.has(base)) {
        report('extends-unknown', `the base ${base} is not released`);
      } else {
        expanding.add(key);
        const from = expand(base);
        expanding.delete(key);
        if (from) {
          const applied = applyOverlay(from, file);
          problems.push(...applied.problems.map((p) => ({ ...p, definition: key })));
          result = applied.definition;
        } else if (!expanded.has(key)) {
          report('extends-invalid', `the base ${base} cannot be expanded (see its findings)`);
        }
      }
    }
    // A cycle reported from inside must not be overwritten by the outer, successful-looking pass.
    if (!expanded.has(key)) expanded.set(key, result);
    return expanded.get(key);
  };
  const definitions = [...byKey.keys()].flatMap((key) => {
    const def = expand(key);
    return def ? [def] : [];
  });
  return { definitions, problems };
}

/**
 * The full definition an overlay describes on the (full) definition it extends; problems name
 * the overlay's property that refers to something the base lacks.
 */
export function applyOverlay(
  base: ProcessDefinition,
  overlay: ProcessOverlay,
): { definition?: ProcessDefinition; problems: DefinitionProblem[] } {
  const problems: DefinitionProblem[] = [];
  const report = (element: string, path: string, rule: string, message: string) =>
    problems.push({ element, path, rule, message });
  // A deep copy: the base is a released definition that others share.
  const def = JSON.parse(JSON.stringify(base)) as ProcessDefinition;
  const owners = ownersOf(def);

  overlay.remove?.forEach((id, i) => {
    const owner = owners.get(id);
    if (!owner) {
      return report(
        id,
        `/remove/${i}`,
        'overlay-unknown-id',
        `${definitionKey(base)} has no element or flow ${id}`,
      );
    }
    const list = owner.list as { id: string }[];
    list.splice(
      list.findIndex((item) => item.id === id),
      1,
    );
    owners.delete(id);
  });

  for (const [id, patch] of Object.entries(overlay.change ?? {})) {
    const at = `/change/${escape(id)}`;
    const owner = owners.get(id);
    if (!owner) {
      report(id, at, 'overlay-unknown-id', `${definitionKey(base)} has no element or flow ${id}`);
      continue;
    }
    const fixed = Object.keys(patch).filter((key) => FIXED.has(key));
    if (fixed.length) {
      report(
        id,
        `${at}/${fixed[0]}`,
        'overlay-fixed-property',
        `${fixed.join(', ')} cannot be changed; remove the element and add another`,
      );
      continue;
    }
    const list = owner.list as unknown[];
    const index = list.findIndex((item) => (item as { id: string }).id === id);
    list[index] = mergePatch(list[index], patch);
  }

  overlay.add?.forEach((addition, i) => {
    const host = addition.in === undefined ? def : owners.get(addition.in)?.element;
    if (!host || (host !== def && (host as FlowElement).type !== 'subProcess')) {
      return report(
        addition.in ?? def.id,
        `/add/${i}/in`,
        'overlay-unknown-scope',
        `${definitionKey(base)} has no sub-process ${addition.in}`,
      );
    }
    const scope = host as { elements: FlowElement[]; flows: SequenceFlow[] };
    for (const [kind, items] of [
      ['elements', addition.elements ?? []],
      ['flows', addition.flows ?? []],
    ] as const) {
      items.forEach((item, j) => {
        if (owners.has(item.id)) {
          return report(
            item.id,
            `/add/${i}/${kind}/${j}`,
            'overlay-duplicate-id',
            `${item.id} is already in ${definitionKey(base)}; change it instead`,
          );
        }
        (scope[kind] as unknown[]).push(item);
        owners.set(item.id, { list: scope[kind], element: item as FlowElement });
      });
    }
  });

  for (const [name, declaration] of Object.entries(overlay.variables ?? {})) {
    if (declaration === null) delete def.variables[name];
    else define(def.variables, name, declaration);
  }
  if (problems.length) return { problems };
  const { variables, elements, flows } = def;
  return {
    definition: {
      id: overlay.id,
      version: overlay.version,
      name: overlay.name ?? def.name,
      ...((overlay.description ?? def.description) !== undefined
        ? { description: overlay.description ?? def.description }
        : {}),
      variables,
      elements,
      flows,
    },
    problems,
  };
}

interface Owner {
  list: unknown[];
  element?: FlowElement;
}

/** Every element and flow by id, with the list that holds it; ids are unique across scopes. */
function ownersOf(def: ProcessDefinition): Map<string, Owner> {
  const owners = new Map<string, Owner>();
  const visit = (elements: FlowElement[], flows: SequenceFlow[]) => {
    for (const el of elements) {
      if (!owners.has(el.id)) owners.set(el.id, { list: elements, element: el });
      if (el.type === 'subProcess') visit(el.elements, el.flows);
    }
    for (const flow of flows) if (!owners.has(flow.id)) owners.set(flow.id, { list: flows });
  };
  visit(def.elements, def.flows);
  return owners;
}

/** RFC 7396: objects merge key by key, null removes a key, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else define(result, key, mergePatch(result[key], value));
  }
  return result;
}

/** An own property even for `__proto__`, which the schema then refuses as unknown. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `id@version` of a file, or a placeholder for one too malformed to say. */
function keyOf(file: unknown): string {
  const f = file as { id?: unknown; version?: unknown } | null;
  return typeof f === 'object' &&
    f !== null &&
    typeof f.id === 'string' &&
    typeof f.version === 'number'
    ? definitionKey(f as { id: string; version: number })
    : 'definition';
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
