import { definitionKey, FlowElement, ProcessDefinition } from './definition';
import type { ProcessState } from './state';

/** Old element id → new element id; an element not named keeps its id. */
export type ElementMapping = Record<string, string>;

/** Whether a running process can move onto another definition, and the state it moves with. */
export type MigrationPlan =
  { canMove: true; state: ProcessState } | { canMove: false; reasons: string[] };

/**
 * Moves a process's state onto another definition (Camunda's and Flowable's instance
 * migration): every element the process stands on (tokens, open tasks, waits, sub-process
 * scopes, joins) is mapped to an element of the same type in the target. Work outside the
 * workflow (a record being written, a meeting running as a child process) belongs to the old
 * definition: a process moves only between such work. Due dates, reminders and escalations
 * already set keep their times; the variables and the completed steps go along unchanged.
 */
export function planMigration(
  state: ProcessState,
  from: ProcessDefinition,
  to: ProcessDefinition,
  mapping: ElementMapping,
): MigrationPlan {
  const target = definitionKey(to);
  const reasons: string[] = [];
  if (state.status !== 'running') reasons.push(`the process has ended (${state.status})`);
  if (state.definition === target) reasons.push(`the process runs on ${target} already`);
  const old = elementsById(from.elements);
  const next = elementsById(to.elements);
  for (const id of Object.keys(mapping)) {
    if (!old.has(id)) reasons.push(`mapping names ${id}, which ${definitionKey(from)} lacks`);
  }
  for (const work of state.work) {
    reasons.push(
      `${work.elementId} is in progress (${work.kind === 'child' ? 'a process it called' : 'a record being written'}): migrate once it has finished`,
    );
  }
  const mapped = new Map<string, string>();
  const map = (id: string): string => {
    const known = mapped.get(id);
    if (known !== undefined) return known;
    const to_ = mapping[id] ?? id;
    const was = old.get(id);
    const now = next.get(to_);
    if (!now) {
      reasons.push(`open element ${id} has no mapping: ${target} has no element ${to_}`);
    } else if (was && was.type !== now.type) {
      reasons.push(`open element ${id} (${was.type}) maps to ${to_}, a ${now.type}`);
    }
    mapped.set(id, to_);
    return to_;
  };
  const moved: ProcessState = {
    ...state,
    definition: target,
    tokens: state.tokens.map((t) => ({ ...t, elementId: map(t.elementId) })),
    scopes: state.scopes.map((s) => ({ ...s, elementId: map(s.elementId) })),
    tasks: state.tasks.map((t) => {
      const elementId = map(t.elementId);
      const name = next.get(elementId)?.name;
      return { ...t, elementId, ...(name ? { name } : {}) };
    }),
    waits: state.waits.map((w) => ({
      ...w,
      elementId: map(w.elementId),
      ...(w.gateway ? { gateway: map(w.gateway) } : {}),
    })),
    joins: Object.fromEntries(
      Object.entries(state.joins).map(([key, flows]) => {
        const cut = key.lastIndexOf('/');
        const gateway = key.slice(cut + 1);
        if (map(gateway) !== gateway) {
          reasons.push(`join ${gateway} has arrivals waiting: it cannot be renamed`);
        }
        return [key, flows];
      }),
    ),
  };
  return reasons.length
    ? { canMove: false, reasons: [...new Set(reasons)] }
    : { canMove: true, state: moved };
}

function elementsById(elements: FlowElement[], into = new Map<string, FlowElement>()) {
  for (const el of elements) {
    into.set(el.id, el);
    if (el.type === 'subProcess') elementsById(el.elements, into);
  }
  return into;
}
