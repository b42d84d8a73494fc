import { definitionKey, ProcessDefinition } from './definition';
import { ProcessEngine } from './engine';
import { planMigration } from './migration';
import { definition, end, start, T0, task } from './test/builders';

const v1 = {
  ...definition(
    [start, task('intake'), task('review'), end],
    ['start->intake', 'intake->review', 'review->end'],
  ),
  id: 'case',
  version: 1,
} as ProcessDefinition;
/** v2 renames intake to interview and adds a plan step after review. */
const v2 = {
  ...definition(
    [start, task('interview', { name: 'Interview' }), task('review'), task('plan'), end],
    ['start->interview', 'interview->review', 'review->plan', 'plan->end'],
  ),
  id: 'case',
  version: 2,
} as ProcessDefinition;

const startedOn = (def: ProcessDefinition) => new ProcessEngine(def).start({}, T0).state;

describe('planMigration', () => {
  it('moves a process standing on a renamed task once the mapping names it, and it runs on', () => {
    const plan = planMigration(startedOn(v1), v1, v2, { intake: 'interview' });
    if (!plan.canMove) throw new Error(plan.reasons.join('; '));
    expect(plan.state.definition).toBe('case@2');
    expect(plan.state.tasks.map((t) => [t.elementId, t.name])).toEqual([
      ['interview', 'Interview'],
    ]);
    // The new definition's engine takes it from there: the task completes, v2's next step opens.
    const engine = new ProcessEngine(v2);
    const [open] = plan.state.tasks;
    const step = engine.apply(
      plan.state,
      { type: 'taskCompleted', taskId: open.id, data: {}, by: 'c' },
      T0 + 1,
    );
    expect(step.state.tasks.map((t) => t.elementId)).toEqual(['review']);
  });

  it('keeps ids the target also has without a mapping', () => {
    const engine = new ProcessEngine(v1);
    const first = engine.start({}, T0).state;
    const atReview = engine.apply(
      first,
      { type: 'taskCompleted', taskId: first.tasks[0].id, data: {}, by: 'c' },
      T0 + 1,
    ).state;
    const plan = planMigration(atReview, v1, v2, {});
    expect(plan.canMove && plan.state.tasks.map((t) => t.elementId)).toEqual(['review']);
  });

  it('says why a process cannot move: an open element without a mapping, a mapping to a missing or different element', () => {
    expect(planMigration(startedOn(v1), v1, v2, {})).toEqual({
      canMove: false,
      reasons: ['open element intake has no mapping: case@2 has no element intake'],
    });
    expect(planMigration(startedOn(v1), v1, v2, { intake: 'nowhere', ghost: 'plan' })).toEqual({
      canMove: false,
      reasons: [
        'mapping names ghost, which case@1 lacks',
        'open element intake has no mapping: case@2 has no element nowhere',
      ],
    });
    expect(planMigration(startedOn(v1), v1, v2, { intake: 'end' })).toMatchObject({
      canMove: false,
      reasons: ['open element intake (userTask) maps to end, a endEvent'],
    });
  });

  it('refuses a process already on the target, and one with work in progress', () => {
    const onV2 = startedOn(v2);
    expect(planMigration(onV2, v2, v2, {})).toMatchObject({
      reasons: [`the process runs on ${definitionKey(v2)} already`],
    });
    const busy = {
      ...startedOn(v1),
      work: [{ id: 'w1', tokenId: 't1', elementId: 'meet', kind: 'child' as const }],
    };
    expect(planMigration(busy, v1, v2, { intake: 'interview' })).toEqual({
      canMove: false,
      reasons: ['meet is in progress (a process it called): migrate once it has finished'],
    });
  });
});
