import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  executeChild,
  isCancellation,
  log,
  ParentClosePolicy,
  sleep,
  proxyActivities,
  proxySinks,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  Command,
  displayName,
  Notice,
  ProcessEngine,
  planMigration,
  ProcessEvent,
  ProcessState,
  processSnapshot,
  processSummary,
  processView,
  TaskRejection,
  WorkingCalendar,
} from '@sss/domain';
import type { NoticeDelivery } from './notice-activities';
import { noticeDeliveryWorkflow, notices } from './notice-delivery.workflow';
import { NoticeStager } from './notice-staging';
import type { ServiceTaskActivity } from './process-activities';
import { patchesFor, PATCH } from './patches';
import { ProcessAttributes } from './process-attributes';
import type { ProcessSnapshotSinks } from './process-snapshot-sinks';
import {
  childWorkflowId,
  completeTaskUpdate,
  INVALID_TASK_DATA,
  isRefusedPayload,
  messageSignal,
  MigrationCheck,
  MigrationRequest,
  migrateUpdate,
  migrationCheckQuery,
  NOT_MIGRATABLE,
  ProcessInput,
  NOT_AWAITED,
  noticeWorkflowId,
  ProcessResult,
  processViewQuery,
  sendMessageUpdate,
  settledAfterCallUpdate,
  settledUpdate,
  TASK_NOT_OPEN,
  UNVOUCHED,
} from './process-messages';
import { checkPinned, isPinnedByHash, pinnedDefinition } from './shipped-definitions';

/**
 * A record activity is one short transaction. Its timeout is how long a lost attempt (a worker
 * killed mid-step) holds the step up before Temporal retries it: seconds, not minutes. A retry
 * never writes twice, since every row is keyed by its step. Only an activity's id and type take
 * part in replay, so changing its options needs no patch (the replay test proves it).
 */
const RECORD_TIMEOUT = '15 seconds';

/** Service tasks name their activity in the definition; any activity the worker registers. */
const activities = proxyActivities<Record<string, ServiceTaskActivity>>({
  startToCloseTimeout: RECORD_TIMEOUT,
  retry: { initialInterval: '2 seconds', maximumInterval: '10 minutes' },
});

/**
 * The same activities retried in rounds of a few attempts, so the workflow learns that one keeps
 * failing and can show it (ActivityFailing) while it goes on retrying: nothing is given up.
 */
const activitiesInRounds = proxyActivities<Record<string, ServiceTaskActivity>>({
  startToCloseTimeout: RECORD_TIMEOUT,
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
});
const PAUSE_BETWEEN_ROUNDS = '1 minute';

/**
 * The refusal of a message or input the API did not vouch for. Validators and the refused start
 * add no history a running case had: no patch is needed.
 */
const unvouched = (reason: string) =>
  ApplicationFailure.create({ type: UNVOUCHED, message: `refused: ${reason}`, nonRetryable: true });

const { processSnapshots } = proxySinks<ProcessSnapshotSinks>();

/** Workflow time: deterministic inside Temporal's sandbox. */
const now = () => new Date().getTime();

/**
 * Runs one process definition: a thin host around the pure ProcessEngine. It executes the
 * engine's commands (activities, child processes), feeds it messages, task completions and the
 * time, and carries the whole state across continue-as-new so a case can run for years.
 */
export async function processWorkflow(input: ProcessInput): Promise<ProcessResult> {
  // The worker's codec refused the input (not sent through the API): run nothing, record nothing.
  if (isRefusedPayload(input)) throw unvouched(input.refusedPayload);
  const pinnedByHash = isPinnedByHash(input);
  if (pinnedByHash && !input.state) checkPinned(input);
  const inForce = patchesFor(pinnedByHash);
  const definition = pinnedDefinition(input, input.root);
  const engine = new ProcessEngine(
    definition,
    input.calendar && new WorkingCalendar(input.calendar),
    // Before these patches, due dates and timers were counted on the worker's local calendar,
    // overdue notices went out at the due time even outside office hours, and a meeting less
    // than a working day ahead got no reminder.
    {
      legacyDurations: !inForce(PATCH.zonedDurations),
      overdueInOfficeHours: inForce(PATCH.overdueInOfficeHours),
      remindLateMeetings: inForce(PATCH.remindLateMeetings),
      // The stage upserted as CaseStage: contact lost prevails over the monitoring beside it.
      prevailingStages: inForce(PATCH.prevailingStages),
    },
  );
  // The notices a deadline will send are staged ahead of it, for the store to send on time.
  const staging = inForce(PATCH.stageNotices);
  const attributes = new ProcessAttributes(inForce);
  const inflight = new Map<string, CancellationScope>();
  /** Work ids of activities failing now (between rounds of retries). */
  const failing = new Set<string>();
  /** Notices being delivered, by key; the run does not continue as new before they are. */
  const deliveries = new Map<string, NoticeDelivery>();
  let changed = false;
  const stager = new NoticeStager(() => (changed = true));
  let state: ProcessState;
  /** An accepted migration: the run continues as new on its target once nothing is in flight. */
  let migration: ProcessInput | undefined;

  const apply = (event: ProcessEvent) => {
    const step = engine.apply(state, event, now());
    state = step.state;
    changed = true;
    execute(step.commands);
    // What the event left due (a meeting moved to within its reminders' notice) is done with it,
    // not on whichever wake-up comes next.
    if (event.type !== 'timersDue') fireWhatIsDue();
  };
  const fireWhatIsDue = () => {
    const deadline = engine.nextDeadline(state);
    if (deadline !== undefined && deadline <= now() && inForce(PATCH.dueOnlyByEventOrTimer))
      apply({ type: 'timersDue' });
  };

  const execute = (commands: Command[]) => {
    for (const command of commands) {
      if (command.kind === 'cancel') inflight.get(command.id)?.cancel();
      if (command.kind === 'activity' || command.kind === 'child') {
        const scope = new CancellationScope();
        inflight.set(command.id, scope);
        scope
          .run(() => run(command))
          .then(
            (completed) => {
              inflight.delete(command.id);
              apply(completed);
            },
            (error: unknown) => {
              inflight.delete(command.id);
              if (isCancellation(error)) return;
              apply({ type: 'activityFailed', workId: command.id, message: String(error) });
            },
          );
      }
      if (command.kind === 'notify' && inForce(PATCH.deliverNotices)) deliver(command.notice);
    }
  };

  /** A task's notice names the task and its due time; an event's, the event and when it is. */
  const deliveryOf = (notice: Notice, at: ProcessState): Omit<NoticeDelivery, 'key'> => {
    const task = at.tasks.find((t) => t.id === notice.taskId);
    const name = task ? task.name : displayName(engine.element(notice.elementId));
    const dueAt = task ? task.dueAt : notice.eventAt;
    return {
      notice,
      definition: at.definition,
      ...(name ? { taskName: name } : {}),
      ...(dueAt !== undefined ? { dueAt: new Date(dueAt).toISOString() } : {}),
    };
  };

  const deliver = (notice: Notice) => {
    const unkeyed = deliveryOf(notice, state);
    // A notice staged for this moment goes out under its staged key; the store sends one it holds.
    const staged = staging ? stager.claim(unkeyed) : undefined;
    if (staged?.held) return;
    const key = staged?.key ?? `${workflowInfo().firstExecutionRunId}/${notice.id}`;
    const delivery: NoticeDelivery = { key, ...unkeyed };
    deliveries.set(key, delivery);
    void notices
      .deliverNotice(delivery)
      // Only a refusal ends the retries (a workflow that is not a case): say so, don't fail the run.
      .catch((error: unknown) => log.error('notice not delivered', { key, error: String(error) }))
      .finally(() => {
        deliveries.delete(key);
        changed = true;
      });
  };

  /** Retries until it succeeds; between rounds the process shows the activity as failing. */
  const retryInRounds = async <T>(workId: string, attempt: () => Promise<T>): Promise<T> => {
    try {
      for (;;) {
        try {
          return await attempt();
        } catch (error) {
          if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
          // A refusal (non-retryable) goes to the engine as an incident; all else is retried.
          if (error.cause instanceof ApplicationFailure && error.cause.nonRetryable) throw error;
          failing.add(workId);
          changed = true;
          await sleep(PAUSE_BETWEEN_ROUNDS);
        }
      }
    } finally {
      if (failing.delete(workId)) changed = true;
    }
  };

  /** Runs an activity or a child process; resolves to the event of its completion. */
  const run = async (
    command: Extract<Command, { kind: 'activity' | 'child' }>,
  ): Promise<ProcessEvent> => {
    if (command.kind === 'activity') {
      // The first run id stays across continue-as-new and differs when a case is reopened.
      const step = {
        step: `${workflowInfo().firstExecutionRunId}/${command.id}`,
        ...(command.by ? { by: command.by } : {}),
      };
      const result = inForce(PATCH.retryInRounds)
        ? await retryInRounds(command.id, () =>
            activitiesInRounds[command.activity](command.input, step),
          )
        : await activities[command.activity](command.input, step);
      return { type: 'activityCompleted', workId: command.id, result };
    }
    const key = input.bindings?.[command.definition] ?? command.definition;
    const child = await executeChild(processWorkflow, {
      workflowId: childWorkflowId(workflowInfo().workflowId, command.id),
      args: [
        {
          // A child is pinned the way its parent is: by copy or by hash.
          ...(input.definitions ? { definitions: input.definitions } : { pins: input.pins }),
          root: key,
          bindings: input.bindings,
          variables: command.variables,
          ...(input.calendar ? { calendar: input.calendar } : {}),
        },
      ],
    });
    return {
      type: 'childCompleted',
      workId: command.id,
      variables: child.variables,
      ...(child.by ? { by: child.by } : {}),
    };
  };

  if (input.state) {
    state = input.state;
  } else {
    const first = engine.start(input.variables ?? {}, now());
    state = first.state;
    // Only an activity's id and type take part in replay: who a record is by needs no patch.
    const by = input.startedBy;
    execute(
      by
        ? first.commands.map((c) => (c.kind === 'activity' && !c.by ? { ...c, by } : c))
        : first.commands,
    );
    fireWhatIsDue();
  }

  setHandler(processViewQuery, () => processView(engine, state, now()));
  setHandler(messageSignal, (message) => {
    // A signal is in the history before any check can run; a refused one is only ignored.
    if (isRefusedPayload(message))
      return log.warn('signal refused', { reason: message.refusedPayload });
    apply({ type: 'message', name: message.name, payload: message.payload, by: message.by });
  });
  /** Turns an engine refusal into the failure the API maps to 409 or 400. */
  const refuse = (notOpen: string, check: () => void, message: object) => {
    if (isRefusedPayload(message)) throw unvouched(message.refusedPayload);
    try {
      check();
    } catch (error) {
      if (!(error instanceof TaskRejection)) throw error;
      const type = error.reason === 'not-open' ? notOpen : INVALID_TASK_DATA;
      throw ApplicationFailure.create({ type, message: error.message, nonRetryable: true });
    }
  };

  /**
   * Answers an update once the records its step leads to are written (service tasks done), so a
   * caller reading the records next sees them. Child processes are not waited for.
   */
  const settled = async () => {
    if (inForce(PATCH.settleBeforeAnswering)) {
      await condition(() => [...inflight.keys()].every((id) => !isActivityWork(id)));
    }
    return processView(engine, state, now());
  };
  const isActivityWork = (id: string) =>
    state.work.some((w) => w.id === id && w.kind === 'activity');

  setHandler(
    completeTaskUpdate,
    async ({ taskId, data, by }) => {
      apply({ type: 'taskCompleted', taskId, data, by });
      return settled();
    },
    {
      // Runs before the update is accepted: a refusal writes nothing to the history.
      validator: (completion) =>
        refuse(
          TASK_NOT_OPEN,
          () =>
            engine.checkTaskCompletion(
              state,
              completion.taskId,
              completion.data,
              completion.elementId,
            ),
          completion,
        ),
    },
  );
  setHandler(settledUpdate, settled);
  // A new message, sent only by callers that know it: running histories are untouched.
  setHandler(settledAfterCallUpdate, async ({ workId }) => {
    await condition(() => !state.work.some((w) => w.id === workId && w.kind === 'child'));
    return settled();
  });
  setHandler(
    sendMessageUpdate,
    async ({ name, payload, by }) => {
      apply({ type: 'message', name, payload, by });
      return settled();
    },
    {
      validator: (message) =>
        refuse(
          NOT_AWAITED,
          () => engine.checkMessage(state, message.name, message.payload ?? {}),
          message,
        ),
    },
  );

  /** Where a migration would take the run: the check the dry run and the move share. */
  const migrationPlan = (request: MigrationRequest) => {
    const target: ProcessInput = { ...request.target };
    try {
      checkPinned(target);
      return planMigration(
        state,
        definition,
        pinnedDefinition(target, target.root),
        request.mapping,
      );
    } catch (error) {
      return { canMove: false as const, reasons: [(error as Error).message] };
    }
  };
  const migrationCheck = (request: MigrationRequest): MigrationCheck => {
    const plan = migrationPlan(request);
    const to = request.target.root;
    return {
      from: state.definition,
      to,
      canMove: plan.canMove,
      reasons: plan.canMove ? [] : plan.reasons,
    };
  };
  setHandler(migrationCheckQuery, migrationCheck);
  setHandler(
    migrateUpdate,
    async (request) => {
      // Notices still being sent finish first; the state is mapped as it is at the move.
      await condition(() => inflight.size + deliveries.size === 0);
      const plan = migrationPlan(request);
      if (!plan.canMove) {
        throw ApplicationFailure.create({
          type: NOT_MIGRATABLE,
          message: plan.reasons.join('; '),
          nonRetryable: true,
        });
      }
      const check = migrationCheck(request);
      migration = {
        ...request.target,
        state: plan.state,
        ...(input.calendar ? { calendar: input.calendar } : {}),
        ...(input.continueAsNewAt !== undefined ? { continueAsNewAt: input.continueAsNewAt } : {}),
      };
      changed = true;
      return check;
    },
    {
      // A process that cannot move refuses before the update is accepted: no history.
      validator: (request) => {
        if (isRefusedPayload(request)) throw unvouched(request.refusedPayload);
        if (migration)
          throw ApplicationFailure.create({
            type: NOT_MIGRATABLE,
            message: 'a migration is under way',
            nonRetryable: true,
          });
        const plan = migrationPlan(request);
        if (!plan.canMove)
          throw ApplicationFailure.create({
            type: NOT_MIGRATABLE,
            message: plan.reasons.join('; '),
            nonRetryable: true,
          });
      },
    },
  );

  /** The state and deadline whose notices were last staged. */
  let stagedFor: { state: ProcessState; deadline: number | undefined } | undefined;
  /**
   * Stages the notices of the open tasks' timers at the next deadline, as the engine would send
   * them then if nothing happened first (anything that does changes the state, and they are
   * staged again).
   */
  const stageFor = (deadline: number | undefined) => {
    if (stagedFor?.state === state && stagedFor.deadline === deadline) return;
    stagedFor = { state, deadline };
    const open = new Set(state.tasks.map((t) => t.id));
    const timed =
      deadline !== undefined &&
      deadline > now() &&
      state.waits.some((w) => w.dueAt === deadline && w.taskId && open.has(w.taskId));
    let next: ReturnType<ProcessEngine['apply']> | undefined;
    try {
      if (timed) next = engine.apply(state, { type: 'timersDue' }, deadline);
    } catch (error) {
      // The timer's own turn meets the same failure, as an incident; nothing is staged for it.
      log.warn('notices not staged', { error: String(error) });
    }
    // Only notices of tasks still open after the timer: the store withdraws a notice whose task
    // a newer snapshot shows closed, so one whose own timer closes the task is the run's to send.
    const stillOpen = new Set(next?.state.tasks.map((t) => t.id));
    stager.want(
      (next?.commands ?? []).flatMap((c) =>
        c.kind === 'notify' &&
        c.notice.taskId &&
        open.has(c.notice.taskId) &&
        stillOpen.has(c.notice.taskId)
          ? [deliveryOf(c.notice, next!.state)]
          : [],
      ),
      deadline,
    );
  };

  /** The deadline the running timer wakes the process for. */
  let timerAt: number | undefined;
  /** Whether a deadline timer has fired since the loop last looked. */
  let timerFired = false;
  while (state.status === 'running') {
    // A staging under way finishes first: a later run's own must not cross it.
    const quiet = inflight.size + deliveries.size === 0 && stager.idle;
    if (migration && quiet) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof processWorkflow>(migration);
    }
    const info = workflowInfo();
    const summary = processSummary(engine, state, now());
    attributes.update(summary, failing.size > 0);
    // The SDK drops a sink's call on replay: the snapshot is not even built then.
    if (!info.unsafe.isReplaying) processSnapshots.record(processSnapshot(summary));
    const longHistory =
      input.continueAsNewAt !== undefined && info.historyLength >= input.continueAsNewAt;
    if ((info.continueAsNewSuggested || longHistory) && quiet) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof processWorkflow>({ ...input, variables: undefined, state });
    }
    const deadline = engine.nextDeadline(state);
    if (staging) stageFor(deadline);
    changed = false;
    if (inForce(PATCH.keepDeadlineTimer)) {
      // One timer per deadline, never cancelled: a wake-up for anything else leaves it running,
      // and one for a deadline that has moved fires as a harmless extra wake-up. Cancelling on
      // every wake-up cost two events each time, and raced timers that were firing.
      if (deadline !== undefined && deadline !== timerAt) {
        timerAt = deadline;
        void sleep(Math.max(deadline - now(), 1)).then(() => {
          timerFired = true;
          changed = true;
        });
      }
      await condition(() => changed);
    } else if (deadline === undefined) await condition(() => changed);
    else await condition(() => changed, Math.max(deadline - now(), 1));
    // A run about to move leaves what falls due to the target, which wakes for it at once.
    if (migration) continue;
    // Before the patch, any wake-up past the deadline fired it: which wake-up came first in a
    // task could differ on replay (a notice's completion), and so could the task's commands.
    const byTimer =
      timerFired || !inForce(PATCH.keepDeadlineTimer) || !inForce(PATCH.dueOnlyByEventOrTimer);
    timerFired = false;
    if (deadline !== undefined && now() >= deadline && byTimer) apply({ type: 'timersDue' });
  }

  if (staging && stager.anyStaged) {
    // What the run staged and is not due yet is withdrawn: the tasks it was for are gone.
    stager.want([], undefined);
    await condition(() => stager.idle);
  }
  if (inForce(PATCH.handOverDeliveries)) {
    // Notices still being sent (a channel down) are handed to workflows of their own, which
    // outlive this run: a meeting that has ended lets its case go on, and nothing is lost.
    await condition(allHandlersFinished);
    for (const [key, delivery] of deliveries) {
      await startChild(noticeDeliveryWorkflow, {
        workflowId: noticeWorkflowId(workflowInfo().workflowId, key),
        args: [delivery],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      deliveries.delete(key);
    }
  } else await condition(() => allHandlersFinished() && deliveries.size === 0);
  const summary = processSummary(engine, state, now());
  attributes.update(summary);
  if (!workflowInfo().unsafe.isReplaying) processSnapshots.record(processSnapshot(summary));
  const by = [...state.completed].reverse().find((s) => s.by)?.by;
  return { status: state.status, variables: state.variables, ...(by ? { by } : {}) };
}
