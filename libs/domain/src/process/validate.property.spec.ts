import fc from 'fast-check';
import { FIELD_TYPES } from './definition';
import { validateDefinition, DefinitionCatalog } from './validate';

/**
 * Property tests: whatever a file holds, the validator answers with findings and never throws.
 * Generated definitions have the right shape but arbitrary content (ids that clash, flows to
 * nowhere, unknown roles, bad durations), so they exercise the semantic rules on graphs no one
 * would write by hand.
 */
const catalog: DefinitionCatalog = {
  activities: ['recordPlan'],
  roles: ['coordinator', 'manager', 'agency_staff'],
  definitions: ['meeting'],
};
const RUNS = { numRuns: 300 };

const id = fc.constantFrom('start', 'end', 'a', 'b', 'g', 'sub', 'a b', '');
const variable = fc.constantFrom('consent', 'interval', 'attendees', 'missing', '__proto__');
const duration = fc.constantFrom('P1D', 'PT2H', '5 working days', 'two weeks', '', 'P');
const role = fc.constantFrom('coordinator', 'agency_staff', 'assignee', 'wizard');
const condition = fc.oneof(
  fc.boolean(),
  fc.constant({ '==': [{ var: 'consent' }, 'given'] }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 2 }),
);
const expression = fc.oneof(condition, fc.string({ maxLength: 4 }), fc.double({ noNaN: true }));
const optional = <T>(props: { [K in keyof T]: fc.Arbitrary<T[K]> }, required: (keyof T)[] = []) =>
  fc.record(props, { requiredKeys: required as never });
const recipient = optional({ to: role, agencies: variable }, ['to']);
const reminder = optional({ to: role, agencies: variable, before: duration, every: duration }, [
  'to',
]);
const timer = optional({
  duration,
  date: fc.constantFrom('2026-04-01T00:00:00Z', 'tomorrow'),
  dateVariable: variable,
  durationVariable: variable,
  cycle: optional({ every: duration, times: fc.integer({ min: 1, max: 5 }) }, ['every']),
});
const message = fc.record({ name: fc.constantFrom('cancel', 'consent') });
const base = { id, name: fc.string({ maxLength: 4 }), stage: fc.constantFrom('intake', 'plan') };
const field = optional(
  {
    type: fc.constantFrom(...FIELD_TYPES),
    required: fc.boolean(),
    enum: fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
  },
  ['type'],
);
const flow = optional(
  { id, source: id, target: id, condition, name: fc.string({ maxLength: 3 }) },
  ['id', 'source', 'target'],
);
const io = {
  input: fc.dictionary(variable, expression, { maxKeys: 2 }),
  output: fc.dictionary(variable, fc.string({ maxLength: 3 }), { maxKeys: 2 }),
};
const type = <T extends string>(t: T) => fc.constant(t);

const { element } = fc.letrec<{ element: unknown; subProcess: unknown }>((tie) => ({
  element: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    optional({ ...base, type: type('startEvent') }, ['id', 'type']),
    optional(
      {
        ...base,
        type: type('endEvent'),
        outcome: fc.constantFrom('completed', 'suspended', 'terminated'),
        escalation: fc.constantFrom('stuck', ''),
      },
      ['id', 'type', 'outcome'],
    ),
    optional(
      {
        ...base,
        type: type('userTask'),
        candidateRole: role,
        form: fc.dictionary(variable, field, { maxKeys: 2 }),
        dueIn: duration,
        dueInVariable: variable,
        reminders: fc.array(reminder, { maxLength: 2 }),
        escalation: fc.array(fc.record({ after: duration, to: role }), { maxLength: 2 }),
      },
      ['id', 'type', 'candidateRole'],
    ),
    optional(
      { ...base, type: type('serviceTask'), activity: fc.constantFrom('recordPlan', 'fax'), ...io },
      ['id', 'type', 'activity'],
    ),
    optional({ ...base, type: type('exclusiveGateway'), default: id }, ['id', 'type']),
    optional({ ...base, type: type('parallelGateway') }, ['id', 'type']),
    optional({ ...base, type: type('eventBasedGateway') }, ['id', 'type']),
    optional(
      {
        ...base,
        type: type('intermediateCatchEvent'),
        timer,
        message,
        invite: fc.array(recipient, { maxLength: 2 }),
        reminders: fc.array(reminder, { maxLength: 2 }),
        notify: fc.array(recipient, { maxLength: 2 }),
      },
      ['id', 'type'],
    ),
    optional(
      {
        ...base,
        type: type('boundaryEvent'),
        attachedTo: id,
        interrupting: fc.boolean(),
        timer,
        message,
        escalation: optional({ code: fc.constantFrom('stuck', '') }),
      },
      ['id', 'type', 'attachedTo'],
    ),
    optional(
      {
        ...base,
        type: type('callActivity'),
        calledElement: fc.constantFrom('meeting', 'nowhere'),
        version: fc.oneof(fc.constant('latest' as const), fc.integer({ min: 1, max: 3 })),
        ...io,
      },
      ['id', 'type', 'calledElement', 'version'],
    ),
    tie('subProcess'),
  ),
  subProcess: fc.record({
    id,
    type: type('subProcess'),
    elements: fc.array(tie('element'), { maxLength: 5 }),
    flows: fc.array(flow, { maxLength: 6 }),
  }),
}));

const definition = optional(
  {
    $schema: fc.constant('../schemas/process-definition.schema.json'),
    id: fc.constantFrom('test', 'Not an id'),
    version: fc.integer({ min: 1, max: 3 }),
    name: fc.string({ maxLength: 5 }),
    description: fc.string({ maxLength: 5 }),
    variables: fc.dictionary(
      variable,
      optional(
        {
          type: fc.constantFrom(...FIELD_TYPES, 'object'),
          enum: fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
          description: fc.string({ maxLength: 3 }),
        },
        ['type'],
      ),
      { maxKeys: 4 },
    ),
    elements: fc.array(element, { maxLength: 8 }),
    flows: fc.array(flow, { maxLength: 10 }),
  },
  ['id', 'version', 'name', 'variables', 'elements', 'flows'],
);

const answers = (value: unknown) => {
  const problems = validateDefinition(value, catalog);
  for (const p of problems) {
    expect(typeof p.element === 'string' && p.rule !== '' && p.message !== '').toBe(true);
  }
  return problems;
};

describe('validateDefinition on generated input', () => {
  it('judges a definition of the right shape by the semantic rules alone, never throwing', () => {
    fc.assert(
      fc.property(definition, (def) => {
        expect(answers(def).filter((p) => p.path !== undefined)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('refuses any JSON value that is not a definition, with findings and no exception', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(answers(value).length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('refuses a generated definition with a property the language does not have', () => {
    fc.assert(
      fc.property(definition, fc.string({ minLength: 1, maxLength: 8 }), (def, key) => {
        fc.pre(!(key in def));
        const problems = answers({ ...def, [key]: true });
        expect(problems).toContainEqual(expect.objectContaining({ rule: 'unknown-property' }));
      }),
      RUNS,
    );
  });
});
