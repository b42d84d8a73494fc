import { definitionKey, FlowElement, ProcessDefinition } from '@sss/domain';
// Not names-ja.json: resolvers that try .json before .ts (swc-node) would load it for this module.
import NAMES_TABLE from './names-ja-table.json';

/**
 * The Japanese name of an element of a released definition, for mail, inbox notices and the
 * case view. New versions carry `nameJa` themselves. Released files cannot change, so their
 * elements get it from, in order: the newest version of the same definition whose element of the
 * same id still has the same English name (the names are spelled once, in that version), or
 * `names-ja-table.json` (by definition id and element id) for definitions with no such version yet.
 */
export function japaneseNames(
  released: readonly ProcessDefinition[],
): (definition: string, elementId: string) => string | undefined {
  const table = new Map<string, string>();
  const newestFirst = [...released].sort((a, b) => b.version - a.version);
  const carried = new Map<string, string>();
  for (const def of newestFirst) {
    for (const el of elementsOf(def.elements)) {
      const key = `${def.id}/${el.id}/${el.name ?? ''}`;
      if (el.nameJa && !carried.has(key)) carried.set(key, el.nameJa);
    }
  }
  const explicit = NAMES_TABLE as Record<string, Record<string, string>>;
  for (const def of released) {
    for (const el of elementsOf(def.elements)) {
      const name =
        el.nameJa ??
        carried.get(`${def.id}/${el.id}/${el.name ?? ''}`) ??
        explicit[def.id]?.[el.id];
      if (name) table.set(`${definitionKey(def)}/${el.id}`, name);
    }
  }
  return (definition, elementId) => table.get(`${definition}/${elementId}`);
}

export function elementsOf(elements: FlowElement[]): FlowElement[] {
  return elements.flatMap((el) => [
    el,
    ...(el.type === 'subProcess' ? elementsOf(el.elements) : []),
  ]);
}
