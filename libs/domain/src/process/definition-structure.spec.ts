import type { FlowElement } from './definition';
import { MAX_NESTING } from './definition-structure';
import { definition, end, start, task } from './test/builders';
import { DefinitionCatalog, formatProblem, validateDefinition } from './validate';

const catalog: DefinitionCatalog = { activities: ['recordPlan'], roles: ['coordinator'] };
const sound = () =>
  definition(
    [
      start,
      task('plan', { form: { consent: { type: 'string', enum: ['given'] } } }),
      {
        id: 'sub',
        type: 'subProcess',
        elements: [
          { id: 'subStart', type: 'startEvent' },
          task('inner'),
          { id: 'subEnd', type: 'endEvent', outcome: 'completed' },
        ],
        flows: [
          { id: 's1', source: 'subStart', target: 'inner' },
          { id: 's2', source: 'inner', target: 'subEnd' },
        ],
      },
      end,
    ],
    ['start->plan', 'plan->sub', 'sub->end'],
    { consent: { type: 'string' } },
  ) as unknown as Record<string, unknown> & { elements: Record<string, unknown>[] };
const lines = (value: unknown) => validateDefinition(value, catalog).map(formatProblem);

describe('the shape of a definition', () => {
  it('accepts a sound definition, with or without a $schema reference for editors', () => {
    expect(lines(sound())).toEqual([]);
    expect(
      lines({ ...sound(), $schema: '../../../../schemas/process-definition.schema.json' }),
    ).toEqual([]);
  });

  it('refuses a misspelt property with its path, suggesting the property meant', () => {
    const def = sound();
    def.elements[1] = { ...def.elements[1], canidateRole: 'coordinator' };
    expect(lines(def)).toEqual([
      '/elements/1/canidateRole [unknown-property] in plan: unknown property "canidateRole" (did you mean "candidateRole"?); allowed here: id, name, nameJa, stage, type, candidateRole, form, dueIn, dueInVariable, reminders, escalation, escalationFrom',
    ]);
  });

  it('refuses an unknown element type, also inside a sub-process, naming the types', () => {
    const def = sound();
    (def.elements[2].elements as FlowElement[])[1] = { id: 'inner', type: 'usertask' } as never;
    const [problem, ...others] = validateDefinition(def, catalog);
    expect(others).toEqual([]);
    expect(problem).toMatchObject({
      element: 'inner',
      path: '/elements/2/elements/1/type',
      rule: 'unknown-element-type',
    });
    expect(problem.message).toMatch(
      /^in inner: unknown element type "usertask" \(did you mean "userTask"\?\); the types are startEvent, endEvent, userTask/,
    );
  });

  it('refuses an unknown form field type, listing the field types', () => {
    const def = sound();
    def.elements[1] = { ...def.elements[1], form: { consent: { type: 'text' } } };
    expect(lines(def)).toEqual([
      '/elements/1/form/consent/type [unknown-value] in plan: "text" is not allowed; allowed: string, number, boolean, date, duration, string[]',
    ]);
  });

  it('refuses missing and wrongly shaped arrays instead of failing on them', () => {
    const { flows: _flows, ...withoutFlows } = sound();
    expect(lines(withoutFlows)).toEqual(['/flows [missing-property] "flows" is required']);
    expect(lines({ ...sound(), elements: { start } })).toEqual([
      '/elements [wrong-type] must be an array, not an object',
    ]);
    const def = sound();
    def.elements[1] = { ...def.elements[1], reminders: 'P1D' };
    expect(lines(def)).toEqual([
      '/elements/1/reminders [wrong-type] in plan: must be an array, not "P1D"',
    ]);
  });

  it('names every alternative of a value that may take several forms', () => {
    const def = sound();
    def.elements[2] = { id: 'sub', type: 'callActivity', calledElement: 'm', version: 'newest' };
    expect(lines(def)).toEqual([
      '/elements/2/version [wrong-type] in sub: must be "latest" or an integer, not "newest"',
    ]);
  });

  it('refuses a duration longer than any duration needs, before parsing it', () => {
    const def = sound();
    def.elements[1] = { ...def.elements[1], dueIn: `P${'1'.repeat(200_000)}X` };
    expect(lines(def)).toEqual([
      '/elements/1/dueIn [too-long] in plan: must be at most 40 characters long, not 200002',
    ]);
  });

  it('names the flow a problem is in', () => {
    const def = sound() as unknown as { flows: Record<string, unknown>[] };
    def.flows[1] = { ...def.flows[1], target: ['sub'] };
    expect(lines(def)).toEqual([
      '/flows/1/target [wrong-type] in plan-sub: must be a string, not an array',
    ]);
  });

  it('names the alternatives of a union within a union', () => {
    const def = sound();
    def.elements[2] = {
      id: 'sub',
      type: 'serviceTask',
      activity: 'recordPlan',
      input: { plan: null },
    };
    expect(lines(def)).toEqual([
      '/elements/2/input/plan [wrong-type] in sub: must be an object or a boolean or a string or a number, not null',
    ]);
  });

  it('refuses what is not a definition at all', () => {
    for (const value of [null, 42, 'meeting', [sound()]]) {
      expect(validateDefinition(value, catalog)).toEqual([
        expect.objectContaining({
          path: '/',
          rule: 'wrong-type',
          message: expect.stringMatching(/^must be an object/),
        }),
      ]);
    }
  });

  it('refuses nesting deeper than any definition needs, before anything recurses into it', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const [problem] = validateDefinition({ ...sound(), description: deep }, catalog);
    expect(problem).toMatchObject({
      rule: 'too-deep',
      message: `nested more than ${MAX_NESTING} levels deep`,
    });
    expect(problem.path).toMatch(/^\/description(\/0)+$/);
  });

  it('reports tens of thousands of wrong values in linear time', () => {
    const flows = Array.from({ length: 50_000 }, (_, i) => ({
      id: `f${i}`,
      source: 'start',
      target: 'end',
      condition: 'yes',
    }));
    const started = performance.now();
    const problems = validateDefinition({ ...sound(), flows }, catalog);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(problems).toHaveLength(50_000);
    expect(formatProblem(problems[49_999])).toBe(
      '/flows/49999/condition [wrong-type] in f49999: must be an object or a boolean, not "yes"',
    );
  });

  it('checks the semantic rules only once the shape is right', () => {
    const def = sound();
    def.elements[1] = { ...def.elements[1], candidateRole: 'wizard', dueIn: 42 };
    expect(lines(def)).toEqual([
      '/elements/1/dueIn [wrong-type] in plan: must be a string, not 42',
    ]);
    def.elements[1].dueIn = 'P1D';
    expect(lines(def)).toEqual(['plan [unknown-role] role wizard is not known']);
  });
});
