import type { EndOutcome } from './definition';
import type { Variables } from './expressions';

/** A BPMN token: where one thread of the process stands. */
export interface Token {
  id: string;
  elementId: string;
  /** The scope instance it runs in: `root`, or a sub-process instance's id. */
  scope: string;
  /** The flow it arrived by (parallel joins count arrivals per incoming flow). */
  via?: string;
}

/** A running embedded sub-process: its tokens have `scope` = this id. */
export interface ScopeInstance {
  id: string;
  elementId: string;
  parentScope: string;
  /** The token waiting at the sub-process element in the parent scope. */
  tokenId: string;
}

export interface OpenTask {
  id: string;
  elementId: string;
  name?: string;
  role: string;
  tokenId: string;
  createdAt: number;
  dueAt?: number;
  /** 0 until the first escalation step is reached. */
  escalationLevel: number;
}

/** Something a token waits on, or a task's timer; fires on a message or at `dueAt`. */
export interface Wait {
  id: string;
  tokenId: string;
  elementId: string;
  /** `overdue`: the overdue notice, when office hours came after the due time. */
  purpose: 'event' | 'due' | 'overdue' | 'reminder' | 'escalation';
  dueAt?: number;
  message?: string;
  /** For waits of a boundary event. */
  boundary?: { interrupting: boolean; every?: string; remaining?: number };
  /** For the waits an event-based gateway races. */
  gateway?: string;
  /** For task timers: which task, and the reminder or escalation step. */
  taskId?: string;
  step?: number;
  every?: string;
}

/** Work outside the workflow: an activity of a service task, or a called child process. */
export interface PendingWork {
  id: string;
  tokenId: string;
  elementId: string;
  kind: 'activity' | 'child';
  /** Who caused it, see Command. */
  by?: string;
}

/**
 * A task's reminder, overdue notice or escalation; an event's (a meeting's) invitation, its
 * reminder, or word that it happened (the meeting called off).
 */
export const NOTICE_KINDS = [
  'reminder',
  'overdue',
  'escalation',
  'invitation',
  'event_reminder',
  'event_notice',
] as const;

/**
 * The notices of a case changing hands, which the API starts when it records the change (no
 * process makes them): to the coordinator it was given to, to the office it was transferred to.
 */
export const HANDOVER_NOTICE_KINDS = ['assigned', 'transferred'] as const;

/** A notice for the notification channels. */
export interface Notice {
  id: string;
  at: number;
  kind: (typeof NOTICE_KINDS)[number] | (typeof HANDOVER_NOTICE_KINDS)[number];
  /** The task it is about; none for an event's notices. */
  taskId?: string;
  elementId: string;
  /** A role. */
  to: string;
  /** For `agency_staff`: just these agencies (a meeting's attendees, the office given a case). */
  agencies?: string[];
  /**
   * For `coordinator`: just this person (the coordinator a case was given to), not whoever has
   * the case when the notice is delivered.
   */
  person?: string;
  /** When the event it is about happens (the meeting's date and time). */
  eventAt?: number;
  level?: number;
}

export interface CompletedStep {
  elementId: string;
  at: number;
  by?: string;
}

export interface Incident {
  elementId: string;
  at: number;
  message: string;
}

export type ProcessStatus = 'running' | EndOutcome;

/** Everything about a running process, as plain data: it is carried across continue-as-new. */
export interface ProcessState {
  definition: string;
  status: ProcessStatus;
  startedAt: number;
  endedAt?: number;
  variables: Variables;
  tokens: Token[];
  scopes: ScopeInstance[];
  tasks: OpenTask[];
  waits: Wait[];
  work: PendingWork[];
  /** Parallel joins: `${scope}/${gateway}` → the incoming flows that have arrived. */
  joins: Record<string, string[]>;
  /** The most recent completed steps (older ones are counted, not kept: cases last years). */
  completed: CompletedStep[];
  completedCount: number;
  notices: Notice[];
  incidents: Incident[];
  seq: number;
}

export const KEPT_STEPS = 200;
export const KEPT_NOTICES = 100;
