/**
 * The benchmark's baseline: the sequence `start → t1 → … → tN → end` written by hand as a Temporal
 * workflow, with no process engine. It keeps the interpreter's external contract so both are
 * driven and measured the same way: the same `completeTask` update (validated before it is
 * accepted, answered with a ProcessView), the same `processView` query, the same search
 * attributes, the same bounded list of completed steps, and continue-as-new when Temporal suggests
 * it. What it lacks is the interpreter's generic machinery: copying the state for every event,
 * walking the definition graph, deriving the view from the generic state.
 *
 * This file is also the benchmark worker's bundle entry point, so it re-exports the interpreter:
 * one worker runs both. It keeps to the workflow-code rules that eslint enforces only under
 * libs/workflows/src: no Date.now, Math.random or timers, and imports of nothing but the workflow
 * SDK, @sss/domain and the workflow library's own (sandbox-safe) modules.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { KEPT_STEPS } from '@sss/domain';
import type { CompletedStep, ProcessStatus, ProcessView, Variables } from '@sss/domain';
import { ProcessAttributes } from '@sss/workflows/process/process-attributes';
import {
  completeTaskUpdate,
  INVALID_TASK_DATA,
  processViewQuery,
  TASK_NOT_OPEN,
} from '@sss/workflows/process/process-messages';
import type { ProcessResult } from '@sss/workflows/process/process-messages';

export { processWorkflow } from '@sss/workflows/process/process.workflow';

export interface HandWrittenInput {
  /** The number of user tasks in the sequence. */
  steps: number;
  /** Shown as the view's definition (and its search attribute), like `id@version`. */
  definition: string;
  /** Carried over by continue-as-new. */
  state?: HandWrittenState;
}

interface HandWrittenState {
  status: ProcessStatus;
  /** The step whose task is open (1-based); steps + 1 once all are done. */
  step: number;
  taskId?: string;
  taskCreatedAt: number;
  seq: number;
  variables: Variables;
  completed: CompletedStep[];
  completedCount: number;
}

/** Workflow time: deterministic inside Temporal's sandbox. */
const now = () => new Date().getTime();
const iso = (t: number) => new Date(t).toISOString();
const elementOf = (step: number) => `t${step}`;

export async function handWrittenWorkflow(input: HandWrittenInput): Promise<ProcessResult> {
  const attributes = new ProcessAttributes(patched);
  const state: HandWrittenState = input.state ?? {
    status: 'running',
    step: 0,
    taskCreatedAt: now(),
    seq: 0,
    variables: {},
    completed: [],
    completedCount: 0,
  };
  let changed = false;

  const record = (elementId: string, by?: string) => {
    state.completed.push({ elementId, at: now(), ...(by ? { by } : {}) });
    state.completedCount += 1;
    if (state.completed.length > KEPT_STEPS) state.completed.shift();
  };

  /** Opens the next step's task, or ends the sequence after the last one. */
  const openNext = () => {
    state.step += 1;
    if (state.step > input.steps) {
      state.taskId = undefined;
      record('end');
      state.status = 'completed';
      return;
    }
    state.seq += 1;
    state.taskId = `task${state.seq}`;
    state.taskCreatedAt = now();
  };

  const view = (): ProcessView => {
    const element = elementOf(state.step);
    const open = state.status === 'running' && state.taskId !== undefined;
    return {
      definition: input.definition,
      status: state.status,
      activeElements: open ? [element] : [],
      openTasks: open
        ? [
            {
              id: state.taskId as string,
              elementId: element,
              role: 'coordinator',
              createdAt: iso(state.taskCreatedAt),
              overdue: false,
              escalationLevel: 0,
            },
          ]
        : [],
      waitingFor: [],
      calls: [],
      overdue: false,
      escalationLevel: 0,
      completedSteps: state.completed.map((s) => ({
        elementId: s.elementId,
        at: iso(s.at),
        ...(s.by ? { by: s.by } : {}),
      })),
      completedCount: state.completedCount,
      incidents: [],
      variables: state.variables,
    };
  };

  if (state.step === 0) openNext();

  setHandler(processViewQuery, view);
  setHandler(
    completeTaskUpdate,
    async ({ data, by }) => {
      Object.assign(state.variables, data);
      record(elementOf(state.step), by);
      openNext();
      changed = true;
      return view();
    },
    {
      // The same checks as the interpreter's form validation, written out for this one form.
      validator: ({ taskId, data }) => {
        if (state.status !== 'running' || taskId !== state.taskId) {
          throw ApplicationFailure.create({
            type: TASK_NOT_OPEN,
            message: `task ${taskId} is not open`,
            nonRetryable: true,
          });
        }
        const problems = Object.entries(data)
          .filter(([name, value]) => name !== 'note' || typeof value !== 'string')
          .map(([name]) => `${name} is not a string field of this task`);
        if (problems.length > 0) {
          throw ApplicationFailure.create({
            type: INVALID_TASK_DATA,
            message: problems.join('; '),
            nonRetryable: true,
          });
        }
      },
    },
  );

  while (state.status === 'running') {
    attributes.update(view());
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof handWrittenWorkflow>({ ...input, state });
    }
    changed = false;
    await condition(() => changed);
  }

  await condition(allHandlersFinished);
  attributes.update(view());
  return { status: state.status, variables: state.variables };
}
