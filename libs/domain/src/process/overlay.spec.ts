import fc from 'fast-check';
import type { ProcessDefinition, ProcessOverlay } from './definition';
import { expandDefinitions, mergePatch } from './overlay';
import { DefinitionRegistry, RegistryError } from './registry';
import { definition, end, start, task } from './test/builders';

const base: ProcessDefinition = {
  ...definition(
    [
      start,
      task('a', {
        name: 'First',
        dueIn: 'P7D',
        reminders: [{ every: 'P3D', to: 'coordinator' }],
      } as never),
      {
        id: 'sub',
        type: 'subProcess',
        elements: [
          { id: 'subStart', type: 'startEvent' },
          task('inner'),
          { id: 'subEnd', type: 'endEvent', outcome: 'completed' },
        ],
        flows: [
          { id: 'f1', source: 'subStart', target: 'inner' },
          { id: 'f2', source: 'inner', target: 'subEnd' },
        ],
      },
      end,
    ],
    ['start->a', 'a->sub', 'sub->end'],
    { note: { type: 'string' } },
  ),
  id: 'base',
};
const overlay = (o: Partial<ProcessOverlay>): ProcessOverlay => ({
  id: 'base',
  version: 2,
  extends: { id: 'base', version: 1 },
  ...o,
});
const expand = (...files: unknown[]) => expandDefinitions([base, ...files]);
const catalog = { activities: [], roles: ['coordinator', 'manager'] };

describe('overlays', () => {
  it('expand to the base with the changes, additions and removals applied, in any scope', () => {
    const { definitions, problems } = expand(
      overlay({
        name: 'Base, second version',
        variables: { note: null, reason: { type: 'string' } },
        change: {
          a: { candidateRole: 'manager', reminders: [{ every: 'P1D', to: 'manager' }] },
          inner: { name: 'Inner task', dueIn: 'P7D' },
          'inner-sub': { name: 'unused' },
        },
        remove: ['f2', 'inner-sub'],
        add: [
          {
            in: 'sub',
            elements: [task('extra')],
            flows: [
              { id: 'f2b', source: 'inner', target: 'extra' },
              { id: 'f3', source: 'extra', target: 'subEnd' },
            ],
          },
        ],
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'overlay-unknown-id', path: '/remove/1' }),
      expect.objectContaining({
        rule: 'overlay-unknown-id',
        path: '/change/inner-sub',
        message: 'base@1 has no element or flow inner-sub',
      }),
    ]);
    expect(definitions.map((d) => `${d.id}@${d.version}`)).toEqual(['base@1']);

    const good = expand(
      overlay({
        name: 'Base, second version',
        variables: { note: null, reason: { type: 'string' } },
        change: {
          a: { candidateRole: 'manager', reminders: [{ every: 'P1D', to: 'manager' }] },
          inner: { name: 'Inner task', dueIn: 'P7D' },
        },
        remove: ['f2'],
        add: [
          {
            in: 'sub',
            elements: [task('extra')],
            flows: [
              { id: 'f2b', source: 'inner', target: 'extra' },
              { id: 'f3', source: 'extra', target: 'subEnd' },
            ],
          },
        ],
      }),
    );
    expect(good.problems).toEqual([]);
    const v2 = good.definitions[1];
    expect(v2).toMatchObject({ id: 'base', version: 2, name: 'Base, second version' });
    expect(v2.variables).toEqual({ reason: { type: 'string' } });
    expect(v2.elements[1]).toEqual({
      id: 'a',
      type: 'userTask',
      name: 'First',
      dueIn: 'P7D',
      candidateRole: 'manager',
      reminders: [{ every: 'P1D', to: 'manager' }],
    });
    const sub = v2.elements[2] as Extract<
      ProcessDefinition['elements'][number],
      { type: 'subProcess' }
    >;
    expect(sub.elements.map((e) => e.id)).toEqual(['subStart', 'inner', 'subEnd', 'extra']);
    expect(sub.elements[1]).toMatchObject({ name: 'Inner task', dueIn: 'P7D' });
    expect(sub.flows.map((f) => f.id)).toEqual(['f1', 'f2b', 'f3']);
    // The base is shared by everything that extends it: expanding never changes it.
    expect((base.elements[2] as typeof sub).flows.map((f) => f.id)).toEqual(['f1', 'f2']);
  });

  it('are registered expanded, so what is pinned is the full definition', () => {
    const registry = new DefinitionRegistry(
      [base, overlay({ change: { a: { name: 'Renamed' } } })],
      catalog,
    );
    const pinned = registry.pin('base').definitions['base@2'];
    expect(pinned).not.toHaveProperty('extends');
    expect(pinned.elements[1]).toMatchObject({ id: 'a', name: 'Renamed', type: 'userTask' });
    expect(pinned.flows).toEqual(base.flows);
  });

  it('may extend an overlay, and a variant may take another id', () => {
    const { definitions, problems } = expand(overlay({ change: { a: { name: 'Two' } } }), {
      ...overlay({ change: { a: { dueIn: 'P1D' } } }),
      id: 'base-variant',
      version: 1,
      extends: { id: 'base', version: 2 },
    });
    expect(problems).toEqual([]);
    expect(definitions[2]).toMatchObject({ id: 'base-variant', version: 1 });
    expect(definitions[2].elements[1]).toMatchObject({ name: 'Two', dueIn: 'P1D' });
  });

  it('are refused with a finding when the base is missing, or the extends form a cycle', () => {
    expect(expand(overlay({ extends: { id: 'base', version: 9 } })).problems).toEqual([
      expect.objectContaining({
        definition: 'base@2',
        rule: 'extends-unknown',
        message: 'the base base@9 is not released',
      }),
    ]);
    const cycle = expand(
      overlay({ extends: { id: 'base', version: 3 } }),
      overlay({ version: 3, extends: { id: 'base', version: 2 } }),
    );
    expect(cycle.problems.map((p) => `${p.definition} ${p.rule}`)).toEqual([
      'base@2 extends-cycle',
      'base@3 extends-invalid',
    ]);
    expect(cycle.definitions.map((d) => d.version)).toEqual([1]);
    expect(expand(overlay({ extends: { id: 'base', version: 2 } })).problems[0].rule).toBe(
      'extends-cycle',
    );
  });

  it('may not change identity or a sub-process wholesale, nor add what exists', () => {
    const { problems } = expand(
      overlay({
        change: { a: { type: 'serviceTask' }, sub: { elements: [] } },
        add: [{ elements: [task('a')] }, { in: 'a', elements: [task('x')] }],
      }),
    );
    expect(problems.map((p) => `${p.path} ${p.rule}`)).toEqual([
      '/change/a/type overlay-fixed-property',
      '/change/sub/elements overlay-fixed-property',
      '/add/0/elements/0 overlay-duplicate-id',
      '/add/1/in overlay-unknown-scope',
    ]);
  });

  it('whose result breaks a rule are refused by the validator, naming the element', () => {
    const broken = overlay({ remove: ['a-sub'] });
    expect(() => new DefinitionRegistry([base, broken], catalog)).toThrow('base@2 a [dead-end]');
    const misspelt = overlay({ change: { a: { dueInn: 'P1D' } } });
    expect(() => new DefinitionRegistry([base, misspelt], catalog)).toThrow(
      /base@2 .*\[unknown-property\] in a: unknown property "dueInn" \(did you mean "dueIn"\?\)/,
    );
  });

  it('follow JSON Merge Patch, keeping __proto__ an ordinary key', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: null, b: { c: null, e: [1] } })).toEqual({
      b: { d: 3, e: [1] },
    });
    const patched = mergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as object;
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(patched)).toEqual(['__proto__']);
  });
});

/**
 * Whatever overlays hold (ids the base lacks, scopes that are tasks, cycles, wrong shapes), the
 * expansion answers with findings, and the registry with a RegistryError, never anything else.
 */
describe('overlays, generated', () => {
  const id = fc.constantFrom('a', 'sub', 'inner', 'f1', 'a-sub', 'missing', '__proto__', '');
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(null, 'P1D', 'manager', [{ every: 'P1D', to: 'coordinator' }]),
  );
  const patch = fc.dictionary(
    fc.constantFrom('name', 'dueIn', 'candidateRole', 'reminders', 'type', 'target', 'x'),
    value,
    { maxKeys: 3 },
  );
  const file = fc.record(
    {
      id: fc.constantFrom('base', 'other'),
      version: fc.integer({ min: 1, max: 4 }),
      extends: fc.oneof(
        fc.record({
          id: fc.constantFrom('base', 'other'),
          version: fc.integer({ min: 1, max: 4 }),
        }),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      name: fc.string({ maxLength: 3 }),
      variables: fc.dictionary(id, fc.constantFrom(null, { type: 'string' }, { type: 'x' })),
      remove: fc.oneof(fc.array(id, { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
      change: fc.oneof(fc.dictionary(id, patch, { maxKeys: 3 }), fc.jsonValue({ maxDepth: 1 })),
      add: fc.array(
        fc.record(
          {
            in: id,
            elements: fc.array(fc.constantFrom(task('x'), task('a'), { id: 'y' }), {
              maxLength: 2,
            }),
            flows: fc.array(
              fc.record({ id, source: id, target: fc.constantFrom('x', 'end', 'a') }),
              { maxLength: 2 },
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ['id', 'version', 'extends'] },
  );

  it('never throw anything but findings', () => {
    fc.assert(
      fc.property(fc.array(file, { maxLength: 4 }), (files) => {
        const result = expandDefinitions([base, ...files]);
        for (const p of result.problems) {
          expect(typeof p.rule).toBe('string');
          expect(typeof p.message).toBe('string');
        }
        try {
          new DefinitionRegistry([base, ...files], catalog);
        } catch (e) {
          expect(e).toBeInstanceOf(RegistryError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
