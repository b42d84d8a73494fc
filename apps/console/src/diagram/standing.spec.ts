import { markerOf, stepsByState } from './standing';

describe("a case diagram's text alternative", () => {
  it('lists each step under its state, by name, once, in diagram order', () => {
    const steps = stepsByState([
      { id: 'recordReferral', name: 'つなぎの記録', type: 'bpmn:ServiceTask', state: 'done' },
      { id: 'meeting', name: '支援会議', type: 'bpmn:CallActivity', state: 'overdue' },
      { id: 'plan_consent', name: 'プランの本人同意', type: 'bpmn:UserTask', state: 'open' },
      { id: 'plan_consent', name: 'プランの本人同意', type: 'bpmn:UserTask', state: 'open' },
      { id: 'monitoring', name: 'モニタリング', type: 'bpmn:UserTask' },
      { id: 'gateway', type: 'bpmn:ExclusiveGateway', state: 'done' },
    ]);
    expect(steps).toEqual({
      overdue: [{ id: 'meeting', name: '支援会議' }],
      open: [{ id: 'plan_consent', name: 'プランの本人同意' }],
      done: [
        { id: 'recordReferral', name: 'つなぎの記録' },
        { id: 'gateway', name: 'gateway' },
      ],
    });
  });

  it('ignores flows, labels and states it does not know', () => {
    const steps = stepsByState([
      { id: 'f1', type: 'bpmn:SequenceFlow', state: 'done' },
      { id: 'task_label', type: 'label', state: 'open' },
      { id: 'x', type: 'bpmn:UserTask', state: 'waiting' },
    ]);
    expect(steps).toEqual({ overdue: [], open: [], done: [] });
  });

  it('names the marker each state gets', () => {
    expect(markerOf('overdue')).toBe('sss-overdue');
  });
});
