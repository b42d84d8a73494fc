import { isUUID } from 'class-validator';
import {
  taskRolesInScope,
  type Actor,
  type DueBounds,
  type DueWindow,
  type TaskScope,
} from '@sss/domain';

/** One stored open task of a running process, as the listing reads it. */
export interface OpenTaskRow {
  workflow_id: string;
  task_id: string;
  case_id: string;
  element_id: string;
  name: string | null;
  role: string;
  due_at: Date | null;
  overdue: boolean;
  definition: string;
}

/** Where a page ends, in the listing's order: due date (none last), case, process, task. */
export type PageKey = [dueAt: string | null, caseId: string, workflowId: string, taskId: string];

const MAX_KEY_PART = 300;

/**
 * The SQL of GET /v1/tasks over `open_tasks`: the caller's municipality always, the scope's cases
 * or roles, the due windows exactly as libs/domain/src/tasks/due-window.ts defines them (overdue:
 * flagged by its process or due at or before now), and keyset paging. Every value is a parameter.
 */
export class OpenTaskQuery {
  private readonly params: unknown[] = [];
  private readonly scope: string;

  constructor(
    actor: Actor,
    scope: TaskScope,
    caseIds: string[] | undefined,
    private readonly bounds: DueBounds,
  ) {
    const clauses = [`c.municipality = ${this.param(actor.municipality)}`, 's.running'];
    if (caseIds) clauses.push(`t.case_id = ANY(${this.param(caseIds)}::uuid[])`);
    const roles = taskRolesInScope(actor, scope);
    if (roles) clauses.push(`t.role = ANY(${this.param(roles)}::varchar[])`);
    this.scope = clauses.join(' AND ');
  }

  /** The page's rows: at most `limit`, of one window or all, after the key. */
  page(due: DueWindow | undefined, after: PageKey | undefined, limit: number): [string, unknown[]] {
    const params = [...this.params];
    const p = (value: unknown) => `$${params.push(value)}`;
    const clauses = [this.scope];
    if (due) clauses.push(this.window(due, p));
    if (after) {
      clauses.push(
        `(COALESCE(t.due_at, 'infinity'), t.case_id, t.workflow_id, t.task_id) >
         (COALESCE(${p(after[0])}::timestamptz, 'infinity'), ${p(after[1])}::uuid, ${p(after[2])}, ${p(after[3])})`,
      );
    }
    return [
      `SELECT t.workflow_id, t.task_id, t.case_id, t.element_id, t.name, t.role, t.due_at,
              t.overdue, s.definition
         ${FROM} WHERE ${clauses.join(' AND ')}
        ORDER BY COALESCE(t.due_at, 'infinity'), t.case_id, t.workflow_id, t.task_id
        LIMIT ${p(limit)}`,
      params,
    ];
  }

  /** Tasks per window over the whole scope, in one pass. */
  counts(): [string, unknown[]] {
    const params = [...this.params];
    const p = (value: unknown) => `$${params.push(value)}`;
    return [
      `SELECT count(*) FILTER (WHERE ${this.window('today', p)}) AS today,
              count(*) FILTER (WHERE ${this.window('week', p)}) AS week,
              count(*) FILTER (WHERE ${this.window('overdue', p)}) AS overdue
         ${FROM} WHERE ${this.scope}`,
      params,
    ];
  }

  static keyOf(row: OpenTaskRow): PageKey {
    return [
      row.due_at ? row.due_at.toISOString() : null,
      row.case_id,
      row.workflow_id,
      row.task_id,
    ];
  }

  /** Whether a cursor's content is a page key (a cursor is opaque, not secret: check it all). */
  static isKey(key: unknown): key is PageKey {
    if (!Array.isArray(key) || key.length !== 4) return false;
    const [due, caseId, workflowId, taskId] = key as unknown[];
    const text = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= MAX_KEY_PART;
    return (
      (due === null || (typeof due === 'string' && !Number.isNaN(Date.parse(due)))) &&
      typeof caseId === 'string' &&
      isUUID(caseId) &&
      text(workflowId) &&
      text(taskId)
    );
  }

  /** A window's condition, its instants added as parameters through `p`. */
  private window(due: DueWindow, p: (value: unknown) => string): string {
    const at = (ms: number) => `${p(new Date(ms))}::timestamptz`;
    const overdue = `(t.overdue OR t.due_at <= ${at(this.bounds.now)})`;
    if (due === 'overdue') return overdue;
    const end = due === 'today' ? this.bounds.endOfToday : this.bounds.endOfWeek;
    return `(NOT ${overdue} AND t.due_at < ${at(end)})`;
  }

  private param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }
}

/** Open tasks of running processes of stored cases. */
const FROM = `FROM "open_tasks" t
  JOIN "process_snapshots" s ON s.workflow_id = t.workflow_id
  JOIN "cases" c ON c.id = t.case_id`;
