import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { RELEASED_DEFINITIONS } from '@sss/definitions';
import {
  DefinitionProblem,
  ELEMENT_TYPES,
  FIELD_TYPES,
  ROLES,
  validateDefinition,
} from '@sss/domain';
import { PROCESS_ACTIVITIES } from '@sss/workflows/process/process-activities';
import { checkFile } from './process-cli';

/**
 * Property tests over mutations of the released definitions, the files a new author starts
 * from: each mutation that makes a file wrong (a misspelt or missing property, a value of the
 * wrong type, an unknown element or field type, a truncated element list, nesting without end)
 * must be found, and no mutation at all may make the validator or the CLI's validate path throw.
 */
const catalog = {
  activities: PROCESS_ACTIVITIES,
  roles: ROLES,
  definitions: [...new Set(RELEASED_DEFINITIONS.map((d) => d.id))],
};
const RUNS = { numRuns: 300 };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** Where a value sits: in an object of the language, a map keyed by names, or a JSON Logic expression. */
type Zone = 'closed' | 'record' | 'free';
interface Node {
  path: (string | number)[];
  value: Json;
  zone: Zone;
  key: string | number | undefined;
}

const RECORDS = new Set(['form', 'variables', 'output']);
const EXPRESSIONS = new Set(['condition', 'input']);
/** Properties that every object holding them must have. */
const REQUIRED = new Set(
  'id type source target outcome candidateRole activity attachedTo calledElement version elements flows variables every to after'.split(
    ' ',
  ),
);
const ELEMENT_TYPE = new Set<string>(ELEMENT_TYPES);
const FIELD_TYPE = new Set<string>(FIELD_TYPES);

function nodes(value: Json, path: Node['path'] = [], zone: Zone = 'closed'): Node[] {
  const here: Node = { path, value, zone, key: path[path.length - 1] };
  if (!value || typeof value !== 'object') return [here];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return [
    here,
    ...entries.flatMap(([key, child]) => {
      const childZone: Zone =
        zone === 'free' || EXPRESSIONS.has(String(key))
          ? 'free'
          : zone === 'closed' && RECORDS.has(String(key))
            ? 'record'
            : 'closed';
      return nodes(child, [...path, key], childZone);
    }),
  ];
}

const parentOf = (root: Json, node: Node) =>
  node.path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k], root) as Record<
    string | number,
    Json
  >;
const isObject = (v: Json): v is { [key: string]: Json } =>
  !!v && typeof v === 'object' && !Array.isArray(v);
const kind = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** Values no place of the language accepts in place of a value of another kind. */
const WRONG: Json[] = [null, true, -1.5, 'x', [], {}];

interface Mutation {
  name: string;
  /** The nodes it may apply to. */
  applies: (n: Node) => boolean;
  apply: (root: Json, n: Node, seed: number) => Json;
}

const set = (root: Json, n: Node, value: Json) => {
  if (!n.path.length) return value;
  parentOf(root, n)[n.key as string] = value;
  return root;
};

const BREAKING: Mutation[] = [
  {
    name: 'delete a required property',
    applies: (n) =>
      n.zone === 'closed' && isObject(n.value) && Object.keys(n.value).some((k) => REQUIRED.has(k)),
    apply: (root, n, seed) => {
      const keys = Object.keys(n.value as object).filter((k) => REQUIRED.has(k));
      delete (n.value as Record<string, Json>)[keys[seed % keys.length]];
      return root;
    },
  },
  {
    name: 'misspell a property',
    applies: (n) => n.zone === 'closed' && isObject(n.value) && Object.keys(n.value).length > 0,
    apply: (root, n, seed) => {
      const value = n.value as Record<string, Json>;
      const keys = Object.keys(value);
      const key = keys[seed % keys.length];
      value[`${key.slice(0, -1)}${key.endsWith('e') ? 'a' : 'e'}`] = value[key];
      delete value[key];
      return root;
    },
  },
  {
    name: 'give a value of the wrong type (null, a number, an object, …)',
    applies: (n) => n.path.length > 0 && n.zone !== 'free',
    apply: (root, n, seed) => {
      const wrong = WRONG.filter((w) => kind(w) !== kind(n.value));
      return set(root, n, wrong[seed % wrong.length]);
    },
  },
  {
    name: 'mistype an element type',
    applies: (n) => n.key === 'type' && ELEMENT_TYPE.has(String(n.value)),
    apply: (root, n, seed) =>
      set(root, n, ['usertask', 'userTsk', 'task', 'gateway', ''][seed % 5]),
  },
  {
    name: 'mistype a form field type',
    applies: (n) => n.key === 'type' && FIELD_TYPE.has(String(n.value)) && n.path.includes('form'),
    apply: (root, n, seed) =>
      set(root, n, ['text', 'String', 'int', 'date-time', 'object'][seed % 5]),
  },
  {
    name: 'truncate an element list',
    applies: (n) => n.key === 'elements' && Array.isArray(n.value) && n.value.length > 0,
    apply: (root, n, seed) =>
      set(root, n, (n.value as Json[]).slice(0, seed % (n.value as Json[]).length)),
  },
  {
    name: 'nest without end',
    applies: (n) => n.path.length > 0,
    apply: (root, n, seed) => {
      let deep: Json = n.value;
      for (let i = 0; i < 65 + (seed % 200); i++) deep = i % 2 ? [deep] : { deeper: deep };
      return set(root, n, deep);
    },
  },
];
const HARMLESS_OR_NOT: Mutation[] = [
  {
    name: 'lengthen a string to thousands of digits (slow for a careless regular expression)',
    applies: (n) => typeof n.value === 'string',
    apply: (root, n, seed) => set(root, n, `${n.value}${'1'.repeat(20_000 + (seed % 1000))}`),
  },
  {
    name: 'truncate any list',
    applies: (n) => Array.isArray(n.value),
    apply: (root, n, seed) =>
      set(root, n, (n.value as Json[]).slice(0, seed % ((n.value as Json[]).length + 1))),
  },
  {
    name: 'replace anything, an expression too, with any JSON',
    applies: () => true,
    apply: (root, n, seed) =>
      set(root, n, fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 1, seed })[0] as Json),
  },
];

const released = () => JSON.parse(JSON.stringify(RELEASED_DEFINITIONS)) as Json[];
const mutation = (choices: Mutation[]) =>
  fc.record({
    which: fc.nat({ max: choices.length - 1 }),
    at: fc.nat(),
    seed: fc.nat(),
  });
function mutate(root: Json, choices: Mutation[], m: { which: number; at: number; seed: number }) {
  const chosen = choices[m.which];
  const candidates = nodes(root).filter(chosen.applies);
  if (!candidates.length) return { root, name: `${chosen.name} (nowhere)` };
  const node = candidates[m.at % candidates.length];
  return {
    root: chosen.apply(root, node, m.seed),
    name: `${chosen.name} at /${node.path.join('/')}`,
  };
}
const validate = (value: unknown): DefinitionProblem[] => validateDefinition(value, catalog);

describe('the validator on mutated released definitions', () => {
  it('accepts the released definitions as they are', () => {
    for (const def of released()) expect(validate(def)).toEqual([]);
  });

  it('finds every mutation that makes a definition wrong', () => {
    fc.assert(
      fc.property(fc.nat({ max: RELEASED_DEFINITIONS.length - 1 }), mutation(BREAKING), (d, m) => {
        const { root, name } = mutate(released()[d], BREAKING, m);
        expect({ name, found: validate(root).length > 0 }).toEqual({ name, found: true });
      }),
      RUNS,
    );
  });

  it('never throws, whatever mutations pile up', () => {
    const any = [...BREAKING, ...HARMLESS_OR_NOT];
    fc.assert(
      fc.property(
        fc.nat({ max: RELEASED_DEFINITIONS.length - 1 }),
        fc.array(mutation(any), { minLength: 1, maxLength: 4 }),
        (d, ms) => {
          const root = ms.reduce((r, m) => mutate(r, any, m).root, released()[d]);
          expect(Array.isArray(validate(root))).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe("the CLI's validate path on mutated files", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'process-cli-property-'));
  const file = path.join(dir, 'draft.json');

  it('reports a mutated file, or garbled or cut-off text, with findings and never throws', () => {
    const text = fc.oneof(
      fc
        .tuple(fc.nat({ max: RELEASED_DEFINITIONS.length - 1 }), mutation(BREAKING))
        .map(([d, m]) => JSON.stringify(mutate(released()[d], BREAKING, m).root)),
      fc.tuple(fc.nat({ max: RELEASED_DEFINITIONS.length - 1 }), fc.nat()).map(([d, cut]) => {
        const whole = JSON.stringify(RELEASED_DEFINITIONS[d]);
        return whole.slice(0, cut % whole.length);
      }),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(text, (content) => {
        fs.writeFileSync(file, content);
        const { problems } = checkFile(file);
        expect(problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
