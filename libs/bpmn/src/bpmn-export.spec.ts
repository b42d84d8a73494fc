import type { ModdleElement } from 'bpmn-moddle';
import type { FlowElement, ProcessDefinition } from '@sss/domain';
import { RELEASED_DEFINITIONS } from '@sss/definitions';
import { toBpmnXml } from './bpmn-export';
import { sssModdle } from './sss-moddle';

/** Every element kind the model has, in one definition, so the export covers each mapping. */
const everyKind: ProcessDefinition = {
  id: 'every-kind',
  version: 2,
  name: 'Every kind',
  variables: { agreed: { type: 'boolean' } },
  elements: [
    { id: 'start', type: 'startEvent' },
    {
      id: 'agree',
      type: 'userTask',
      candidateRole: 'coordinator',
      dueIn: 'P14D',
      form: { agreed: { type: 'boolean', required: true } },
    },
    {
      id: 'remind',
      type: 'boundaryEvent',
      attachedTo: 'agree',
      interrupting: false,
      timer: { cycle: { every: 'P7D', times: 3 } },
    },
    { id: 'decide', type: 'exclusiveGateway', default: 'decide-wait' },
    { id: 'store', type: 'serviceTask', activity: 'recordStep' },
    { id: 'fork', type: 'parallelGateway' },
    { id: 'child', type: 'callActivity', calledElement: 'meeting', version: 1 },
    {
      id: 'inner',
      type: 'subProcess',
      elements: [
        { id: 'innerStart', type: 'startEvent' },
        { id: 'innerEnd', type: 'endEvent', outcome: 'completed', escalation: 'help' },
      ],
      flows: [{ id: 'inner-1', source: 'innerStart', target: 'innerEnd' }],
    },
    { id: 'helped', type: 'boundaryEvent', attachedTo: 'inner', escalation: { code: 'help' } },
    { id: 'join', type: 'parallelGateway' },
    { id: 'race', type: 'eventBasedGateway' },
    { id: 'wait', type: 'intermediateCatchEvent', timer: { duration: 'P1M' } },
    { id: 'call', type: 'intermediateCatchEvent', message: { name: 'contact-recorded' } },
    { id: 'done', type: 'endEvent', outcome: 'completed' },
    { id: 'stopped', type: 'endEvent', outcome: 'suspended' },
  ],
  flows: [
    { id: 'f1', source: 'start', target: 'agree' },
    { id: 'f2', source: 'agree', target: 'decide' },
    {
      id: 'decide-yes',
      source: 'decide',
      target: 'store',
      condition: { '==': [{ var: 'agreed' }, true] },
    },
    { id: 'decide-wait', source: 'decide', target: 'race' },
    { id: 'f3', source: 'store', target: 'fork' },
    { id: 'f4', source: 'fork', target: 'child' },
    { id: 'f5', source: 'fork', target: 'inner' },
    { id: 'f6', source: 'child', target: 'join' },
    { id: 'f7', source: 'inner', target: 'join' },
    { id: 'f8', source: 'join', target: 'done' },
    { id: 'f9', source: 'helped', target: 'stopped' },
    { id: 'f10', source: 'remind', target: 'done' },
    { id: 'f11', source: 'race', target: 'wait' },
    { id: 'f12', source: 'race', target: 'call' },
    { id: 'f13', source: 'wait', target: 'agree' },
    { id: 'f14', source: 'call', target: 'agree' },
  ],
};

const BPMN_TYPES: Record<FlowElement['type'], string> = {
  startEvent: 'bpmn:StartEvent',
  endEvent: 'bpmn:EndEvent',
  userTask: 'bpmn:UserTask',
  serviceTask: 'bpmn:ServiceTask',
  exclusiveGateway: 'bpmn:ExclusiveGateway',
  parallelGateway: 'bpmn:ParallelGateway',
  eventBasedGateway: 'bpmn:EventBasedGateway',
  intermediateCatchEvent: 'bpmn:IntermediateCatchEvent',
  boundaryEvent: 'bpmn:BoundaryEvent',
  callActivity: 'bpmn:CallActivity',
  subProcess: 'bpmn:SubProcess',
};

async function parse(xml: string) {
  const { rootElement, warnings } = await sssModdle().fromXML(xml);
  const process = (rootElement.rootElements as ModdleElement[]).find(
    (e) => e.$type === 'bpmn:Process',
  )!;
  const plane = (rootElement.diagrams as ModdleElement[])[0].plane as ModdleElement;
  const shapes = new Map(
    (plane.planeElement as ModdleElement[]).map((d) => [(d.bpmnElement as ModdleElement).id, d]),
  );
  return { rootElement, warnings, process, shapes };
}

const children = (scope: ModdleElement) => (scope.flowElements as ModdleElement[]) ?? [];
const byId = (scope: ModdleElement, id: string) => children(scope).find((e) => e.id === id)!;

describe('BPMN export', () => {
  it.each(RELEASED_DEFINITIONS.map((d) => [`${d.id}@${d.version}`, d] as const))(
    'exports %s as BPMN that parses back with every element, flow and a diagram',
    async (_key, def) => {
      const { warnings, process, shapes } = await parse(await toBpmnXml(def));
      expect(warnings).toEqual([]);
      for (const el of def.elements) {
        expect(byId(process, el.id)?.$type).toBe(BPMN_TYPES[el.type]);
        expect(shapes.get(el.id)?.$type).toBe('bpmndi:BPMNShape');
      }
      for (const flow of def.flows) {
        const edge = byId(process, flow.id);
        expect(edge.$type).toBe('bpmn:SequenceFlow');
        expect([
          (edge.sourceRef as ModdleElement).id,
          (edge.targetRef as ModdleElement).id,
        ]).toEqual([flow.source, flow.target]);
        expect(shapes.get(flow.id)?.$type).toBe('bpmndi:BPMNEdge');
      }
    },
  );

  it('maps each element kind to its BPMN counterpart with its semantics', async () => {
    const { warnings, process, rootElement } = await parse(await toBpmnXml(everyKind));
    expect(warnings).toEqual([]);
    expect(process.id).toBe('Process_every-kind');
    for (const el of everyKind.elements)
      expect(byId(process, el.id).$type).toBe(BPMN_TYPES[el.type]);

    const remind = byId(process, 'remind');
    expect(remind.cancelActivity).toBe(false);
    expect((remind.attachedToRef as ModdleElement).id).toBe('agree');
    const cycle = (remind.eventDefinitions as ModdleElement[])[0];
    expect((cycle.timeCycle as ModdleElement).body).toBe('R3/P7D');

    const decide = byId(process, 'decide');
    expect((decide.default as ModdleElement).id).toBe('decide-wait');
    const condition = byId(process, 'decide-yes').conditionExpression as ModdleElement;
    expect(JSON.parse(condition.body as string)).toEqual({ '==': [{ var: 'agreed' }, true] });

    expect(byId(process, 'store').activity).toBe('recordStep');
    expect(byId(process, 'child').calledElement).toBe('Process_meeting');

    const inner = byId(process, 'inner');
    expect(children(inner).map((e) => e.id)).toEqual(['innerStart', 'innerEnd', 'inner-1']);
    const thrown = (byId(inner, 'innerEnd').eventDefinitions as ModdleElement[])[0];
    const caught = (byId(process, 'helped').eventDefinitions as ModdleElement[])[0];
    expect((thrown.escalationRef as ModdleElement).escalationCode).toBe('help');
    expect(caught.escalationRef).toBe(thrown.escalationRef);

    const message = (byId(process, 'call').eventDefinitions as ModdleElement[])[0];
    expect((message.messageRef as ModdleElement).name).toBe('contact-recorded');
    expect(
      (byId(process, 'stopped').eventDefinitions as ModdleElement[]).map((d) => d.$type),
    ).toEqual(['bpmn:TerminateEventDefinition']);
    expect((rootElement.rootElements as ModdleElement[]).map((e) => e.$type)).toEqual([
      'bpmn:Message',
      'bpmn:Escalation',
      'bpmn:Process',
    ]);
  });
});
