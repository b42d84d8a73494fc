import type {
  FlowElement,
  ProcessDefinition,
  SequenceFlow,
  VariableDeclaration,
} from '../definition';

/** Compact definitions for tests: elements, and flows written as `a->b` or `[id, a, b, condition]`. */
export function definition(
  elements: FlowElement[],
  flows: (string | [string, string, string, unknown?])[],
  variables: Record<string, VariableDeclaration> = {},
): ProcessDefinition {
  return {
    id: 'test',
    version: 1,
    name: 'Test',
    variables,
    elements,
    flows: flows.map(toFlow),
  };
}

export function toFlow(f: string | [string, string, string, unknown?]): SequenceFlow {
  if (typeof f === 'string') {
    const [source, target] = f.split('->');
    return { id: `${source}-${target}`, source, target };
  }
  const [id, source, target, condition] = f;
  return {
    id,
    source,
    target,
    ...(condition !== undefined ? { condition: condition as never } : {}),
  };
}

export const start: FlowElement = { id: 'start', type: 'startEvent' };
export const end: FlowElement = { id: 'end', type: 'endEvent', outcome: 'completed' };
export const task = (id: string, extra: Partial<FlowElement> = {}): FlowElement =>
  ({ id, type: 'userTask', candidateRole: 'coordinator', ...extra }) as FlowElement;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** 1 April 2026, 09:00 in Japan. */
export const T0 = Date.parse('2026-04-01T00:00:00Z');
