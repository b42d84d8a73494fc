import type {
  BoundaryEvent,
  CallActivity,
  FlowElement,
  IntermediateCatchEvent,
  ProcessDefinition,
  Recipient,
  SequenceFlow,
  ServiceTask,
  TimerDefinition,
  UserTask,
} from './definition';
import { definitionKey } from './definition';
import {
  addDuration,
  isValidDuration,
  legacyShift,
  subtractDuration,
  workingDaysOf,
} from './durations';
import { evaluate, isTrue, Variables } from './expressions';
import { formProblems } from './form';
import { KEPT_NOTICES, KEPT_STEPS, Notice, ProcessState, Token, Wait } from './state';
import { WorkingCalendar } from '../calendar/working-calendar';

const DEFAULT_CALENDAR = new WorkingCalendar();

/** What the engine asks its host (the Temporal workflow) to do. */
export type Command =
  | {
      kind: 'activity';
      id: string;
      activity: string;
      input: Variables;
      /** The person whose action led here (none when a timer did): records are attributable. */
      by?: string;
    }
  | { kind: 'child'; id: string; definition: string; variables: Variables }
  | { kind: 'cancel'; id: string }
  | { kind: 'notify'; notice: Notice };

/** What happens to a process. Timers are not events: the host reports the time with `timersDue`. */
export type ProcessEvent =
  | { type: 'taskCompleted'; taskId: string; data: Variables; by?: string }
  | { type: 'message'; name: string; payload?: Variables; by?: string }
  | { type: 'activityCompleted'; workId: string; result: Variables }
  | { type: 'activityFailed'; workId: string; message: string }
  | { type: 'childCompleted'; workId: string; variables: Variables; by?: string }
  | { type: 'timersDue' };

export interface Step {
  state: ProcessState;
  commands: Command[];
}

export class TaskRejection extends Error {
  constructor(
    readonly reason: 'not-open' | 'invalid-data',
    message: string,
  ) {
    super(message);
  }
}

interface Scope {
  elements: Map<string, FlowElement>;
  outgoing: Map<string, SequenceFlow[]>;
  incoming: Map<string, SequenceFlow[]>;
  boundaries: Map<string, BoundaryEvent[]>;
  start: string;
}

function indexScope(elements: FlowElement[], flows: SequenceFlow[]): Scope {
  const group = <K>(items: K[], key: (k: K) => string) => {
    const map = new Map<string, K[]>();
    for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
    return map;
  };
  const boundaries = elements.filter((e): e is BoundaryEvent => e.type === 'boundaryEvent');
  return {
    elements: new Map(elements.map((e) => [e.id, e])),
    outgoing: group(flows, (f) => f.source),
    incoming: group(flows, (f) => f.target),
    boundaries: group(boundaries, (b) => b.attachedTo),
    start: elements.find((e) => e.type === 'startEvent')?.id ?? '',
  };
}

/**
 * Runs BPMN-style process definitions as a pure, deterministic state machine: (state, event,
 * time) → (new state, commands). It does no I/O and reads no clock, so the same function runs
 * inside the Temporal workflow and in plain unit tests.
 */
export class ProcessEngine {
  private readonly scopes = new Map<string, Scope>();

  /**
   * With a working calendar, reminders and escalations land on working moments: a reminder
   * before a due date on the latest one on or before its time, later ones on the next one.
   */
  constructor(
    private readonly definition: ProcessDefinition,
    readonly calendar?: WorkingCalendar,
    /**
     * Processes started before the `zoned-durations` patch keep their recorded arithmetic; those
     * started before `overdue-in-office-hours` send an overdue notice at the due time itself.
     */
    private readonly options: {
      legacyDurations?: boolean;
      overdueInOfficeHours?: boolean;
      remindLateMeetings?: boolean;
      prevailingStages?: boolean;
    } = {},
  ) {
    const index = (elements: FlowElement[], flows: SequenceFlow[], id: string) => {
      this.scopes.set(id, indexScope(elements, flows));
      for (const el of elements) if (el.type === 'subProcess') index(el.elements, el.flows, el.id);
    };
    index(definition.elements, definition.flows, '');
  }

  /** `at` plus an ISO 8601 duration on Japan's calendar, or plus N working days. */
  addDuration(at: number, duration: string): number {
    const workingDays = workingDaysOf(duration);
    if (workingDays !== undefined) return this.workingDays.addWorkingDays(at, workingDays);
    return this.options.legacyDurations ? legacyShift(at, duration, 1) : addDuration(at, duration);
  }

  subtractDuration(at: number, duration: string): number {
    const workingDays = workingDaysOf(duration);
    if (workingDays !== undefined) return this.workingDays.subtractWorkingDays(at, workingDays);
    return this.options.legacyDurations
      ? legacyShift(at, duration, -1)
      : subtractDuration(at, duration);
  }

  /** When the overdue notice of a task due at `dueAt` goes out: with a calendar, in office hours. */
  overdueNoticeAt(dueAt: number): number {
    return this.options.overdueInOfficeHours && this.calendar
      ? this.calendar.nextWorkingMoment(dueAt)
      : dueAt;
  }

  /**
   * When the reminder of an event whose reminder time has already passed goes out: as soon as it
   * can (the next working moment, with a calendar), if that is still before the event. Processes
   * started before `remind-late-meetings` sent none.
   */
  lateReminderAt(eventAt: number, now: number): number | undefined {
    if (!this.options.remindLateMeetings) return undefined;
    const at = this.calendar ? this.calendar.nextWorkingMoment(now) : now;
    return at < eventAt ? at : undefined;
  }

  /**
   * Whether a prevailing stage (contact lost) is the case's stage while any element is in it;
   * processes started before the `prevailing-stages` patch show the first active element's.
   */
  get prevailingStages(): boolean {
    return this.options.prevailingStages === true;
  }

  /** Working days count on the process's calendar, or on the default one if it has none. */
  private get workingDays(): WorkingCalendar {
    return this.calendar ?? DEFAULT_CALENDAR;
  }

  start(variables: Variables, now: number): Step {
    const state: ProcessState = {
      definition: definitionKey(this.definition),
      status: 'running',
      startedAt: now,
      variables: { ...variables },
      tokens: [],
      scopes: [],
      tasks: [],
      waits: [],
      work: [],
      joins: {},
      completed: [],
      completedCount: 0,
      notices: [],
      incidents: [],
      seq: 0,
    };
    const run = new Run(this, state, now);
    run.arrive(run.newToken('root', this.scope('').start));
    return run.finish();
  }

  apply(previous: ProcessState, event: ProcessEvent, now: number): Step {
    const run = new Run(this, changeableCopy(previous), now);
    if (previous.status === 'running') run.handle(event);
    return run.finish();
  }

  /**
   * Throws a TaskRejection when the task cannot be completed with this data; changes nothing. A
   * caller that names the task's element is refused unless the task is of it: task ids are unique
   * within a run only, and one read elsewhere (an earlier run, a store behind) may be another's.
   */
  checkTaskCompletion(
    state: ProcessState,
    taskId: string,
    data: Variables,
    elementId?: string,
  ): void {
    const task = state.tasks.find((t) => t.id === taskId);
    if (!task || state.status !== 'running' || (elementId && task.elementId !== elementId)) {
      throw new TaskRejection('not-open', `task ${taskId} is not open`);
    }
    const element = this.element(task.elementId) as UserTask;
    const problems = formProblems(element.form, data);
    if (problems.length > 0) throw new TaskRejection('invalid-data', problems.join('; '));
  }

  /**
   * Refuses a message nothing waits for (it would be lost) or whose payload does not fit the
   * declared variables; callers check before sending so they can say why.
   */
  checkMessage(state: ProcessState, name: string, payload: Variables): void {
    if (state.status !== 'running' || !state.waits.some((w) => w.message === name)) {
      throw new TaskRejection('not-open', `the process is not waiting for ${name}`);
    }
    const fields = Object.fromEntries(
      Object.keys(payload).flatMap((key) => {
        const declared = this.definition.variables[key];
        return declared && declared.type !== 'object'
          ? [[key, { type: declared.type, enum: declared.enum }] as const]
          : [];
      }),
    );
    const problems = formProblems(fields, payload);
    if (problems.length > 0) throw new TaskRejection('invalid-data', problems.join('; '));
  }

  /** The earliest time a timer of this process is due, if any. */
  nextDeadline(state: ProcessState): number | undefined {
    const due = state.waits.map((w) => w.dueAt).filter((t): t is number => t !== undefined);
    return due.length ? Math.min(...due) : undefined;
  }

  declares(variable: string): boolean {
    return variable in this.definition.variables;
  }

  /** Finds an element by id in any scope. */
  element(id: string): FlowElement {
    for (const scope of this.scopes.values()) {
      const el = scope.elements.get(id);
      if (el) return el;
    }
    throw new Error(`element ${id} is not in ${definitionKey(this.definition)}`);
  }

  /** The definition scope (process or sub-process element id) an element belongs to. */
  scopeOf(elementId: string): Scope {
    for (const scope of this.scopes.values()) if (scope.elements.has(elementId)) return scope;
    throw new Error(`element ${elementId} is not in ${definitionKey(this.definition)}`);
  }

  scope(id: string): Scope {
    const scope = this.scopes.get(id);
    if (!scope) throw new Error(`no scope ${id}`);
    return scope;
  }
}

/**
 * A copy of the state that a run may change. The kept steps and notices are logs whose entries
 * are only added and dropped, never changed: their arrays are copied, not their entries (most of
 * a long-running state, copied on every event). A state of any age has both (engine.start).
 */
function changeableCopy(state: ProcessState): ProcessState {
  const copy = JSON.parse(JSON.stringify({ ...state, completed: [], notices: [] })) as ProcessState;
  copy.completed = [...state.completed];
  copy.notices = [...state.notices];
  return copy;
}

/** One application of an event: mutates its own copy of the state and collects commands. */
class Run {
  private readonly commands: Command[] = [];
  private readonly queue: Token[] = [];
  /** Who caused the event being applied; carried to the activities it leads to. */
  private actor?: string;

  constructor(
    private readonly engine: ProcessEngine,
    private readonly state: ProcessState,
    private readonly now: number,
  ) {}

  finish(): Step {
    this.drain();
    return { state: this.state, commands: this.commands };
  }

  private id(prefix: string): string {
    this.state.seq += 1;
    return `${prefix}${this.state.seq}`;
  }

  newToken(scope: string, elementId: string): Token {
    const token = { id: this.id('t'), elementId, scope };
    this.state.tokens.push(token);
    return token;
  }

  handle(event: ProcessEvent): void {
    // Who the event names, else who caused the work it completes.
    const work = 'workId' in event ? this.state.work.find((w) => w.id === event.workId) : undefined;
    this.actor = ('by' in event ? event.by : undefined) ?? work?.by;
    switch (event.type) {
      case 'taskCompleted':
        return this.completeTask(event.taskId, event.data, event.by);
      case 'message':
        return this.deliverMessage(event.name, event.payload ?? {});
      case 'activityCompleted':
      case 'childCompleted': {
        const work = this.state.work.find((w) => w.id === event.workId);
        if (!work) return; // cancelled meanwhile: its result no longer matters
        this.state.work = this.state.work.filter((w) => w !== work);
        const el = this.engine.element(work.elementId) as ServiceTask | CallActivity;
        const source = event.type === 'activityCompleted' ? event.result : event.variables;
        for (const [variable, key] of Object.entries(el.output ?? {})) {
          this.state.variables[variable] = source[key];
        }
        return this.leaveActivity(this.token(work.tokenId));
      }
      case 'activityFailed': {
        const work = this.state.work.find((w) => w.id === event.workId);
        if (work) {
          this.state.incidents.push({
            elementId: work.elementId,
            at: this.now,
            message: event.message,
          });
        }
        return;
      }
      case 'timersDue':
        return this.fireDueTimers();
    }
  }

  // ---- arriving at elements -------------------------------------------------------------

  arrive(token: Token): void {
    this.queue.push(token);
  }

  /** Moves tokens on until each waits; loops are safe because the validator demands a wait. */
  private drain(): void {
    while (this.queue.length > 0 && this.state.status === 'running') {
      const token = this.queue.shift() as Token;
      if (!this.state.tokens.includes(token)) continue;
      this.enter(token);
    }
  }

  private enter(token: Token): void {
    const el = this.engine.element(token.elementId);
    switch (el.type) {
      case 'startEvent':
        return this.leave(token);
      case 'endEvent':
        this.record(el.id);
        this.removeToken(token);
        if (el.escalation !== undefined) this.escalate(token.scope, el.escalation);
        if (el.outcome !== 'completed') return this.end(el.outcome);
        return this.scopeMayBeDone(token.scope);
      case 'userTask':
        return this.openTask(token, el);
      case 'serviceTask': {
        const id = this.id('w');
        const by = this.actor;
        this.state.work.push({
          id,
          tokenId: token.id,
          elementId: el.id,
          kind: 'activity',
          ...(by ? { by } : {}),
        });
        this.commands.push({
          kind: 'activity',
          id,
          activity: el.activity,
          input: this.input(el.input),
          ...(by ? { by } : {}),
        });
        return this.attachBoundaries(token);
      }
      case 'callActivity': {
        const id = this.id('w');
        this.state.work.push({ id, tokenId: token.id, elementId: el.id, kind: 'child' });
        const definition = `${el.calledElement}@${el.version}`;
        this.commands.push({ kind: 'child', id, definition, variables: this.input(el.input) });
        return this.attachBoundaries(token);
      }
      case 'subProcess': {
        const scopeId = this.id('s');
        this.state.scopes.push({
          id: scopeId,
          elementId: el.id,
          parentScope: token.scope,
          tokenId: token.id,
        });
        this.attachBoundaries(token);
        return this.arrive(this.newToken(scopeId, this.engine.scope(el.id).start));
      }
      case 'exclusiveGateway':
        return this.decide(token, el.id, el.default);
      case 'parallelGateway':
        return this.parallel(token);
      case 'eventBasedGateway':
        for (const flow of this.engine.scopeOf(el.id).outgoing.get(el.id) ?? []) {
          const target = this.engine.element(flow.target) as IntermediateCatchEvent;
          this.waitFor(token, target, { gateway: el.id });
        }
        return;
      case 'intermediateCatchEvent':
        return this.waitFor(token, el, {});
      case 'boundaryEvent':
        return this.leave(token);
    }
  }

  private leave(token: Token, flows?: SequenceFlow[], by?: string): void {
    this.record(token.elementId, by);
    const outs = flows ?? this.engine.scopeOf(token.elementId).outgoing.get(token.elementId) ?? [];
    outs.forEach((flow, i) => {
      const moving = i === 0 ? token : this.newToken(token.scope, flow.target);
      moving.elementId = flow.target;
      moving.via = flow.id;
      this.arrive(moving);
    });
  }

  private record(elementId: string, by?: string): void {
    const el = this.engine.element(elementId);
    if (el.type === 'startEvent' || el.type.endsWith('Gateway')) return;
    // A caught message is the sender's step.
    if (el.type === 'intermediateCatchEvent' || el.type === 'boundaryEvent') by ??= this.actor;
    this.state.completed.push({ elementId, at: this.now, ...(by ? { by } : {}) });
    this.state.completedCount += 1;
    if (this.state.completed.length > KEPT_STEPS) this.state.completed.shift();
  }

  private input(mapping: Record<string, unknown> | undefined): Variables {
    return Object.fromEntries(
      Object.entries(mapping ?? {}).map(([k, expr]) => [
        k,
        evaluate(expr as never, this.state.variables),
      ]),
    );
  }

  // ---- gateways -------------------------------------------------------------------------

  private decide(token: Token, gatewayId: string, defaultFlow: string | undefined): void {
    const outs = this.engine.scopeOf(gatewayId).outgoing.get(gatewayId) ?? [];
    const chosen =
      outs.find(
        (f) =>
          f.id !== defaultFlow &&
          f.condition !== undefined &&
          isTrue(f.condition, this.state.variables),
      ) ??
      outs.find((f) => f.id === defaultFlow) ??
      (outs.length === 1 ? outs[0] : undefined);
    if (!chosen) {
      this.state.incidents.push({ elementId: gatewayId, at: this.now, message: 'no flow applies' });
      return;
    }
    this.leave(token, [chosen]);
  }

  private parallel(token: Token): void {
    const scope = this.engine.scopeOf(token.elementId);
    const ins = scope.incoming.get(token.elementId) ?? [];
    if (ins.length <= 1) return this.leave(token);
    const key = `${token.scope}/${token.elementId}`;
    const via = token.via ?? '';
    const arrived = [...(this.state.joins[key] ?? []), via];
    this.removeToken(token);
    if (!ins.every((flow) => arrived.includes(flow.id))) {
      this.state.joins[key] = arrived;
      return;
    }
    // Every incoming flow has a token: consume one of each, and go on with one token.
    const rest = [...arrived];
    for (const flow of ins) rest.splice(rest.indexOf(flow.id), 1);
    if (rest.length) this.state.joins[key] = rest;
    else delete this.state.joins[key];
    this.leave(this.newToken(token.scope, token.elementId));
  }

  // ---- waiting --------------------------------------------------------------------------

  private timerDueAt(timer: TimerDefinition): number {
    if (timer.duration) return this.engine.addDuration(this.now, timer.duration);
    if (timer.cycle) return this.engine.addDuration(this.now, timer.cycle.every);
    if (timer.durationVariable) {
      return this.engine.addDuration(this.now, this.durationOf(timer.durationVariable) ?? 'PT0S');
    }
    const date = timer.date ?? String(this.state.variables[timer.dateVariable ?? ''] ?? '');
    const at = Date.parse(date);
    return Number.isNaN(at) ? this.now : at;
  }

  /** A duration held by a variable; the validator and forms make sure it is one. */
  private durationOf(variable: string): string | undefined {
    const value = this.state.variables[variable];
    return typeof value === 'string' && isValidDuration(value) ? value : undefined;
  }

  private waitFor(
    token: Token,
    el: IntermediateCatchEvent | BoundaryEvent,
    extra: Partial<Wait>,
  ): void {
    const dueAt = el.timer ? this.timerDueAt(el.timer) : undefined;
    this.state.waits.push({
      id: this.id('e'),
      tokenId: token.id,
      elementId: el.id,
      purpose: 'event',
      ...(dueAt !== undefined ? { dueAt } : {}),
      ...(el.message ? { message: el.message.name } : {}),
      ...extra,
    });
    if (el.type === 'intermediateCatchEvent' && dueAt !== undefined) {
      this.announce(token, el, dueAt, extra);
    }
  }

  private attachBoundaries(token: Token): void {
    for (const boundary of this.engine.scopeOf(token.elementId).boundaries.get(token.elementId) ??
      []) {
      if (boundary.escalation) continue; // caught when thrown, not waited on
      const cycle = boundary.timer?.cycle;
      this.waitFor(token, boundary, {
        boundary: {
          interrupting: boundary.interrupting !== false,
          ...(cycle ? { every: cycle.every } : {}),
          ...(cycle?.times !== undefined ? { remaining: cycle.times - 1 } : {}),
        },
      });
    }
  }

  private fireDueTimers(): void {
    for (;;) {
      const due = this.state.waits
        .filter((w) => w.dueAt !== undefined && w.dueAt <= this.now)
        .sort((a, b) => (a.dueAt as number) - (b.dueAt as number) || seqOf(a.id) - seqOf(b.id));
      if (due.length === 0 || this.state.status !== 'running') return;
      this.fire(due[0]);
      this.drain();
    }
  }

  private deliverMessage(name: string, payload: Variables): void {
    const waiting = this.state.waits.filter((w) => w.message === name);
    for (const [key, value] of Object.entries(payload)) {
      if (this.engine.declares(key)) this.state.variables[key] = value;
    }
    for (const wait of waiting) if (this.state.waits.includes(wait)) this.fire(wait);
  }

  private fire(wait: Wait): void {
    this.state.waits = this.state.waits.filter((w) => w !== wait);
    if (wait.purpose !== 'event') return this.fireTaskTimer(wait);
    const token = this.token(wait.tokenId);
    if (wait.boundary) {
      const boundary = this.engine.element(wait.elementId);
      if (wait.boundary.interrupting) this.cancelActivity(token);
      else if (wait.boundary.every && wait.boundary.remaining !== 0) {
        this.state.waits.push({
          ...wait,
          id: this.id('e'),
          dueAt: this.engine.addDuration(wait.dueAt ?? this.now, wait.boundary.every),
          boundary: {
            ...wait.boundary,
            ...(wait.boundary.remaining !== undefined
              ? { remaining: wait.boundary.remaining - 1 }
              : {}),
          },
        });
      }
      return this.arrive(this.newToken(token.scope, boundary.id));
    }
    // The first event wins a gateway's race; the token's other waits (the rival events, the
    // event's reminders) are withdrawn.
    this.state.waits = this.state.waits.filter((w) => w.tokenId !== token.id);
    if (wait.gateway) token.elementId = wait.elementId;
    const el = this.engine.element(wait.elementId) as IntermediateCatchEvent;
    for (const r of el.notify ?? []) {
      this.notify({
        at: this.now,
        kind: 'event_notice',
        elementId: el.id,
        ...this.recipient(r, r.to),
      });
    }
    this.leave(token);
  }

  // ---- user tasks -----------------------------------------------------------------------

  private openTask(token: Token, el: UserTask): void {
    const dueIn = el.dueIn ?? (el.dueInVariable ? this.durationOf(el.dueInVariable) : undefined);
    const dueAt = dueIn ? this.engine.addDuration(this.now, dueIn) : undefined;
    const taskId = this.id('task');
    this.state.tasks.push({
      id: taskId,
      elementId: el.id,
      ...(displayName(el) ? { name: displayName(el) } : {}),
      role: el.candidateRole,
      tokenId: token.id,
      createdAt: this.now,
      ...(dueAt !== undefined ? { dueAt } : {}),
      escalationLevel: 0,
    });
    if (dueAt !== undefined) {
      const timer = (purpose: Wait['purpose'], at: number, extra: Partial<Wait> = {}) =>
        this.state.waits.push({
          id: this.id('e'),
          tokenId: token.id,
          elementId: el.id,
          purpose,
          dueAt: at,
          taskId,
          ...extra,
        });
      timer('due', dueAt);
      const calendar = this.engine.calendar;
      const onOrBefore = (t: number) => calendar?.workingMomentOnOrBefore(t) ?? t;
      const onOrAfter = (t: number) => calendar?.nextWorkingMoment(t) ?? t;
      el.reminders?.forEach((r, step) =>
        r.before
          ? timer('reminder', onOrBefore(this.engine.subtractDuration(dueAt, r.before)), { step })
          : timer('reminder', onOrAfter(this.engine.addDuration(dueAt, r.every as string)), {
              step,
              every: r.every,
            }),
      );
      const escalatesFrom = el.escalationFrom === 'opened' ? this.now : dueAt;
      el.escalation?.forEach((e, step) =>
        timer('escalation', onOrAfter(this.engine.addDuration(escalatesFrom, e.after)), { step }),
      );
    }
    this.attachBoundaries(token);
  }

  private notify(notice: Omit<Notice, 'id'>): void {
    const n: Notice = { id: this.id('n'), ...notice };
    this.state.notices.push(n);
    if (this.state.notices.length > KEPT_NOTICES) this.state.notices.shift();
    this.commands.push({ kind: 'notify', notice: n });
  }

  /** A recipient as a notice names it: the agencies a variable lists are read now. */
  private recipient(r: Recipient, role: string): Pick<Notice, 'to' | 'agencies'> {
    const to = r.to === 'assignee' ? role : r.to;
    if (!r.agencies) return { to };
    const listed = this.state.variables[r.agencies];
    return { to, agencies: Array.isArray(listed) ? listed.map(String) : [] };
  }

  private fireTaskTimer(wait: Wait): void {
    if (!wait.taskId) return this.remindOfEvent(wait);
    const task = this.state.tasks.find((t) => t.id === wait.taskId);
    if (!task) return;
    const el = this.engine.element(task.elementId) as UserTask;
    const notice = (kind: Notice['kind'], to: Pick<Notice, 'to' | 'agencies'>, level?: number) =>
      this.notify({
        at: wait.dueAt ?? this.now,
        kind,
        taskId: task.id,
        elementId: el.id,
        ...to,
        ...(level ? { level } : {}),
      });
    if (wait.purpose === 'due') {
      // The task is overdue now (the view shows it); its notice waits for office hours.
      const at = this.engine.overdueNoticeAt(wait.dueAt ?? this.now);
      if (at === (wait.dueAt ?? this.now)) return notice('overdue', { to: task.role });
      this.state.waits.push({ ...wait, id: this.id('e'), purpose: 'overdue', dueAt: at });
      return;
    }
    if (wait.purpose === 'overdue') return notice('overdue', { to: task.role });
    if (wait.purpose === 'reminder') {
      const reminder = el.reminders?.[wait.step ?? 0];
      if (wait.every) {
        const next = this.engine.addDuration(wait.dueAt ?? this.now, wait.every);
        this.state.waits.push({
          ...wait,
          id: this.id('e'),
          dueAt: this.engine.calendar?.nextWorkingMoment(next) ?? next,
        });
      }
      return notice('reminder', this.recipient(reminder ?? { to: 'assignee' }, task.role));
    }
    const step = el.escalation?.[wait.step ?? 0];
    task.escalationLevel = Math.max(task.escalationLevel, (wait.step ?? 0) + 1);
    notice('escalation', { to: step?.to ?? task.role }, task.escalationLevel);
  }

  // ---- invitations and reminders of a timer event (a meeting day) -----------------------

  /**
   * Invites now, and sets the reminders still ahead of the event at `eventAt`; an event already
   * past (a meeting recorded after it was held) is announced to no one.
   */
  private announce(
    token: Token,
    el: IntermediateCatchEvent,
    eventAt: number,
    extra: Partial<Wait>,
  ) {
    if (eventAt <= this.now) return;
    for (const r of el.invite ?? []) {
      this.notify({
        at: this.now,
        kind: 'invitation',
        elementId: el.id,
        eventAt,
        ...this.recipient(r, r.to),
      });
    }
    el.reminders?.forEach((r, step) => {
      if (!r.before) return;
      const at = this.engine.subtractDuration(eventAt, r.before);
      const onOrBefore = this.engine.calendar?.workingMomentOnOrBefore(at) ?? at;
      // A meeting less than the reminder's notice ahead is still reminded of, as soon as can be.
      const dueAt =
        onOrBefore > this.now ? onOrBefore : this.engine.lateReminderAt(eventAt, this.now);
      if (dueAt === undefined) return;
      this.state.waits.push({
        id: this.id('e'),
        tokenId: token.id,
        elementId: el.id,
        purpose: 'reminder',
        dueAt,
        step,
        ...extra,
      });
    });
  }

  private remindOfEvent(wait: Wait): void {
    const el = this.engine.element(wait.elementId) as IntermediateCatchEvent;
    const reminder = el.reminders?.[wait.step ?? 0];
    const event = this.state.waits.find(
      (w) => w.tokenId === wait.tokenId && w.purpose === 'event' && w.elementId === el.id,
    );
    if (!reminder || event?.dueAt === undefined) return;
    this.notify({
      at: wait.dueAt ?? this.now,
      kind: 'event_reminder',
      elementId: el.id,
      eventAt: event.dueAt,
      ...this.recipient(reminder, reminder.to),
    });
  }

  private completeTask(taskId: string, data: Variables, by?: string): void {
    this.engine.checkTaskCompletion(this.state, taskId, data);
    const task = this.state.tasks.find((t) => t.id === taskId);
    if (!task) return;
    Object.assign(this.state.variables, data);
    this.state.tasks = this.state.tasks.filter((t) => t !== task);
    const token = this.token(task.tokenId);
    this.state.waits = this.state.waits.filter((w) => w.tokenId !== token.id);
    this.leave(token, undefined, by);
  }

  // ---- leaving, cancelling and ending ---------------------------------------------------

  /** A service task, call activity or sub-process is done: drop its boundary waits and go on. */
  private leaveActivity(token: Token): void {
    this.state.waits = this.state.waits.filter((w) => w.tokenId !== token.id);
    this.leave(token);
  }

  private cancelActivity(token: Token): void {
    this.state.waits = this.state.waits.filter((w) => w.tokenId !== token.id);
    this.state.tasks = this.state.tasks.filter((t) => t.tokenId !== token.id);
    for (const work of this.state.work.filter((w) => w.tokenId === token.id)) {
      this.commands.push({ kind: 'cancel', id: work.id });
    }
    this.state.work = this.state.work.filter((w) => w.tokenId !== token.id);
    for (const scope of this.state.scopes.filter((s) => s.tokenId === token.id))
      this.cancelScope(scope.id);
    this.removeToken(token);
  }

  private cancelScope(scopeId: string): void {
    for (const token of this.state.tokens.filter((t) => t.scope === scopeId))
      this.cancelActivity(token);
    this.state.scopes = this.state.scopes.filter((s) => s.id !== scopeId);
    for (const key of Object.keys(this.state.joins))
      if (key.startsWith(`${scopeId}/`)) delete this.state.joins[key];
  }

  private escalate(scopeId: string, code: string): void {
    const scope = this.state.scopes.find((s) => s.id === scopeId);
    if (!scope) return;
    const host = this.token(scope.tokenId);
    const catcher = (
      this.engine.scopeOf(scope.elementId).boundaries.get(scope.elementId) ?? []
    ).find((b) => b.escalation && (b.escalation.code === undefined || b.escalation.code === code));
    if (!catcher) return this.escalate(scope.parentScope, code);
    if (catcher.interrupting !== false) this.cancelActivity(host);
    this.arrive(this.newToken(host.scope, catcher.id));
  }

  private scopeMayBeDone(scopeId: string): void {
    if (this.state.tokens.some((t) => t.scope === scopeId)) return;
    if (scopeId === 'root') return this.end('completed');
    const scope = this.state.scopes.find((s) => s.id === scopeId);
    if (!scope) return;
    this.state.scopes = this.state.scopes.filter((s) => s !== scope);
    this.leaveActivity(this.token(scope.tokenId));
  }

  private end(outcome: ProcessState['status']): void {
    for (const work of this.state.work) this.commands.push({ kind: 'cancel', id: work.id });
    Object.assign(this.state, {
      status: outcome,
      endedAt: this.now,
      tokens: [],
      scopes: [],
      tasks: [],
      waits: [],
      work: [],
      joins: {},
    });
  }

  private removeToken(token: Token): void {
    this.state.tokens = this.state.tokens.filter((t) => t !== token && t.id !== token.id);
  }

  private token(id: string): Token {
    const token = this.state.tokens.find((t) => t.id === id);
    if (!token) throw new Error(`no token ${id}`);
    return token;
  }
}

/** The name staff read: the Japanese one where the definition gives it. */
export function displayName(el: FlowElement): string | undefined {
  return el.nameJa ?? el.name;
}

function seqOf(id: string): number {
  return Number(id.replace(/^\D+/, ''));
}
