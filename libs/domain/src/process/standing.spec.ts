import { processStanding } from './standing';
import type { ProcessView } from './view';

const view = (over: Partial<ProcessView>): ProcessView => ({
  definition: 'collaboration@2',
  status: 'running',
  activeElements: [],
  openTasks: [],
  waitingFor: [],
  calls: [],
  overdue: false,
  escalationLevel: 0,
  completedSteps: [],
  completedCount: 0,
  incidents: [],
  variables: {},
  ...over,
});
const task = (elementId: string, overdue: boolean) => ({
  id: `t-${elementId}`,
  elementId,
  role: 'coordinator',
  createdAt: '2026-12-01T00:00:00.000Z',
  overdue,
  escalationLevel: 0,
});
const step = (elementId: string) => ({ elementId, at: '2026-12-01T00:00:00.000Z' });

describe('where a process stands', () => {
  it('puts each element in the most pressing list: overdue, open, done', () => {
    const standing = processStanding(
      view({
        activeElements: ['monitor', 'assess', 'contactWatch'],
        openTasks: [task('monitor', true), task('assess', false)],
        completedSteps: [step('start'), step('assess'), step('monitor'), step('start')],
      }),
    );
    expect(standing).toEqual({
      overdue: ['monitor'],
      open: ['assess', 'contactWatch'],
      done: ['start'],
    });
  });

  it('shows a call activity open while its child runs, and overdue when the child has an overdue task', () => {
    const root = view({
      activeElements: ['meeting'],
      calls: [{ elementId: 'meeting', workId: 'w1' }],
    });
    const child = view({ openTasks: [task('recordOutcome', false)] });
    expect(processStanding(root, { meeting: [child] }).open).toEqual(['meeting']);
    const late = view({ openTasks: [task('recordOutcome', true)], overdue: true });
    expect(processStanding(root, { meeting: [late] })).toMatchObject({
      overdue: ['meeting'],
      open: [],
    });
  });
});
