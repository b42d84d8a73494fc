import type { FlowElement } from './definition';
import { definition, end, start, task } from './test/builders';
import { DefinitionCatalog, validateDefinition } from './validate';

const catalog: DefinitionCatalog = {
  activities: ['recordPlan'],
  roles: ['coordinator', 'manager', 'agency_staff'],
  definitions: ['meeting'],
};
const rules = (def: ReturnType<typeof definition>) =>
  validateDefinition(def, catalog).map((p) => `${p.element}:${p.rule}`);

describe('validateDefinition', () => {
  it('accepts a sound definition', () => {
    expect(rules(definition([start, task('a'), end], ['start->a', 'a->end']))).toEqual([]);
  });

  it('finds unreachable elements, dangling flows, dead ends and duplicate ids', () => {
    const def = definition(
      [start, task('a'), task('orphan'), task('a'), end],
      ['start->a', 'a->end', 'a->ghost', 'orphan->end'],
    );
    expect(rules(def)).toEqual(
      expect.arrayContaining([
        'a:duplicate-id',
        'a-ghost:dangling-flow',
        'orphan:unreachable',
        'a:implicit-fork',
      ]),
    );
  });

  it('asks a deciding gateway for a default flow and finds overlapping conditions', () => {
    const same = { '==': [{ var: 'consent' }, 'given'] };
    const def = definition(
      [start, { id: 'g', type: 'exclusiveGateway' }, task('a'), task('b'), end],
      [
        'start->g',
        ['f1', 'g', 'a', same],
        ['f2', 'g', 'b', { '==': [{ var: 'consent' }, 'given'] }],
        'a->end',
        'b->end',
      ],
      { consent: { type: 'string' } },
    );
    expect(rules(def)).toEqual(['g:gateway-default', 'f2:gateway-overlap']);
  });

  it('names unknown activities, roles and called definitions', () => {
    const def = definition(
      [
        start,
        { id: 's', type: 'serviceTask', activity: 'sendFax' },
        task('t', { candidateRole: 'mayor' } as Partial<FlowElement>),
        { id: 'c', type: 'callActivity', calledElement: 'nowhere', version: 'latest' },
        end,
      ],
      ['start->s', 's->t', 't->c', 'c->end'],
    );
    expect(validateDefinition(def, catalog)).toEqual([
      { element: 's', rule: 'unknown-activity', message: 'activity sendFax is not registered' },
      { element: 't', rule: 'unknown-role', message: 'role mayor is not known' },
      { element: 'c', rule: 'unknown-definition', message: 'definition nowhere is not registered' },
    ]);
  });

  it('refuses invalid durations and undefined variables', () => {
    const def = definition(
      [
        start,
        task('t', {
          dueIn: 'two weeks',
          form: { note: { type: 'string' } },
        } as Partial<FlowElement>),
        { id: 'w', type: 'intermediateCatchEvent', timer: { duration: 'P1X' } },
        { id: 'g', type: 'exclusiveGateway', default: 'f2' },
        end,
      ],
      [
        'start->t',
        't->w',
        'w->g',
        ['f1', 'g', 'end', { '>': [{ var: 'visits' }, 3] }],
        ['f2', 'g', 'end'],
      ],
    );
    expect(rules(def).sort()).toEqual([
      'f1:undefined-variable',
      't:invalid-duration',
      't:undefined-variable',
      'w:invalid-duration',
    ]);
  });

  it('takes durations in working days, and nothing like them', () => {
    const def = (dueIn: string) =>
      definition(
        [start, task('t', { dueIn } as Partial<FlowElement>), end],
        ['start->t', 't->end'],
      );
    expect(rules(def('5 working days'))).toEqual([]);
    expect(rules(def('1 working day'))).toEqual([]);
    expect(rules(def('3 working weeks'))).toEqual(['t:invalid-duration']);
    expect(rules(def('0 working days'))).toEqual(['t:invalid-duration']);
  });

  it("checks who an event's invitations and reminders go to", () => {
    const day = (extra: Record<string, unknown>) =>
      ({
        id: 'day',
        type: 'intermediateCatchEvent',
        timer: { dateVariable: 'at' },
        ...extra,
      }) as FlowElement;
    const variables = {
      at: { type: 'date' },
      attendees: { type: 'string[]' },
      note: { type: 'string' },
    } as const;
    const check = (extra: Record<string, unknown>) =>
      validateDefinition(
        definition([start, day(extra), end], ['start->day', 'day->end'], variables),
        catalog,
      ).map((p) => `${p.rule}: ${p.message}`);
    expect(
      check({
        invite: [{ to: 'agency_staff', agencies: 'attendees' }],
        reminders: [{ before: '1 working day', to: 'coordinator' }],
      }),
    ).toEqual([]);
    expect(
      check({
        invite: [{ to: 'coordinator', agencies: 'attendees' }, { to: 'assignee' }],
        reminders: [
          { every: 'P1D', to: 'agency_staff', agencies: 'note' },
          { before: 'P1D', to: 'agency_staff', agencies: 'ghosts' },
        ],
      }),
    ).toEqual([
      'recipient: agencies (attendees) narrows only agency_staff',
      'unknown-role: invitation recipient assignee is not a known role',
      'reminder: an event is reminded of only before it (before)',
      'variable-type: variable note holds a string, not agency codes',
      'undefined-variable: reads variable ghosts, which is not declared',
    ]);
    expect(
      validateDefinition(
        definition(
          [
            start,
            {
              id: 'm',
              type: 'intermediateCatchEvent',
              message: { name: 'm' },
              invite: [{ to: 'coordinator' }],
              // Word that it happened suits any event; an unknown role does not.
              notify: [{ to: 'coordinator' }, { to: 'mayor' }],
            },
            end,
          ],
          ['start->m', 'm->end'],
        ),
        catalog,
      ).map((p) => p.message),
    ).toEqual([
      'invitations and reminders need a timer event',
      'notice recipient mayor is not a known role',
    ]);
  });

  it('finds a loop that never waits', () => {
    const def = definition(
      [
        start,
        { id: 'g1', type: 'exclusiveGateway', default: 'back' },
        { id: 's', type: 'serviceTask', activity: 'recordPlan' },
        end,
      ],
      ['start->g1', ['out', 'g1', 'end', { var: 'done' }], ['back', 'g1', 's'], 's->g1'],
      { done: { type: 'boolean' } },
    );
    expect(validateDefinition(def, catalog)).toContainEqual({
      element: 'g1',
      rule: 'cycle-without-wait',
      message: 'the loop g1 → s → g1 never waits',
    });
  });

  it('checks boundary events and event-based gateways', () => {
    const def = definition(
      [
        start,
        { id: 'race', type: 'eventBasedGateway' },
        task('a'),
        { id: 'b', type: 'boundaryEvent', attachedTo: 'race', timer: { duration: 'P1D' } },
        { id: 'esc', type: 'boundaryEvent', attachedTo: 'a', escalation: {} },
        end,
      ],
      ['start->race', 'race->a', 'a->end', 'b->end', 'esc->end'],
    );
    expect(rules(def)).toEqual(
      expect.arrayContaining(['race:event-gateway', 'b:boundary-event', 'esc:boundary-event']),
    );
  });

  it('checks every scope of an embedded sub-process', () => {
    const def = definition(
      [
        start,
        { id: 'sub', type: 'subProcess', elements: [task('inner')], flows: [] } as FlowElement,
        end,
      ],
      ['start->sub', 'sub->end'],
    );
    // Without a start event, reachability inside the sub-process is not judged.
    expect(rules(def)).toEqual(['sub:start-event', 'sub:end-event', 'inner:dead-end']);
  });
});

describe('durations held by variables', () => {
  it('needs a declared duration variable', () => {
    const def = definition(
      [
        start,
        task('monitor', { dueInVariable: 'interval' } as Partial<FlowElement>),
        { id: 'pause', type: 'intermediateCatchEvent', timer: { durationVariable: 'missing' } },
        end,
      ],
      ['start->monitor', 'monitor->pause', 'pause->end'],
      { interval: { type: 'string' } },
    );
    expect(validateDefinition(def, catalog).map((p) => `${p.element} ${p.rule}`)).toEqual(
      expect.arrayContaining(['monitor variable-type', 'pause undefined-variable']),
    );
  });
});

describe('ids', () => {
  it('must be XML names, since the BPMN export uses them as ids', () => {
    const def = definition([start, task('a b'), end], [['start->a', 'start', 'a b'], 'a b->end']);
    expect(rules(def)).toEqual(expect.arrayContaining(['a b:invalid-id', 'start->a:invalid-id']));
  });
});

describe('size', () => {
  it('checks a very long chain without overflowing the stack, and finds its loop', () => {
    const steps = Array.from({ length: 20_000 }, (_, i): FlowElement => ({
      id: `s${i}`,
      type: 'serviceTask',
      activity: 'recordPlan',
    }));
    const def = definition(
      [start, ...steps, { id: 'g', type: 'exclusiveGateway', default: 'out' }, end],
      [
        'start->s0',
        ...steps.slice(1).map((s, i) => `s${i}->${s.id}`),
        's19999->g',
        ['out', 'g', 'end'],
        ['again', 'g', 's0', true],
      ],
    );
    expect(rules(def)).toEqual(['again:gateway-overlap', 's0:cycle-without-wait']);
  });
});

describe('conditions', () => {
  // `reduce` reads its own `current` and `accumulator`; declared here so only the check is judged.
  const gate = (condition: unknown) =>
    definition(
      [start, { id: 'g', type: 'exclusiveGateway', default: 'no' }, task('a'), end],
      ['start->g', ['yes', 'g', 'a', condition], ['no', 'g', 'end'], 'a->end'],
      { current: { type: 'number' }, accumulator: { type: 'number' } },
    );

  it('refuses an operation JSON Logic does not know, however deep', () => {
    expect(rules(gate({ and: [true, { '==': [1, { lenght: [1] }] }] }))).toEqual([
      'yes:invalid-expression',
    ]);
    expect(rules(gate({ and: [true, { '==': [1, { max: [1, 2] }] }] }))).toEqual([]);
  });

  it('checks a condition without evaluating it, however costly its evaluation', () => {
    // Three nested reductions over 150 items: millions of steps to evaluate, a few to check.
    const list = Array.from({ length: 150 }, (_, i) => i);
    let condition: unknown = { '+': [{ var: 'current' }, 1] };
    for (let depth = 0; depth < 3; depth++) {
      condition = { reduce: [list, { '+': [{ var: 'accumulator' }, condition] }, 0] };
    }
    const started = performance.now();
    expect(rules(gate({ '>': [condition, 0] }))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
