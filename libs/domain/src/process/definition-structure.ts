import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import type { DefinitionFile } from './definition';
import { definitionJsonSchema } from './definition-schema';
import type { DefinitionProblem } from './validate';

/**
 * Deeper than any definition needs (the released ones reach 11); bounds the recursion of the
 * schema check and of the semantic rules, so a deeply nested file is a finding, not a stack overflow.
 */
export const MAX_NESTING = 64;

let compiled: ValidateFunction<DefinitionFile> | undefined;

/** Compiled on first use: the domain library is loaded by workflow code, which never validates. */
function schemaValidator(): ValidateFunction<DefinitionFile> {
  compiled ??= new Ajv2020({
    allErrors: true,
    discriminator: true,
    verbose: true,
  }).compile<DefinitionFile>(definitionJsonSchema());
  return compiled;
}

/**
 * The ways a value is not a definition at all, each with its JSON pointer: unknown properties,
 * element and field types, missing properties, values of the wrong type. Empty when the value has
 * the definition's shape, so the semantic rules may rely on it.
 */
export function structuralProblems(input: unknown): DefinitionProblem[] {
  const tooDeep = firstBeyond(input, MAX_NESTING);
  if (tooDeep !== undefined) {
    return [problem(input, tooDeep, 'too-deep', `nested more than ${MAX_NESTING} levels deep`)];
  }
  const validate = schemaValidator();
  if (validate(input)) return [];
  const errors = validate.errors ?? [];
  // A union's own error says what was expected; the errors of its alternatives only repeat it.
  // (Ajv keeps an alternative's errors only when the whole union failed.) One entry per place in
  // the schema, however many values fail there, keeps this linear in the number of errors.
  const unions = [
    ...new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`)),
  ];
  return errors
    .filter((e) => e.keyword !== 'if') // only says which branch (overlay or not) failed
    .filter((e) => !unions.some((prefix) => e.schemaPath.startsWith(prefix)))
    .map((e) => explain(input, e));
}

function explain(input: unknown, e: ErrorObject): DefinitionProblem {
  const at = e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      const known = Object.keys((e.parentSchema?.properties as object) ?? {});
      return problem(
        input,
        `${at}/${escape(name)}`,
        'unknown-property',
        `unknown property ${show(name)}${suggestion(name, known)}; allowed here: ${known.join(', ')}`,
      );
    }
    case 'required': {
      const name = String(e.params.missingProperty);
      return problem(
        input,
        `${at}/${escape(name)}`,
        'missing-property',
        `${show(name)} is required`,
      );
    }
    case 'discriminator': {
      const branches = (e.parentSchema?.oneOf ?? []) as {
        properties: { type: { const: string } };
      }[];
      const types = branches.map((b) => b.properties.type.const);
      const value = e.params.tagValue as unknown;
      const message =
        e.params.error === 'mapping'
          ? `unknown element type ${show(value)}${suggestion(String(value), types)}`
          : `an element needs a type${value === undefined ? '' : `, not ${show(value)}`}`;
      return problem(
        input,
        `${at}/type`,
        'unknown-element-type',
        `${message}; the types are ${types.join(', ')}`,
      );
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as string[]).map(String);
      return problem(
        input,
        at,
        'unknown-value',
        `${show(e.data)} is not allowed${suggestion(String(e.data), allowed)}; allowed: ${allowed.join(', ')}`,
      );
    }
    case 'type':
      return problem(
        input,
        at,
        'wrong-type',
        `must be ${article(String(e.params.type))}, not ${show(e.data)}`,
      );
    case 'anyOf': {
      const alternatives = (e.schema as Record<string, unknown>[]).map(expected);
      return problem(
        input,
        at,
        'wrong-type',
        `must be ${alternatives.join(' or ')}, not ${show(e.data)}`,
      );
    }
    case 'maxLength':
      return problem(
        input,
        at,
        'too-long',
        `must be at most ${e.params.limit} characters long, not ${String(e.data).length}`,
      );
    case 'minimum':
      return problem(
        input,
        at,
        'out-of-range',
        `must be at least ${e.params.limit}, not ${show(e.data)}`,
      );
    default:
      return problem(
        input,
        at,
        'schema',
        `${e.message ?? 'does not fit the schema'}, not ${show(e.data)}`,
      );
  }
}

/** A problem at a JSON pointer, named after the element or flow it is in (or the definition). */
function problem(input: unknown, path: string, rule: string, message: string): DefinitionProblem {
  const element = enclosingElement(input, path);
  const where = element ? `in ${element}: ` : '';
  return {
    element: element ?? definitionName(input),
    path: path || '/',
    rule,
    message: `${where}${message}`,
  };
}

function enclosingElement(input: unknown, path: string): string | undefined {
  let node = input;
  let element: string | undefined;
  let parent = '';
  for (const segment of path.split('/').slice(1).map(unescape)) {
    if (!node || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[segment];
    const id = (node as { id?: unknown } | undefined)?.id;
    if ((parent === 'elements' || parent === 'flows') && typeof id === 'string') element = id;
    parent = segment;
  }
  return element;
}

function definitionName(input: unknown): string {
  const id = (input as { id?: unknown } | null)?.id;
  return typeof input === 'object' && typeof id === 'string' ? id : 'definition';
}

/** The pointer of the first value nested deeper than `limit`, found without recursion. */
function firstBeyond(input: unknown, limit: number): string | undefined {
  const stack: [unknown, string, number][] = [[input, '', 0]];
  while (stack.length) {
    const [node, path, depth] = stack.pop() as [unknown, string, number];
    if (!node || typeof node !== 'object') continue;
    if (depth >= limit) return path;
    for (const [key, child] of Object.entries(node)) {
      stack.push([child, `${path}/${escape(key)}`, depth + 1]);
    }
  }
  return undefined;
}

/** What one alternative of a union accepts: a constant, a type, or a union of its own. */
function expected(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.anyOf)) return schema.anyOf.map(expected).join(' or ');
  if (schema.const !== undefined) return show(schema.const);
  return article(String(schema.type));
}

function article(type: string): string {
  return { array: 'an array', object: 'an object', integer: 'an integer' }[type] ?? `a ${type}`;
}

/** A value as an author would recognise it, kept short. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 37)}…` : json;
}

/** ` (did you mean X?)` for a near miss: a typo, a wrong case, a letter too many or too few. */
function suggestion(word: string, candidates: string[]): string {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance =
      candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best === undefined ? '' : ` (did you mean ${show(best)}?)`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 64 || b.length > 64) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
