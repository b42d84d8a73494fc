/**
 * Process definitions: plain, JSON-serialisable data with BPMN semantics. Developers version them;
 * a running case keeps the definition it started on, pinned into its workflow input.
 */

/** A JSON Logic expression (https://jsonlogic.com): data, never code, so it is safe to evaluate. */
export type Condition = Record<string, unknown> | boolean;

/** ISO 8601 duration, e.g. `P14D`, `PT2H`, `P3M`. */
export type Duration = string;

export type VariableType =
  'string' | 'number' | 'boolean' | 'date' | 'duration' | 'string[]' | 'object';

export interface VariableDeclaration {
  type: VariableType;
  /** For strings: the values allowed. */
  enum?: string[];
  description?: string;
}

/** Fields a user task's completion carries; each becomes (or overwrites) a process variable. */
export interface FormField {
  type: Exclude<VariableType, 'object'>;
  required?: boolean;
  enum?: string[];
}

export interface TimerDefinition {
  /** Fires this long after the element is reached. */
  duration?: Duration;
  /** Fires at this instant (ISO 8601 date-time), or at the date held by this variable. */
  date?: string;
  dateVariable?: string;
  /** Fires after the duration held by this variable (e.g. the interval a support plan sets). */
  durationVariable?: string;
  /** Fires every `duration`, at most `times` times (unbounded when absent): a BPMN timer cycle. */
  cycle?: { every: Duration; times?: number };
}

export interface MessageDefinition {
  name: string;
}

interface ElementBase {
  id: string;
  name?: string;
  /** The case stage this element belongs to; shown to coordinators and in search attributes. */
  stage?: string;
}

export interface StartEvent extends ElementBase {
  type: 'startEvent';
}

export type EndOutcome = 'completed' | 'suspended' | 'terminated';

export interface EndEvent extends ElementBase {
  type: 'endEvent';
  /** completed ends this path; suspended and terminated end the whole process at once. */
  outcome: EndOutcome;
  /** Throws an escalation to the enclosing sub-process's escalation boundary events. */
  escalation?: string;
}

/** Who a notice goes to. */
export interface Recipient {
  /** A role, or (for a task's reminders) `assignee`. */
  to: string;
  /**
   * With `to: agency_staff`: a `string[]` variable listing the agencies meant (a meeting's
   * attendees); without it, the agencies the case's plan gives the role.
   */
  agencies?: string;
}

export interface Reminder extends Recipient {
  /** Before the due date (`before`), or after it, repeating (`every`) while the task is open. */
  before?: Duration;
  every?: Duration;
}

export interface EscalationStep {
  /** How long after the due date this step is reached. */
  after: Duration;
  /** Who the case escalates to at this step (e.g. coordinator, then manager). */
  to: string;
}

export interface UserTask extends ElementBase {
  type: 'userTask';
  /** The role that may complete the task. */
  candidateRole: string;
  form?: Record<string, FormField>;
  dueIn?: Duration;
  /** Or: due after the duration held by this variable. */
  dueInVariable?: string;
  reminders?: Reminder[];
  escalation?: EscalationStep[];
}

export interface ServiceTask extends ElementBase {
  type: 'serviceTask';
  /** The name of an activity the worker registers. */
  activity: string;
  /** Activity input: parameter name → JSON Logic expression over the variables. */
  input?: Record<string, Condition | string | number>;
  /** Variable name → key of the activity's result object. */
  output?: Record<string, string>;
}

export interface ExclusiveGateway extends ElementBase {
  type: 'exclusiveGateway';
  /** The flow taken when no condition holds. */
  default?: string;
}

export interface ParallelGateway extends ElementBase {
  type: 'parallelGateway';
}

export interface EventBasedGateway extends ElementBase {
  type: 'eventBasedGateway';
}

export interface IntermediateCatchEvent extends ElementBase {
  type: 'intermediateCatchEvent';
  timer?: TimerDefinition;
  message?: MessageDefinition;
  /**
   * For a timer event (a meeting day): who is invited when the wait for it begins, again on each
   * new date, and reminded `before` it (on the latest working moment on or before).
   */
  invite?: Recipient[];
  reminders?: Reminder[];
  /** Who is told when the event happens (a meeting called off). */
  notify?: Recipient[];
}

export interface BoundaryEvent extends ElementBase {
  type: 'boundaryEvent';
  attachedTo: string;
  /** Interrupting (default) cancels the activity it is attached to; otherwise both go on. */
  interrupting?: boolean;
  timer?: TimerDefinition;
  message?: MessageDefinition;
  /** Catches an escalation thrown inside the sub-process: any code when empty. */
  escalation?: { code?: string };
}

export interface CallActivity extends ElementBase {
  type: 'callActivity';
  /** Another definition, run as a child process. */
  calledElement: string;
  /** `latest` binds at the time the parent starts; a number pins that version. */
  version: 'latest' | number;
  input?: Record<string, Condition | string | number>;
  output?: Record<string, string>;
}

export interface SubProcess extends ElementBase {
  type: 'subProcess';
  elements: FlowElement[];
  flows: SequenceFlow[];
}

export type FlowElement =
  | StartEvent
  | EndEvent
  | UserTask
  | ServiceTask
  | ExclusiveGateway
  | ParallelGateway
  | EventBasedGateway
  | IntermediateCatchEvent
  | BoundaryEvent
  | CallActivity
  | SubProcess;

export type ElementType = FlowElement['type'];

export interface SequenceFlow {
  id: string;
  source: string;
  target: string;
  /** For flows out of an exclusive gateway. */
  condition?: Condition;
  name?: string;
}

export interface ProcessDefinition {
  id: string;
  version: number;
  name: string;
  description?: string;
  variables: Record<string, VariableDeclaration>;
  elements: FlowElement[];
  flows: SequenceFlow[];
}

export function definitionKey(def: { id: string; version: number }): string {
  return `${def.id}@${def.version}`;
}
