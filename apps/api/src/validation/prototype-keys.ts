/**
 * Keys that name JavaScript's object machinery rather than a field. JSON.parse keeps them as
 * plain keys, but any later merge or copy may turn `__proto__` into a prototype change; no DTO
 * has such a field, so they are refused wherever they appear, naming where.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first prototype key in a parsed body or query (`members.0.__proto__`), or null. */
export function prototypeKeyPath(value: unknown, path = ''): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return at;
    const inner = prototypeKeyPath((value as Record<string, unknown>)[key], at);
    if (inner) return inner;
  }
  return null;
}
