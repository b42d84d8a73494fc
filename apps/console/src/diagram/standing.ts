/** Where a case stands, as `GET /v1/cases/{id}/diagram` marks each element (`sss:state`). */
export const STATES = ['overdue', 'open', 'done'] as const;
export type DiagramState = (typeof STATES)[number];

/** An element of the imported diagram as the viewer's registry holds it. */
export interface DiagramElement {
  id: string;
  name?: string;
  type: string;
  state?: string;
}

export interface Step {
  id: string;
  name: string;
}

/** The CSS class (a bpmn-js marker) each state's shapes get: see styles.css. */
export const markerOf = (state: DiagramState): string => `sss-${state}`;

const isState = (s: string | undefined): s is DiagramState =>
  (STATES as readonly string[]).includes(s ?? '');

/**
 * The steps in each state, for the text alternative of the diagram: flows and labels are not
 * steps; an element without a name is named by its id. Each element once, in diagram order.
 */
export function stepsByState(elements: DiagramElement[]): Record<DiagramState, Step[]> {
  const found: Record<DiagramState, Step[]> = { overdue: [], open: [], done: [] };
  const seen = new Set<string>();
  for (const e of elements) {
    if (!isState(e.state) || seen.has(e.id) || /SequenceFlow|label$/i.test(e.type)) continue;
    seen.add(e.id);
    found[e.state].push({ id: e.id, name: e.name?.trim() || e.id });
  }
  return found;
}
