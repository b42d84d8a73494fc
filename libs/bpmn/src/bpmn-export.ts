import { layoutProcess } from 'bpmn-auto-layout';
import { BpmnModdle, ModdleElement } from 'bpmn-moddle';
import type { FlowElement, ProcessDefinition, SequenceFlow, TimerDefinition } from '@sss/domain';

/** Expressions stay JSON Logic in the export; the language attribute says so. */
const JSON_LOGIC = 'https://jsonlogic.com';

/**
 * Exports a definition as BPMN 2.0 XML with a laid-out diagram, for reading and discussing it in
 * bpmn.io or Camunda Modeler. The export is a view: the JSON definition remains the source.
 */
export async function toBpmnXml(def: ProcessDefinition): Promise<string> {
  const moddle = new BpmnModdle();
  const roots: ModdleElement[] = [];
  const messages = new Map<string, ModdleElement>();
  const escalations = new Map<string, ModdleElement>();
  const expression = (body: string) =>
    moddle.create('bpmn:FormalExpression', { body, language: JSON_LOGIC });
  const docs = (text: string) => [moddle.create('bpmn:Documentation', { text })];

  const message = (name: string) => {
    if (!messages.has(name)) {
      messages.set(name, moddle.create('bpmn:Message', { id: `Message_${safe(name)}`, name }));
    }
    return messages.get(name);
  };
  const escalation = (code: string) => {
    if (!escalations.has(code)) {
      escalations.set(
        code,
        moddle.create('bpmn:Escalation', { id: `Escalation_${safe(code)}`, escalationCode: code }),
      );
    }
    return escalations.get(code);
  };
  const timer = (t: TimerDefinition) =>
    moddle.create('bpmn:TimerEventDefinition', {
      ...(t.duration ? { timeDuration: expression(t.duration) } : {}),
      ...(t.date ? { timeDate: expression(t.date) } : {}),
      ...(t.dateVariable ? { timeDate: expression(`\${${t.dateVariable}}`) } : {}),
      ...(t.durationVariable ? { timeDuration: expression(`\${${t.durationVariable}}`) } : {}),
      ...(t.cycle ? { timeCycle: expression(`R${t.cycle.times ?? ''}/${t.cycle.every}`) } : {}),
    });

  const node = (el: FlowElement): ModdleElement => {
    const base = { id: el.id, name: el.name ?? el.id };
    switch (el.type) {
      case 'startEvent':
        return moddle.create('bpmn:StartEvent', base);
      case 'endEvent': {
        const definitions = [
          ...(el.outcome === 'completed' ? [] : [moddle.create('bpmn:TerminateEventDefinition')]),
          ...(el.escalation !== undefined
            ? [
                moddle.create('bpmn:EscalationEventDefinition', {
                  escalationRef: escalation(el.escalation),
                }),
              ]
            : []),
        ];
        return moddle.create('bpmn:EndEvent', {
          ...base,
          eventDefinitions: definitions,
          documentation: docs(`outcome: ${el.outcome}`),
        });
      }
      case 'userTask':
        return moddle.create('bpmn:UserTask', {
          ...base,
          documentation: docs(
            [
              `role: ${el.candidateRole}`,
              el.dueIn ? `due in ${el.dueIn}` : '',
              el.dueInVariable ? `due in ${el.dueInVariable}` : '',
              el.form ? `form: ${Object.keys(el.form).join(', ')}` : '',
            ]
              .filter(Boolean)
              .join('; '),
          ),
        });
      case 'serviceTask':
        return moddle.create('bpmn:ServiceTask', {
          ...base,
          implementation: el.activity,
        });
      case 'exclusiveGateway':
      case 'parallelGateway':
      case 'eventBasedGateway':
        return moddle.create(`bpmn:${capital(el.type)}`, base);
      case 'intermediateCatchEvent':
        return moddle.create('bpmn:IntermediateCatchEvent', {
          ...base,
          eventDefinitions: [
            el.timer
              ? timer(el.timer)
              : moddle.create('bpmn:MessageEventDefinition', {
                  messageRef: message(el.message?.name ?? ''),
                }),
          ],
        });
      case 'boundaryEvent':
        return moddle.create('bpmn:BoundaryEvent', {
          ...base,
          cancelActivity: el.interrupting !== false,
          eventDefinitions: [
            el.timer
              ? timer(el.timer)
              : el.message
                ? moddle.create('bpmn:MessageEventDefinition', {
                    messageRef: message(el.message.name),
                  })
                : moddle.create('bpmn:EscalationEventDefinition', {
                    ...(el.escalation?.code
                      ? { escalationRef: escalation(el.escalation.code) }
                      : {}),
                  }),
          ],
        });
      case 'callActivity':
        return moddle.create('bpmn:CallActivity', {
          ...base,
          calledElement: `Process_${el.calledElement}`,
          documentation: docs(`calls ${el.calledElement}@${el.version}`),
        });
      case 'subProcess':
        return moddle.create('bpmn:SubProcess', {
          ...base,
          flowElements: scope(el.elements, el.flows),
        });
    }
  };

  const scope = (elements: FlowElement[], flows: SequenceFlow[]): ModdleElement[] => {
    const nodes = new Map(elements.map((el) => [el.id, node(el)]));
    for (const el of elements) {
      if (el.type === 'boundaryEvent') nodes.get(el.id)!.attachedToRef = nodes.get(el.attachedTo);
    }
    const edges = flows.map((flow) => {
      const source = nodes.get(flow.source) as ModdleElement;
      const target = nodes.get(flow.target) as ModdleElement;
      const edge = moddle.create('bpmn:SequenceFlow', {
        id: flow.id,
        ...(flow.name ? { name: flow.name } : {}),
        sourceRef: source,
        targetRef: target,
        ...(flow.condition !== undefined
          ? { conditionExpression: expression(JSON.stringify(flow.condition)) }
          : {}),
      });
      source.outgoing = [...((source.outgoing as ModdleElement[]) ?? []), edge];
      target.incoming = [...((target.incoming as ModdleElement[]) ?? []), edge];
      return edge;
    });
    for (const el of elements) {
      if (el.type === 'exclusiveGateway' && el.default) {
        nodes.get(el.id)!.default = edges.find((e) => e.id === el.default);
      }
    }
    return [...nodes.values(), ...edges];
  };

  const process = moddle.create('bpmn:Process', {
    id: `Process_${def.id}`,
    name: `${def.name} (v${def.version})`,
    isExecutable: true,
    flowElements: scope(def.elements, def.flows),
  });
  roots.push(...messages.values(), ...escalations.values(), process);
  const definitions = moddle.create('bpmn:Definitions', {
    id: `Definitions_${def.id}_v${def.version}`,
    targetNamespace: 'urn:sss:process-definitions',
    exporter: 'sss-case-engine',
    rootElements: roots,
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  return layoutProcess(xml);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}
