import { isOverlay } from './definition';
import type {
  BoundaryEvent,
  DefinitionFile,
  ProcessOverlay,
  Condition,
  FlowElement,
  ProcessDefinition,
  Recipient,
  SequenceFlow,
  TimerDefinition,
} from './definition';
import { structuralProblems } from './definition-structure';
import { isValidDuration, workingDaysOf } from './durations';
import { isValidExpression, variablesRead } from './expressions';

/** One thing wrong with a definition: where, which rule, and what to do about it. */
export interface DefinitionProblem {
  element: string;
  rule: string;
  message: string;
  /** For a file that is not shaped like a definition: the JSON pointer of what is wrong. */
  path?: string;
}

/** `element [rule] message`, or `path [rule] message` for a problem of shape. */
export function formatProblem(p: DefinitionProblem): string {
  return `${p.path ?? p.element} [${p.rule}] ${p.message}`;
}

/** What exists outside the definition: the activities the worker registers, the roles, the definitions. */
export interface DefinitionCatalog {
  activities: readonly string[];
  roles: readonly string[];
  /** Ids of definitions a call activity may call; unchecked when absent. */
  definitions?: readonly string[];
}

const WAIT_STATES = new Set([
  'userTask',
  'intermediateCatchEvent',
  'eventBasedGateway',
  'callActivity',
  'subProcess',
]);
const GATEWAYS = new Set(['exclusiveGateway', 'parallelGateway', 'eventBasedGateway']);
const ATTACHABLE = new Set(['userTask', 'serviceTask', 'callActivity', 'subProcess']);
const WRITES_TO = 'assignee';
/** Ids become XML ids in the BPMN export, so they must be XML names. */
const XML_ID = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Every problem of a definition, in a stable order; empty when it may be registered. Any value
 * may be given (a parsed file): what is not shaped like a definition is refused by the schema
 * first, and only a definition of the right shape goes on to the semantic rules, which rely on it.
 */
export function validateDefinition(def: unknown, catalog: DefinitionCatalog): DefinitionProblem[] {
  const structural = structuralProblems(def);
  if (structural.length) return structural;
  if (isOverlay(def as DefinitionFile)) {
    const { id } = def as ProcessOverlay;
    return [
      {
        element: id,
        path: '/extends',
        rule: 'overlay',
        message: 'an overlay is checked once expanded on its base (expandDefinitions)',
      },
    ];
  }
  return semanticProblems(def as ProcessDefinition, catalog);
}

function semanticProblems(def: ProcessDefinition, catalog: DefinitionCatalog): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const report = (element: string, rule: string, message: string) =>
    problems.push({ element, rule, message });

  if (!/^[a-z][a-z0-9-]*$/.test(def.id)) {
    report(def.id, 'definition-id', 'the id must be lower-case letters, digits and dashes');
  }
  if (!Number.isInteger(def.version) || def.version < 1) {
    report(def.id, 'definition-version', 'the version must be a positive integer');
  }

  const seen = new Set<string>();
  const declared = new Set(Object.keys(def.variables ?? {}));
  const visitIds = (elements: FlowElement[], flows: SequenceFlow[]) => {
    for (const item of [...elements, ...flows]) {
      if (seen.has(item.id)) report(item.id, 'duplicate-id', `the id ${item.id} is used twice`);
      if (!XML_ID.test(item.id)) {
        report(
          item.id,
          'invalid-id',
          'ids are letters, digits, -, _ and ., starting with a letter or _',
        );
      }
      seen.add(item.id);
      if ('type' in item && item.type === 'subProcess') visitIds(item.elements, item.flows);
    }
  };
  visitIds(def.elements, def.flows);

  const useVariables = (element: string, expression: unknown) => {
    if (!isValidExpression(expression)) {
      report(element, 'invalid-expression', 'the expression is not valid JSON Logic');
    }
    for (const name of variablesRead(expression)) {
      if (!declared.has(name)) {
        report(element, 'undefined-variable', `reads variable ${name}, which is not declared`);
      }
    }
  };
  const writeVariable = (element: string, name: string) => {
    if (!declared.has(name)) {
      report(element, 'undefined-variable', `writes variable ${name}, which is not declared`);
    }
  };
  const checkDuration = (element: string, value: string | undefined, what: string) => {
    if (value !== undefined && !isValidDuration(value) && workingDaysOf(value) === undefined) {
      report(
        element,
        'invalid-duration',
        `${what} '${value}' is not an ISO 8601 duration nor 'N working days'`,
      );
    }
  };
  const checkDurationVariable = (element: string, name: string) => {
    useVariables(element, { var: name });
    const type = def.variables[name]?.type;
    if (type && type !== 'duration') {
      report(element, 'variable-type', `variable ${name} holds a ${type}, not a duration`);
    }
  };
  /** A notice's recipient: a known role; `agencies` narrows agency staff to a listed few. */
  const checkRecipient = (element: string, r: Recipient, what: string, assignee: boolean) => {
    if (!(assignee && r.to === WRITES_TO) && !catalog.roles.includes(r.to)) {
      report(element, 'unknown-role', `${what} recipient ${r.to} is not a known role`);
    }
    if (r.agencies === undefined) return;
    if (r.to !== 'agency_staff') {
      report(element, 'recipient', `agencies (${r.agencies}) narrows only agency_staff`);
    }
    useVariables(element, { var: r.agencies });
    const type = def.variables[r.agencies]?.type;
    if (type && type !== 'string[]') {
      report(element, 'variable-type', `variable ${r.agencies} holds a ${type}, not agency codes`);
    }
  };
  const checkTimer = (element: string, timer: TimerDefinition) => {
    const kinds = [
      timer.duration,
      timer.date,
      timer.dateVariable,
      timer.durationVariable,
      timer.cycle,
    ].filter(Boolean);
    if (kinds.length !== 1) {
      report(
        element,
        'timer',
        'a timer has exactly one of duration, date, dateVariable, durationVariable, cycle',
      );
    }
    checkDuration(element, timer.duration, 'duration');
    checkDuration(element, timer.cycle?.every, 'cycle');
    if (timer.date !== undefined && Number.isNaN(Date.parse(timer.date))) {
      report(element, 'invalid-date', `date '${timer.date}' is not an ISO 8601 date-time`);
    }
    if (timer.dateVariable) useVariables(element, { var: timer.dateVariable });
    if (timer.durationVariable) checkDurationVariable(element, timer.durationVariable);
  };

  const checkScope = (elements: FlowElement[], flows: SequenceFlow[], scope: string) => {
    const byId = new Map(elements.map((e) => [e.id, e]));
    const outgoing = new Map<string, SequenceFlow[]>();
    const incoming = new Map<string, SequenceFlow[]>();
    for (const flow of flows) {
      for (const [end, id] of [
        ['source', flow.source],
        ['target', flow.target],
      ] as const) {
        if (!byId.has(id)) {
          report(flow.id, 'dangling-flow', `the flow's ${end} ${id} is not an element of ${scope}`);
        }
      }
      append(outgoing, flow.source, flow);
      append(incoming, flow.target, flow);
      if (flow.condition !== undefined) useVariables(flow.id, flow.condition);
    }

    const starts = elements.filter((e) => e.type === 'startEvent');
    if (starts.length !== 1) {
      report(scope, 'start-event', `${scope} needs exactly one start event, has ${starts.length}`);
    }
    if (!elements.some((e) => e.type === 'endEvent')) {
      report(scope, 'end-event', `${scope} needs at least one end event`);
    }

    for (const el of elements) {
      const outs = outgoing.get(el.id) ?? [];
      const ins = incoming.get(el.id) ?? [];
      if (el.type === 'startEvent' && ins.length > 0) {
        report(el.id, 'start-event', 'a start event has no incoming flows');
      }
      if (el.type === 'endEvent' && outs.length > 0) {
        report(el.id, 'end-event', 'an end event has no outgoing flows');
      }
      if (el.type !== 'endEvent' && outs.length === 0) {
        report(el.id, 'dead-end', 'the element has no outgoing flow and is not an end event');
      }
      if (el.type === 'boundaryEvent' && ins.length > 0) {
        report(el.id, 'boundary-event', 'a boundary event has no incoming flows');
      }
      if (outs.length > 1 && !GATEWAYS.has(el.type)) {
        report(el.id, 'implicit-fork', 'only gateways may have more than one outgoing flow');
      }
      switch (el.type) {
        case 'userTask':
          if (!catalog.roles.includes(el.candidateRole)) {
            report(el.id, 'unknown-role', `role ${el.candidateRole} is not known`);
          }
          checkDuration(el.id, el.dueIn, 'dueIn');
          if (el.dueInVariable) checkDurationVariable(el.id, el.dueInVariable);
          if (el.dueIn && el.dueInVariable) {
            report(el.id, 'due-date', 'a task has at most one of dueIn and dueInVariable');
          }
          if ((el.reminders?.length || el.escalation?.length) && !el.dueIn && !el.dueInVariable) {
            report(el.id, 'due-date', 'reminders and escalation need a dueIn or dueInVariable');
          }
          for (const r of el.reminders ?? []) {
            checkDuration(el.id, r.before ?? r.every, 'reminder');
            if (!r.before === !r.every) {
              report(el.id, 'reminder', 'a reminder has exactly one of before or every');
            }
            checkRecipient(el.id, r, 'reminder', true);
          }
          for (const step of el.escalation ?? []) {
            checkDuration(el.id, step.after, 'escalation');
            if (!catalog.roles.includes(step.to)) {
              report(el.id, 'unknown-role', `escalation target ${step.to} is not a known role`);
            }
          }
          for (const name of Object.keys(el.form ?? {})) writeVariable(el.id, name);
          break;
        case 'serviceTask':
          if (!catalog.activities.includes(el.activity)) {
            report(el.id, 'unknown-activity', `activity ${el.activity} is not registered`);
          }
          for (const expr of Object.values(el.input ?? {})) useVariables(el.id, expr);
          for (const name of Object.keys(el.output ?? {})) writeVariable(el.id, name);
          break;
        case 'callActivity':
          if (catalog.definitions && !catalog.definitions.includes(el.calledElement)) {
            report(el.id, 'unknown-definition', `definition ${el.calledElement} is not registered`);
          }
          for (const expr of Object.values(el.input ?? {})) useVariables(el.id, expr);
          for (const name of Object.keys(el.output ?? {})) writeVariable(el.id, name);
          break;
        case 'exclusiveGateway':
          checkExclusiveGateway(el.id, el.default, outs, report);
          break;
        case 'eventBasedGateway':
          if (outs.length < 2) {
            report(el.id, 'event-gateway', 'an event-based gateway races two or more events');
          }
          for (const flow of outs) {
            const target = byId.get(flow.target);
            if (target && target.type !== 'intermediateCatchEvent') {
              report(el.id, 'event-gateway', `flow ${flow.id} must lead to a catch event`);
            }
          }
          break;
        case 'intermediateCatchEvent':
          if (!el.timer === !el.message) {
            report(el.id, 'catch-event', 'a catch event waits on exactly one timer or message');
          }
          if (el.timer) checkTimer(el.id, el.timer);
          if ((el.invite?.length || el.reminders?.length) && !el.timer) {
            report(el.id, 'catch-event', 'invitations and reminders need a timer event');
          }
          for (const r of el.invite ?? []) checkRecipient(el.id, r, 'invitation', false);
          for (const r of el.notify ?? []) checkRecipient(el.id, r, 'notice', false);
          for (const r of el.reminders ?? []) {
            if (!r.before || r.every) {
              report(el.id, 'reminder', 'an event is reminded of only before it (before)');
            }
            checkDuration(el.id, r.before, 'reminder');
            checkRecipient(el.id, r, 'reminder', false);
          }
          break;
        case 'boundaryEvent':
          checkBoundary(el, byId, report);
          if (el.timer) checkTimer(el.id, el.timer);
          break;
        case 'subProcess':
          checkScope(el.elements, el.flows, el.id);
          break;
        default:
          break;
      }
    }

    checkReachability(elements, starts[0]?.id, outgoing, report);
    checkCyclesWithoutWait(elements, flows, report);
  };

  checkScope(def.elements, def.flows, def.id);
  return problems;
}

type Report = (element: string, rule: string, message: string) => void;

/** In place, so that many flows at one element cost linear time, not quadratic. */
function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function checkExclusiveGateway(
  id: string,
  defaultFlow: string | undefined,
  outs: SequenceFlow[],
  report: Report,
): void {
  if (outs.length < 2) return;
  if (!defaultFlow) report(id, 'gateway-default', 'a deciding gateway needs a default flow');
  else if (!outs.some((f) => f.id === defaultFlow)) {
    report(id, 'gateway-default', `default flow ${defaultFlow} does not leave this gateway`);
  }
  const conditions = new Map<string, string>();
  for (const flow of outs) {
    if (flow.id === defaultFlow) continue;
    if (flow.condition === undefined) {
      report(flow.id, 'gateway-condition', 'a flow out of a deciding gateway needs a condition');
      continue;
    }
    if (flow.condition === true) {
      report(flow.id, 'gateway-overlap', 'the condition is always true: it hides the other flows');
    }
    const key = canonical(flow.condition);
    const twin = conditions.get(key);
    if (twin) report(flow.id, 'gateway-overlap', `the condition is the same as flow ${twin}'s`);
    conditions.set(key, flow.id);
  }
}

function canonical(condition: Condition): string {
  return JSON.stringify(condition, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function checkBoundary(el: BoundaryEvent, byId: Map<string, FlowElement>, report: Report): void {
  const host = byId.get(el.attachedTo);
  if (!host) {
    report(el.id, 'boundary-event', `it is attached to ${el.attachedTo}, not an element here`);
  } else if (!ATTACHABLE.has(host.type)) {
    report(el.id, 'boundary-event', `it cannot be attached to a ${host.type}`);
  }
  if ([el.timer, el.message, el.escalation].filter(Boolean).length !== 1) {
    report(
      el.id,
      'boundary-event',
      'a boundary event has exactly one timer, message or escalation',
    );
  }
  if (el.escalation && host && host.type !== 'subProcess') {
    report(el.id, 'boundary-event', 'escalations are caught only on sub-processes');
  }
  if (el.timer?.cycle && el.interrupting !== false) {
    report(el.id, 'boundary-event', 'a cycle timer repeats only when non-interrupting');
  }
}

function checkReachability(
  elements: FlowElement[],
  start: string | undefined,
  outgoing: Map<string, SequenceFlow[]>,
  report: Report,
): void {
  if (!start) return;
  const attached = new Map<string, string[]>();
  for (const e of elements) if (e.type === 'boundaryEvent') append(attached, e.attachedTo, e.id);
  const reached = new Set<string>([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    const next = [...(outgoing.get(id) ?? []).map((f) => f.target), ...(attached.get(id) ?? [])];
    for (const target of next) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  for (const el of elements) {
    if (!reached.has(el.id))
      report(el.id, 'unreachable', 'no path from the start event reaches it');
  }
}

/** A loop made only of elements that never wait would spin forever without anyone acting. */
function checkCyclesWithoutWait(
  elements: FlowElement[],
  flows: SequenceFlow[],
  report: Report,
): void {
  const type = new Map(elements.map((e) => [e.id, e.type]));
  const instant = (id: string) => type.has(id) && !WAIT_STATES.has(type.get(id) as string);
  const edges = new Map<string, string[]>();
  for (const f of flows) {
    if (instant(f.source) && instant(f.target)) {
      append(edges, f.source, f.target);
    }
  }
  // Depth first with an explicit stack: a long chain of elements must not overflow the call stack.
  const state = new Map<string, 'visiting' | 'done'>();
  for (const root of edges.keys()) {
    if (state.has(root)) continue;
    const path = [root];
    const nextIndex = [0];
    state.set(root, 'visiting');
    while (path.length) {
      const id = path[path.length - 1];
      const next = (edges.get(id) ?? [])[nextIndex[nextIndex.length - 1]++];
      if (next === undefined) {
        state.set(id, 'done');
        path.pop();
        nextIndex.pop();
      } else if (state.get(next) === 'visiting') {
        const loop = [...path.slice(path.indexOf(next)), next];
        report(next, 'cycle-without-wait', `the loop ${loop.join(' → ')} never waits`);
      } else if (!state.has(next)) {
        state.set(next, 'visiting');
        path.push(next);
        nextIndex.push(0);
      }
    }
  }
}
