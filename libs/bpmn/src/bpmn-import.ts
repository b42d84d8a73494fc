import type { ModdleElement } from 'bpmn-moddle';
import { MAX_NESTING } from '@sss/domain/process/definition-structure';
import type { DefinitionProblem } from '@sss/domain';
import { PROCESS_ID_PREFIX, sssModdle } from './sss-moddle';

/** What an import gives: a value to validate as a definition, or why there is none. */
export interface BpmnImport {
  /** Shaped like a definition as far as the XML says; the validator judges the rest. */
  definition?: Record<string, unknown>;
  problems: DefinitionProblem[];
  /** The file has its own diagram (drawn in a modeler), which is kept rather than generated. */
  drawn: boolean;
}

/** A drawn definition is tens of kilobytes; larger input is refused before it is parsed. */
export const MAX_BPMN_CHARS = 4 * 1024 * 1024;

const SSS = 'sss:';
const EXTENSIONS: Record<string, string[]> = {
  'bpmn:Process': ['sss:Variable'],
  'bpmn:UserTask': ['sss:FormField', 'sss:Reminder', 'sss:EscalationStep'],
  'bpmn:ServiceTask': ['sss:Input', 'sss:Output'],
  'bpmn:CallActivity': ['sss:Input', 'sss:Output'],
  'bpmn:IntermediateCatchEvent': ['sss:Invite', 'sss:Reminder', 'sss:Notify'],
};

/**
 * Reads BPMN 2.0 XML (from `toBpmnXml`, Camunda Modeler or bpmn.io) into a definition: standard
 * BPMN for the flow, our namespace for the rest. Anything it cannot read is a problem naming the
 * element; nothing throws. Foreign extensions (a modeler's own) are ignored.
 */
export async function fromBpmnXml(xml: string): Promise<BpmnImport> {
  const refuse = (rule: string, message: string, element = 'the file'): BpmnImport => ({
    problems: [{ element, rule, message }],
    drawn: false,
  });
  if (typeof xml !== 'string') return refuse('not-xml', 'no XML text');
  if (xml.length > MAX_BPMN_CHARS) {
    return refuse(
      'too-large',
      `${xml.length} characters; a BPMN file has at most ${MAX_BPMN_CHARS}`,
    );
  }
  let root: ModdleElement;
  let warnings: { message: string }[];
  try {
    ({ rootElement: root, warnings } = await sssModdle().fromXML(xml.replace(/^\uFEFF/, '')));
  } catch (e) {
    return refuse('not-bpmn', firstLine((e as Error)?.message ?? String(e)));
  }
  if (!root || root.$type !== 'bpmn:Definitions') {
    return refuse('not-bpmn', 'the document is not BPMN 2.0 definitions');
  }
  const problems: DefinitionProblem[] = warnings.map((w) => ({
    element: 'the file',
    rule: 'not-bpmn',
    message: firstLine(w.message),
  }));
  const processes = list(root.rootElements).filter((e) => e.$type === 'bpmn:Process');
  if (processes.length !== 1) {
    problems.push({
      element: 'the file',
      rule: 'one-process',
      message: `a definition is one bpmn:process; the file has ${processes.length}`,
    });
    return { problems, drawn: false };
  }
  const reader = new Reader(problems);
  const definition = reader.process(processes[0]);
  return { definition, problems, drawn: list(root.diagrams).length > 0 };
}

class Reader {
  constructor(private readonly problems: DefinitionProblem[]) {}

  process(p: ModdleElement): Record<string, unknown> {
    const id = str(p.id) ?? '';
    if (!id.startsWith(PROCESS_ID_PREFIX)) {
      this.problem(
        id || 'the process',
        'process-id',
        `the process id is ${PROCESS_ID_PREFIX}<definition id>, e.g. ${PROCESS_ID_PREFIX}community`,
      );
    }
    if (!own(p, 'version')) {
      this.problem(
        id || 'the process',
        'missing-version',
        'the process needs sss:version (an integer from 1)',
      );
    }
    const variables: Record<string, unknown> = {};
    for (const v of this.extensions(p, id)) {
      variables[str(v.name) ?? ''] = {
        type: v.type,
        ...this.allowed(v),
        ...(own(v, 'description') ? { description: v.description } : {}),
      };
    }
    const documentation = list(p.documentation)[0];
    return {
      id: id.slice(PROCESS_ID_PREFIX.length),
      version: p.version,
      ...(own(p, 'name') ? { name: p.name } : {}),
      ...(documentation ? { description: documentation.text ?? '' } : {}),
      variables,
      ...this.scope(p, 0),
    };
  }

  private scope(container: ModdleElement, depth: number) {
    const elements: Record<string, unknown>[] = [];
    const flows: Record<string, unknown>[] = [];
    if (depth > MAX_NESTING) {
      this.problem(
        str(container.id) ?? '',
        'too-deep',
        `sub-processes nested more than ${MAX_NESTING} deep`,
      );
      return { elements, flows };
    }
    for (const el of list(container.flowElements)) {
      if (el.$type === 'bpmn:SequenceFlow') flows.push(this.flow(el));
      else {
        const read = this.element(el, depth);
        if (read) elements.push(read);
      }
    }
    return { elements, flows };
  }

  private flow(f: ModdleElement): Record<string, unknown> {
    const id = str(f.id) ?? '';
    const condition = f.conditionExpression as ModdleElement | undefined;
    return {
      id,
      source: ref(f.sourceRef),
      target: ref(f.targetRef),
      ...(condition ? { condition: this.json(id, 'condition', condition.body) } : {}),
      ...(own(f, 'name') ? { name: f.name } : {}),
    };
  }

  private element(el: ModdleElement, depth: number): Record<string, unknown> | undefined {
    const id = str(el.id) ?? '';
    const base = {
      id,
      ...(own(el, 'name') ? { name: el.name } : {}),
      ...(own(el, 'nameJa') ? { nameJa: el.nameJa } : {}),
      ...(own(el, 'stage') ? { stage: el.stage } : {}),
    };
    const extensions = this.extensions(el, id);
    const of = (type: string) => extensions.filter((x) => x.$type === type);
    const definitions = list(el.eventDefinitions);
    const definition = (type: string) => definitions.find((d) => d.$type === type);
    const supported = (...types: string[]) => {
      for (const d of definitions) {
        if (!types.includes(d.$type)) {
          this.problem(
            id,
            'unsupported-event',
            `${d.$type} is not supported on ${el.$type}; use ${types.join(', ') || 'none'}`,
          );
        }
      }
    };
    switch (el.$type) {
      case 'bpmn:StartEvent':
        supported();
        return { ...base, type: 'startEvent' };
      case 'bpmn:EndEvent': {
        supported('bpmn:TerminateEventDefinition', 'bpmn:EscalationEventDefinition');
        const thrown = definition('bpmn:EscalationEventDefinition');
        return {
          ...base,
          type: 'endEvent',
          outcome: own(el, 'outcome')
            ? el.outcome
            : definition('bpmn:TerminateEventDefinition')
              ? 'terminated'
              : 'completed',
          ...(thrown ? { escalation: this.escalationCode(id, thrown) ?? '' } : {}),
        };
      }
      case 'bpmn:UserTask': {
        const form: Record<string, unknown> = {};
        for (const f of of('sss:FormField')) {
          form[str(f.name) ?? ''] = {
            type: f.type,
            ...(own(f, 'required') ? { required: f.required } : {}),
            ...this.allowed(f),
          };
        }
        const reminders = of('sss:Reminder').map((r) =>
          attrs(r, ['to', 'agencies', 'before', 'every']),
        );
        const escalation = of('sss:EscalationStep').map((s) => attrs(s, ['after', 'to']));
        return {
          ...base,
          type: 'userTask',
          ...attrs(el, ['candidateRole', 'dueIn', 'dueInVariable', 'escalationFrom']),
          ...(Object.keys(form).length ? { form } : {}),
          ...(reminders.length ? { reminders } : {}),
          ...(escalation.length ? { escalation } : {}),
        };
      }
      case 'bpmn:ServiceTask':
        return {
          ...base,
          type: 'serviceTask',
          ...attrs(el, ['activity']),
          ...this.mapping(id, extensions),
        };
      case 'bpmn:ExclusiveGateway':
        return {
          ...base,
          type: 'exclusiveGateway',
          ...(el.default ? { default: ref(el.default) } : {}),
        };
      case 'bpmn:ParallelGateway':
        return { ...base, type: 'parallelGateway' };
      case 'bpmn:EventBasedGateway':
        return { ...base, type: 'eventBasedGateway' };
      case 'bpmn:IntermediateCatchEvent': {
        supported('bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition');
        const recipients = (type: string) => of(type).map((r) => attrs(r, ['to', 'agencies']));
        const [invite, notify] = [recipients('sss:Invite'), recipients('sss:Notify')];
        const reminders = of('sss:Reminder').map((r) =>
          attrs(r, ['to', 'agencies', 'before', 'every']),
        );
        return {
          ...base,
          type: 'intermediateCatchEvent',
          ...this.trigger(id, definitions),
          ...(invite.length ? { invite } : {}),
          ...(reminders.length ? { reminders } : {}),
          ...(notify.length ? { notify } : {}),
        };
      }
      case 'bpmn:BoundaryEvent': {
        supported(
          'bpmn:TimerEventDefinition',
          'bpmn:MessageEventDefinition',
          'bpmn:EscalationEventDefinition',
        );
        const caught = definition('bpmn:EscalationEventDefinition');
        const code = caught && this.escalationCode(id, caught);
        return {
          ...base,
          type: 'boundaryEvent',
          attachedTo: ref(el.attachedToRef),
          ...(own(el, 'cancelActivity') ? { interrupting: el.cancelActivity } : {}),
          ...this.trigger(id, definitions),
          ...(caught ? { escalation: code === undefined ? {} : { code } } : {}),
        };
      }
      case 'bpmn:CallActivity': {
        const called = str(el.calledElement) ?? '';
        const version = str(el.calledVersion);
        if (!called.startsWith(PROCESS_ID_PREFIX)) {
          this.problem(
            id,
            'called-element',
            `calledElement is ${PROCESS_ID_PREFIX}<definition id>, not ${JSON.stringify(called)}`,
          );
        }
        return {
          ...base,
          type: 'callActivity',
          calledElement: called.slice(PROCESS_ID_PREFIX.length),
          ...(version !== undefined
            ? { version: /^[1-9][0-9]{0,8}$/.test(version) ? Number(version) : version }
            : {}),
          ...this.mapping(id, extensions),
        };
      }
      case 'bpmn:SubProcess':
        if (el.triggeredByEvent) {
          this.problem(id, 'unsupported-element', 'event sub-processes are not supported');
        }
        return { ...base, type: 'subProcess', ...this.scope(el, depth + 1) };
      default:
        this.problem(
          id || el.$type,
          'unsupported-element',
          `${el.$type} is not supported; use a user task, service task, call activity, sub-process, gateway or event`,
        );
        return undefined;
    }
  }

  /** A catch event's timer or message. */
  private trigger(id: string, definitions: ModdleElement[]): Record<string, unknown> {
    const timer = definitions.find((d) => d.$type === 'bpmn:TimerEventDefinition');
    const message = definitions.find((d) => d.$type === 'bpmn:MessageEventDefinition');
    const messageRef = message?.messageRef as ModdleElement | undefined;
    if (message && !messageRef)
      this.problem(id, 'message-ref', 'the message event names no bpmn:message');
    return {
      ...(timer ? { timer: this.timer(id, timer) } : {}),
      ...(messageRef ? { message: { name: messageRef.name ?? '' } } : {}),
    };
  }

  private timer(id: string, t: ModdleElement): Record<string, unknown> {
    const body = (key: string) => str((t[key] as ModdleElement | undefined)?.body)?.trim();
    const variable = (text: string) => /^\$\{([^}]*)\}$/.exec(text)?.[1];
    const timer: Record<string, unknown> = {};
    const duration = body('timeDuration');
    if (duration !== undefined) {
      const name = variable(duration);
      timer[name === undefined ? 'duration' : 'durationVariable'] = name ?? duration;
    }
    const date = body('timeDate');
    if (date !== undefined) {
      const name = variable(date);
      timer[name === undefined ? 'date' : 'dateVariable'] = name ?? date;
    }
    const cycle = body('timeCycle');
    if (cycle !== undefined) {
      const parts = /^R([1-9][0-9]{0,8})?\/(.+)$/.exec(cycle);
      if (parts)
        timer.cycle = { every: parts[2], ...(parts[1] ? { times: Number(parts[1]) } : {}) };
      else
        this.problem(
          id,
          'timer-cycle',
          `a timer cycle is R<times>/<duration> (R3/P7D) or R/<duration>, not ${JSON.stringify(cycle)}`,
        );
    }
    if (!Object.keys(timer).length)
      this.problem(id, 'timer', 'the timer has no duration, date or cycle');
    return timer;
  }

  private mapping(id: string, extensions: ModdleElement[]): Record<string, unknown> {
    const input: Record<string, unknown> = {};
    const output: Record<string, unknown> = {};
    for (const x of extensions) {
      if (x.$type === 'sss:Input')
        input[str(x.name) ?? ''] = this.json(id, `input ${str(x.name)}`, x.value);
      if (x.$type === 'sss:Output') output[str(x.name) ?? ''] = x.from;
    }
    return {
      ...(Object.keys(input).length ? { input } : {}),
      ...(Object.keys(output).length ? { output } : {}),
    };
  }

  private escalationCode(id: string, d: ModdleElement): string | undefined {
    const escalation = d.escalationRef as ModdleElement | undefined;
    if (escalation && typeof escalation.escalationCode !== 'string') {
      this.problem(id, 'escalation-code', 'the escalation has no escalationCode');
    }
    return escalation ? (str(escalation.escalationCode) ?? '') : undefined;
  }

  /** Our extension elements on the element; one in the wrong place is a problem, not ignored. */
  private extensions(el: ModdleElement, id: string): ModdleElement[] {
    const values = list((el.extensionElements as ModdleElement | undefined)?.values);
    const allowed = EXTENSIONS[el.$type] ?? [];
    return values.filter((x) => {
      if (!x.$type.startsWith(SSS)) return false;
      if (allowed.includes(x.$type)) return true;
      this.problem(
        id || el.$type,
        'misplaced-extension',
        `${x.$type} does not belong on ${el.$type}`,
      );
      return false;
    });
  }

  private allowed(x: ModdleElement): Record<string, unknown> {
    const values = list(x.values).map((v) => v.value);
    return values.length ? { enum: values } : {};
  }

  private json(id: string, what: string, text: unknown): unknown {
    try {
      return JSON.parse(String(text ?? ''));
    } catch {
      this.problem(id, 'not-json', `the ${what} is not JSON (JSON Logic, or a quoted string)`);
      return undefined;
    }
  }

  private problem(element: string, rule: string, message: string): void {
    this.problems.push({ element, rule, message });
  }
}

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** Set in the XML, not a descriptor's default (moddle keeps defaults on the prototype). */
function own(el: ModdleElement, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(el, key) && el[key] !== undefined;
}

function attrs(el: ModdleElement, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => own(el, k)).map((k) => [k, el[k]]));
}

function ref(value: unknown): unknown {
  return (value as ModdleElement | undefined)?.id;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 300);
}
