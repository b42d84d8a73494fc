import type { BpmnModdle, ModdleElement } from 'bpmn-moddle';
import type {
  FlowElement,
  ProcessDefinition,
  Recipient,
  Reminder,
  SequenceFlow,
  TimerDefinition,
} from '@sss/domain';
import { layOut } from './bpmn-layout';
import { JSON_LOGIC, PROCESS_ID_PREFIX, sssModdle } from './sss-moddle';

/**
 * Exports a definition as BPMN 2.0 XML with a laid-out diagram, for reading and discussing it in
 * bpmn.io or Camunda Modeler. Standard BPMN carries the flow; everything else the definition says
 * (forms, roles, stages, due dates, reminders, escalations, invitations, notices, service inputs)
 * is in our namespace (`sss.moddle.json`), so `fromBpmnXml` gives back the same definition.
 */
export async function toBpmnXml(def: ProcessDefinition): Promise<string> {
  const moddle = sssModdle();
  const { xml } = await moddle.toXML(toBpmnModel(moddle, def), { format: true });
  return layOut(xml);
}

/** The definition as BPMN model elements, without a diagram. */
export function toBpmnModel(moddle: BpmnModdle, def: ProcessDefinition): ModdleElement {
  const messages = new Map<string, ModdleElement>();
  const escalations = new Map<string, ModdleElement>();
  const expression = (body: string) =>
    moddle.create('bpmn:FormalExpression', { body, language: JSON_LOGIC });
  const extensions = (values: ModdleElement[]) =>
    values.length ? { extensionElements: moddle.create('bpmn:ExtensionElements', { values }) } : {};
  const values = (allowed: string[] | undefined) =>
    allowed ? { values: allowed.map((value) => moddle.create('sss:Value', { value })) } : {};
  const recipients = (type: string, list: (Recipient | Reminder)[] | undefined) =>
    (list ?? []).map((r) => moddle.create(type, { ...r }));

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
  const mapping = (
    input: Record<string, unknown> | undefined,
    output: Record<string, string> | undefined,
  ) => [
    ...Object.entries(input ?? {}).map(([name, value]) =>
      moddle.create('sss:Input', { name, value: JSON.stringify(value) }),
    ),
    ...Object.entries(output ?? {}).map(([name, from]) =>
      moddle.create('sss:Output', { name, from }),
    ),
  ];

  const node = (el: FlowElement): ModdleElement => {
    const base = {
      id: el.id,
      ...(el.name !== undefined ? { name: el.name } : {}),
      ...(el.nameJa !== undefined ? { nameJa: el.nameJa } : {}),
      ...(el.stage !== undefined ? { stage: el.stage } : {}),
    };
    switch (el.type) {
      case 'startEvent':
        return moddle.create('bpmn:StartEvent', base);
      case 'endEvent':
        return moddle.create('bpmn:EndEvent', {
          ...base,
          outcome: el.outcome,
          eventDefinitions: [
            ...(el.outcome === 'completed' ? [] : [moddle.create('bpmn:TerminateEventDefinition')]),
            ...(el.escalation !== undefined
              ? [
                  moddle.create('bpmn:EscalationEventDefinition', {
                    escalationRef: escalation(el.escalation),
                  }),
                ]
              : []),
          ],
        });
      case 'userTask':
        return moddle.create('bpmn:UserTask', {
          ...base,
          candidateRole: el.candidateRole,
          ...(el.dueIn !== undefined ? { dueIn: el.dueIn } : {}),
          ...(el.dueInVariable !== undefined ? { dueInVariable: el.dueInVariable } : {}),
          ...(el.escalationFrom !== undefined ? { escalationFrom: el.escalationFrom } : {}),
          ...extensions([
            ...Object.entries(el.form ?? {}).map(([name, f]) =>
              moddle.create('sss:FormField', {
                name,
                type: f.type,
                ...(f.required !== undefined ? { required: f.required } : {}),
                ...values(f.enum),
              }),
            ),
            ...recipients('sss:Reminder', el.reminders),
            ...(el.escalation ?? []).map((s) => moddle.create('sss:EscalationStep', { ...s })),
          ]),
        });
      case 'serviceTask':
        return moddle.create('bpmn:ServiceTask', {
          ...base,
          activity: el.activity,
          ...extensions(mapping(el.input, el.output)),
        });
      case 'exclusiveGateway':
      case 'parallelGateway':
      case 'eventBasedGateway':
        return moddle.create(`bpmn:${capital(el.type)}`, base);
      case 'intermediateCatchEvent':
        return moddle.create('bpmn:IntermediateCatchEvent', {
          ...base,
          eventDefinitions: [
            ...(el.timer ? [timer(el.timer)] : []),
            ...(el.message
              ? [
                  moddle.create('bpmn:MessageEventDefinition', {
                    messageRef: message(el.message.name),
                  }),
                ]
              : []),
          ],
          ...extensions([
            ...recipients('sss:Invite', el.invite),
            ...recipients('sss:Reminder', el.reminders),
            ...recipients('sss:Notify', el.notify),
          ]),
        });
      case 'boundaryEvent':
        return moddle.create('bpmn:BoundaryEvent', {
          ...base,
          ...(el.interrupting !== undefined ? { cancelActivity: el.interrupting } : {}),
          eventDefinitions: [
            ...(el.timer ? [timer(el.timer)] : []),
            ...(el.message
              ? [
                  moddle.create('bpmn:MessageEventDefinition', {
                    messageRef: message(el.message.name),
                  }),
                ]
              : []),
            ...(el.escalation
              ? [
                  moddle.create('bpmn:EscalationEventDefinition', {
                    ...(el.escalation.code !== undefined
                      ? { escalationRef: escalation(el.escalation.code) }
                      : {}),
                  }),
                ]
              : []),
          ],
        });
      case 'callActivity':
        return moddle.create('bpmn:CallActivity', {
          ...base,
          calledElement: `${PROCESS_ID_PREFIX}${el.calledElement}`,
          calledVersion: String(el.version),
          ...extensions(mapping(el.input, el.output)),
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
        ...(flow.name !== undefined ? { name: flow.name } : {}),
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
      if (el.type === 'exclusiveGateway' && el.default !== undefined) {
        nodes.get(el.id)!.default = edges.find((e) => e.id === el.default);
      }
    }
    return [...nodes.values(), ...edges];
  };

  const process = moddle.create('bpmn:Process', {
    id: `${PROCESS_ID_PREFIX}${def.id}`,
    name: def.name,
    version: def.version,
    isExecutable: true,
    ...(def.description !== undefined
      ? { documentation: [moddle.create('bpmn:Documentation', { text: def.description })] }
      : {}),
    ...extensions(
      Object.entries(def.variables).map(([name, v]) =>
        moddle.create('sss:Variable', {
          name,
          type: v.type,
          ...(v.description !== undefined ? { description: v.description } : {}),
          ...values(v.enum),
        }),
      ),
    ),
    flowElements: scope(def.elements, def.flows),
  });
  return moddle.create('bpmn:Definitions', {
    id: `Definitions_${def.id}_v${def.version}`,
    targetNamespace: 'urn:sss:process-definitions',
    exporter: 'sss-case-engine',
    rootElements: [...messages.values(), ...escalations.values(), process],
  });
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}
