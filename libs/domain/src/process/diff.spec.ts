import { diffDefinitions, formatChange } from './diff';
import { definition, end, start, task } from './test/builders';

describe('diffDefinitions', () => {
  const v1 = definition(
    [start, task('assess', { dueIn: 'P14D' }), task('plan'), end],
    ['start->assess', 'assess->plan', 'plan->end'],
    { risk: { type: 'string' } },
  );

  it('finds nothing between a definition and a reordered copy of it', () => {
    const reordered = {
      ...v1,
      elements: [...v1.elements].reverse(),
      flows: [...v1.flows].reverse(),
    };
    expect(diffDefinitions(v1, reordered)).toEqual([]);
  });

  it('names added, removed and changed elements, flows and variables by id', () => {
    const v2 = definition(
      [start, task('assess', { dueIn: 'P10D', candidateRole: 'agencyStaff' }), task('review'), end],
      ['start->assess', 'assess->review', 'review->end'],
      { risk: { type: 'string', enum: ['low', 'high'] } },
    );
    const lines = diffDefinitions(v1, v2).map(formatChange).sort();
    expect(lines).toEqual(
      [
        '~ element assess: dueIn "P14D" -> "P10D"',
        '~ element assess: candidateRole "coordinator" -> "agencyStaff"',
        '- element plan',
        '+ element review',
        '- flow assess-plan',
        '- flow plan-end',
        '+ flow assess-review',
        '+ flow review-end',
        '+ variable risk: enum ["low","high"]',
      ].sort(),
    );
  });

  it('shows an element moved into a sub-process as a change of scope', () => {
    const v2 = definition(
      [
        start,
        {
          id: 'phase',
          type: 'subProcess',
          elements: [
            { id: 's', type: 'startEvent' },
            task('assess', { dueIn: 'P14D' }),
            { id: 'e', type: 'endEvent', outcome: 'completed' },
          ],
          flows: [
            { id: 's-assess', source: 's', target: 'assess' },
            { id: 'assess-e', source: 'assess', target: 'e' },
          ],
        },
        task('plan'),
        end,
      ],
      ['start->phase', 'phase->plan', 'plan->end'],
      { risk: { type: 'string' } },
    );
    const changes = diffDefinitions(v1, v2).map(formatChange);
    expect(changes).toContain('+ element assess: scope "phase"');
    expect(changes).toContain('+ element phase');
    expect(changes).not.toContain('- element assess');
  });
});
