import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryRejectedError, ServiceError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { In, Repository } from 'typeorm';
import { englishName, japaneseName } from '@sss/definitions';
import {
  actionOfTask,
  CaseAccessFacts,
  caseWorkflowId,
  DueBounds,
  dueBounds,
  DueWindow,
  equals,
  inDueWindow,
  isIn,
  mayActOnCase,
  mayListTasks,
  mayReadCase,
  taskInScope,
  TaskScope,
  defaultTaskScope,
  taskScopeProblem,
} from '@sss/domain';
import { CaseEntity } from '@sss/persistence';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/request-context';
import { CaseProcess } from '../cases/case-process';
import { stageOf } from '../cases/cases.service';
import { visibilityPage } from '../cases/visibility-page';
import { unavailableStore } from '../outage';
import { CaseClients } from '../temporal/case-clients';
import { CursorScope, decodeCursor, encodeCursor } from '../validation/page-cursor';
import { TaskCounts, TaskItem, TaskListQuery, TaskListView } from './dto/task-list.dto';

/**
 * How long one case's live view may take in a list: a case whose worker does not answer (down,
 * or failing over) is named in `unreadCases` instead of holding up the whole page.
 */
export const CASE_READ_DEADLINE_MS = 4000;

/** Cases of `me` or `agency` whose ids go into the visibility query, newest first, at most. */
export const SCOPED_CASES_MAX = 500;

type Facts = CaseAccessFacts & { id: string };

/**
 * Open tasks across the cases a person may see. Which cases, and how many fall in each due
 * window, come from Temporal's visibility store (one paged query and three counts, on the search
 * attributes the processes keep: Municipality, NextDueAt, Overdue), never a read per case of the
 * whole scope; the tasks themselves, with their own due dates and roles, from the live view of
 * only the cases of the page (at most TASK_PAGE_CASES_MAX queries, in parallel).
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly temporal: CaseClients,
    private readonly process: CaseProcess,
    private readonly audit: AuditService,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
  ) {}

  async list(ctx: RequestContext, query: TaskListQuery): Promise<TaskListView> {
    const { actor } = ctx;
    await this.audit.enforce(ctx, 'tasks.list', mayListTasks(actor));
    const scope = query.for ?? defaultTaskScope(actor);
    const problem = taskScopeProblem(actor, scope);
    if (problem) throw new BadRequestException(problem);
    const cursorScope: CursorScope = {
      listing: 'tasks',
      municipality: actor.municipality,
      actorId: actor.id,
      filters: { for: scope, due: query.due },
    };
    const token = decodeCursor(query.cursor, cursorScope);
    const bounds = dueBounds(Date.now());
    const scoped = await this.scopedCases(ctx, scope);
    if (scoped?.size === 0) {
      return {
        for: scope,
        tasks: [],
        unreadCases: [],
        counts: { today: 0, week: 0, overdue: 0 },
        nextCursor: null,
      };
    }
    const base = [
      equals('Municipality', actor.municipality),
      `ExecutionStatus = 'Running'`,
      scoped ? isIn('WorkflowId', [...scoped.keys()].map(caseWorkflowId)) : '',
    ].filter(Boolean);
    const client = this.temporal.for(actor.municipality);
    const windowed = query.due ? [...base, pageClause(query.due, bounds)] : base;
    const [page, counts] = await Promise.all([
      visibilityPage(client, windowed.join(' AND '), query.limit, token),
      windowCounts(client, base, bounds),
    ]);
    const ids = page.executions.map((wf) => wf.workflowId.replace(/^case-/, ''));
    const { tasks, unread } = await this.tasksOf(ctx, scope, ids, scoped, query.due, bounds);
    return {
      for: scope,
      tasks,
      unreadCases: unread,
      counts,
      nextCursor: page.next ? encodeCursor(cursorScope, page.next) : null,
    };
  }

  /**
   * The cases `me` and `agency` are about, by their stored rows, each with the facts the policy
   * decides on (only those it lets the caller read); undefined when the scope is every case of
   * the municipality the caller may read (coordinators and managers read them all).
   */
  private async scopedCases(
    ctx: RequestContext,
    scope: TaskScope,
  ): Promise<Map<string, Facts> | undefined> {
    const { actor } = ctx;
    if (scope === 'me') {
      const rows = await this.cases.find({
        select: { id: true },
        where: { municipality: actor.municipality, assignedCoordinator: actor.id },
        order: { createdAt: 'DESC' },
        take: SCOPED_CASES_MAX,
      });
      return new Map(rows.map((r) => [r.id, r as unknown as Facts]));
    }
    if (!actor.roles.includes('agency_staff') || !actor.agency) return undefined;
    if (actor.roles.includes('coordinator') || actor.roles.includes('manager')) return undefined;
    // The agency's cases: the policy's own facts, read from the stored rows in one query.
    const rows: {
      id: string;
      consent_given: boolean;
      support_meeting_agencies: string[];
      plan_agencies: string[];
      invited: boolean;
    }[] = await this.cases.query(
      `SELECT c.id, c.consent_given, c.support_meeting_agencies, c.plan_agencies, (
           EXISTS (SELECT 1 FROM "notifications" n WHERE n.case_id = c.id AND n.kind = 'invitation'
                     AND n.recipient_kind = 'agency' AND n.recipient = $2::varchar)
        OR EXISTS (SELECT 1 FROM "meetings" m WHERE m.case_id = c.id
                     AND $2::varchar = ANY(m.attendees))) AS invited
         FROM "cases" c WHERE c.municipality = $1
       ORDER BY c.created_at DESC`,
      [actor.municipality, actor.agency],
    );
    const readable = new Map<string, Facts>();
    for (const r of rows) {
      const facts: Facts = {
        id: r.id,
        municipality: actor.municipality,
        consentGiven: r.consent_given,
        supportMeetingAgencies: r.support_meeting_agencies,
        planAgencies: r.plan_agencies,
        meetingAgencies: r.invited ? [actor.agency] : [],
      };
      if (mayReadCase(actor, facts).allowed) readable.set(r.id, facts);
      if (readable.size >= SCOPED_CASES_MAX) break;
    }
    return readable;
  }

  /** The listed tasks of the page's cases, each case decided on by the policy on its stored row. */
  private async tasksOf(
    ctx: RequestContext,
    scope: TaskScope,
    ids: string[],
    scoped: Map<string, Facts> | undefined,
    due: DueWindow | undefined,
    bounds: DueBounds,
  ): Promise<{ tasks: TaskItem[]; unread: string[] }> {
    const { actor } = ctx;
    if (ids.length === 0) return { tasks: [], unread: [] };
    const rows = await this.cases.find({
      where: { id: In(ids), municipality: actor.municipality },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const readable = ids.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      const facts: CaseAccessFacts = { ...row, meetingAgencies: scoped?.get(id)?.meetingAgencies };
      return mayReadCase(actor, facts).allowed ? [{ row, facts }] : [];
    });
    const states = await Promise.all(readable.map(({ row }) => this.readWithinDeadline(row)));
    const unread = readable.filter((_, i) => !states[i]).map(({ row }) => row.id);
    const tasks = readable.flatMap(({ row, facts }, i) => {
      const state = states[i];
      if (!state) return [];
      const caseStage = stageOf(row, state);
      return state.processes.flatMap((p) =>
        p.view.openTasks
          .filter((t) => taskInScope(actor, scope, t.role))
          .filter((t) => !due || inDueWindow(t, due, bounds))
          .map((t): TaskItem => {
            const action = actionOfTask(t.elementId);
            return {
              caseId: row.id,
              householdName: row.householdName,
              caseStage,
              taskId: t.elementId,
              nameJa: japaneseName(p.view.definition, t.elementId) ?? t.name ?? t.elementId,
              name: englishName(p.view.definition, t.elementId) ?? t.name ?? t.elementId,
              candidateRole: t.role,
              dueAt: t.dueAt ?? null,
              overdue: inDueWindow(t, 'overdue', bounds),
              mayAct: !!action && mayActOnCase(actor, facts, action).allowed,
            };
          }),
      );
    });
    return { tasks, unread };
  }

  /**
   * A case's live view, or undefined when Temporal or its worker does not answer in time, or the
   * case's process cannot answer at all (a query refused by a failing run): one case never takes
   * down everyone's list.
   */
  private async readWithinDeadline(row: CaseEntity) {
    try {
      return await this.temporal.connection.withDeadline(Date.now() + CASE_READ_DEADLINE_MS, () =>
        this.process.state(row),
      );
    } catch (error) {
      if (unavailableStore(error) === 'Temporal') return undefined;
      if (error instanceof ServiceError || error instanceof QueryRejectedError) return undefined;
      throw error;
    }
  }
}

/** A visibility query's datetime literal. */
const instant = (ms: number) => `'${new Date(ms).toISOString()}'`;

/**
 * Which cases a page of one window reads. NextDueAt is the earliest due date still ahead when
 * the process last updated it, so it is at most that of any task due in the window; the tasks
 * are then filtered by their own due dates.
 */
function pageClause(due: DueWindow, bounds: DueBounds): string {
  if (due === 'overdue') return `(Overdue = true OR NextDueAt < ${instant(bounds.now)})`;
  return `NextDueAt < ${instant(due === 'today' ? bounds.endOfToday : bounds.endOfWeek)}`;
}

/** Cases in scope per window: three counts on the visibility store, none per case. */
async function windowCounts(
  client: Client,
  base: string[],
  bounds: DueBounds,
): Promise<TaskCounts> {
  const count = async (clause: string) =>
    (await client.workflow.count([...base, clause].join(' AND '))).count;
  const now = instant(bounds.now);
  const [today, week, overdue] = await Promise.all([
    count(`NextDueAt >= ${now} AND NextDueAt < ${instant(bounds.endOfToday)}`),
    count(`NextDueAt >= ${now} AND NextDueAt < ${instant(bounds.endOfWeek)}`),
    count(`(Overdue = true OR NextDueAt < ${now})`),
  ]);
  return { today, week, overdue };
}
