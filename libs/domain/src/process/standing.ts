import type { ProcessView } from './view';

/** Where a process stands, element by element, for its diagram. */
export interface ProcessStanding {
  /** Completed at least once (the most recent steps: older ones are only counted). */
  done: string[];
  /** Where a token waits now: open tasks, awaited events, running calls. */
  open: string[];
  /** Open tasks past their due date; a call whose child process has one is overdue too. */
  overdue: string[];
}

/**
 * Each element in at most one list, the most pressing: overdue, then open, then done. A call
 * activity is judged with the processes it runs (`children`, by the call's element id), so a
 * meeting whose outcome is overdue shows on the case's diagram.
 */
export function processStanding(
  view: ProcessView,
  children: Record<string, ProcessView[]> = {},
): ProcessStanding {
  const overdue = new Set(view.openTasks.filter((t) => t.overdue).map((t) => t.elementId));
  for (const [elementId, views] of Object.entries(children)) {
    if (views.some((v) => v.overdue)) overdue.add(elementId);
  }
  const open = new Set(
    [...view.activeElements, ...view.calls.map((c) => c.elementId)].filter(
      (id) => !overdue.has(id),
    ),
  );
  const done = new Set(
    view.completedSteps.map((s) => s.elementId).filter((id) => !overdue.has(id) && !open.has(id)),
  );
  return { done: [...done], open: [...open], overdue: [...overdue] };
}
