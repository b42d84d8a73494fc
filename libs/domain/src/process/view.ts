import type { ProcessEngine } from './engine';
import type { CompletedStep, Incident, ProcessState, ProcessStatus } from './state';

export interface OpenTaskView {
  id: string;
  elementId: string;
  name?: string;
  role: string;
  createdAt: string;
  dueAt?: string;
  overdue: boolean;
  escalationLevel: number;
}

/** The live state of a process as coordinators and managers see it (the workflow's query). */
export interface ProcessView {
  definition: string;
  status: ProcessStatus;
  stage?: string;
  activeElements: string[];
  openTasks: OpenTaskView[];
  waitingFor: { elementId: string; message?: string; dueAt?: string }[];
  /** Call activities running as child processes; `workId` names the child's workflow. */
  calls: { elementId: string; workId: string }[];
  nextDueAt?: string;
  overdue: boolean;
  escalationLevel: number;
  completedSteps: { elementId: string; at: string; by?: string }[];
  completedCount: number;
  incidents: Incident[];
  variables: Record<string, unknown>;
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * Stages that describe the whole case while any of its paths is in them: contact lost is the
 * case's stage even though monitoring goes on beside it (the stuck-case filter and
 * `?stage=contact_lost` look for exactly this).
 */
export const PREVAILING_STAGES: readonly string[] = ['contact_lost'];

function caseStage(stages: (string | undefined)[], prevailing: boolean): string | undefined {
  return (
    (prevailing ? stages.find((s) => s && PREVAILING_STAGES.includes(s)) : undefined) ??
    stages.find(Boolean)
  );
}

/**
 * What the run's search attributes and its stored snapshot are made of: the view without its
 * steps and data, which a run builds after every change (the whole view only when asked).
 */
export type ProcessSummary = Omit<
  ProcessView,
  'completedSteps' | 'completedCount' | 'incidents' | 'variables'
>;

export function processSummary(
  engine: ProcessEngine,
  state: ProcessState,
  now: number,
): ProcessSummary {
  const active = [...new Set(state.tokens.map((t) => t.elementId))];
  const stageOf = (id: string) => engine.element(id).stage;
  const openTasks = state.tasks.map((t) => ({
    id: t.id,
    elementId: t.elementId,
    ...(t.name ? { name: t.name } : {}),
    role: t.role,
    createdAt: iso(t.createdAt),
    ...(t.dueAt !== undefined ? { dueAt: iso(t.dueAt) } : {}),
    overdue: t.dueAt !== undefined && t.dueAt <= now,
    escalationLevel: t.escalationLevel,
  }));
  const dues = state.tasks
    .map((t) => t.dueAt)
    .filter((d): d is number => d !== undefined && d > now);
  return {
    definition: state.definition,
    status: state.status,
    stage: caseStage(active.map(stageOf), engine.prevailingStages) ?? lastStage(state, stageOf),
    activeElements: active,
    openTasks,
    waitingFor: state.waits
      .filter((w) => w.purpose === 'event')
      .map((w) => ({
        elementId: w.elementId,
        ...(w.message ? { message: w.message } : {}),
        ...(w.dueAt !== undefined ? { dueAt: iso(w.dueAt) } : {}),
      })),
    calls: state.work
      .filter((w) => w.kind === 'child')
      .map((w) => ({ elementId: w.elementId, workId: w.id })),
    ...(dues.length ? { nextDueAt: iso(Math.min(...dues)) } : {}),
    overdue: openTasks.some((t) => t.overdue),
    escalationLevel: Math.max(0, ...state.tasks.map((t) => t.escalationLevel)),
  };
}

/** The stage of the latest completed step that has one. */
function lastStage(
  state: ProcessState,
  stageOf: (id: string) => string | undefined,
): string | undefined {
  for (let i = state.completed.length - 1; i >= 0; i--) {
    const stage = stageOf(state.completed[i].elementId);
    if (stage) return stage;
  }
  return undefined;
}

export function processView(engine: ProcessEngine, state: ProcessState, now: number): ProcessView {
  return {
    ...processSummary(engine, state, now),
    completedSteps: state.completed.map((s: CompletedStep) => ({
      elementId: s.elementId,
      at: iso(s.at),
      ...(s.by ? { by: s.by } : {}),
    })),
    completedCount: state.completedCount,
    incidents: state.incidents,
    variables: state.variables,
  };
}
