import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { englishName, japaneseName } from '@sss/definitions';
import {
  actionOfTask,
  CaseAccessFacts,
  DueBounds,
  dueBounds,
  DueWindow,
  mayActOnCase,
  mayListTasks,
  mayReadCase,
  TaskScope,
  defaultTaskScope,
  taskScopeProblem,
} from '@sss/domain';
import { CaseEntity } from '@sss/persistence';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/request-context';
import { stageOf } from '../cases/cases.service';
import { CURSOR_REFUSED, CursorScope, decodeCursor, encodeCursor } from '../validation/page-cursor';
import { TaskItem, TaskListQuery, TaskListView } from './dto/task-list.dto';
import { OpenTaskQuery, OpenTaskRow, PageKey } from './open-task-query';

/** Cases of `me` or `agency` a listing covers, newest first, at most. */
export const SCOPED_CASES_MAX = 5000;

type Facts = CaseAccessFacts & { id: string };

/**
 * Open tasks across the cases a person may see, with how many fall in each due window. Read
 * from the tasks each process stores after every workflow task (`open_tasks`, written by the
 * worker: libs/activities/src/process-snapshot-store.ts), meetings' own tasks included, never
 * from a live query per case: a list answers in one round trip to PostgreSQL whatever the
 * workers are doing, and counts tasks, not cases.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly audit: AuditService,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
  ) {}

  async list(ctx: RequestContext, query: TaskListQuery): Promise<TaskListView> {
    return this.audit.auditedRead(ctx, 'tasks.list', mayListTasks(ctx.actor), () =>
      this.page(ctx, query),
    );
  }

  private async page(ctx: RequestContext, query: TaskListQuery): Promise<TaskListView> {
    const { actor } = ctx;
    const scope = query.for ?? defaultTaskScope(actor);
    const problem = taskScopeProblem(actor, scope);
    if (problem) throw new BadRequestException(problem);
    const cursorScope: CursorScope = {
      listing: 'tasks',
      municipality: actor.municipality,
      actorId: actor.id,
      filters: { for: scope, due: query.due },
    };
    const after = pageKeyOf(decodeCursor(query.cursor, cursorScope));
    const bounds = dueBounds(Date.now());
    const scoped = await this.scopedCases(ctx, scope);
    const open = new OpenTaskQuery(actor, scope, scoped && [...scoped.keys()], bounds);
    const [rows, counts] = await Promise.all([
      this.cases.query(...open.page(query.due, after, query.limit + 1)) as Promise<OpenTaskRow[]>,
      this.cases.query(...open.counts()).then(([c]: { [w in DueWindow]: string }[]) => ({
        today: Number(c.today),
        week: Number(c.week),
        overdue: Number(c.overdue),
      })),
    ]);
    const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
    return {
      for: scope,
      tasks: await this.items(ctx, scoped, rows.slice(0, query.limit), bounds),
      counts,
      nextCursor: last ? encodeCursor(cursorScope, pageKeyToken(OpenTaskQuery.keyOf(last))) : null,
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

  /** The page's tasks, each case decided on again by the policy on its stored row. */
  private async items(
    ctx: RequestContext,
    scoped: Map<string, Facts> | undefined,
    rows: OpenTaskRow[],
    bounds: DueBounds,
  ): Promise<TaskItem[]> {
    const { actor } = ctx;
    if (rows.length === 0) return [];
    const ids = [...new Set(rows.map((r) => r.case_id))];
    const [cases, stages] = await Promise.all([
      this.cases.find({ where: { id: In(ids), municipality: actor.municipality } }),
      this.cases.query(
        `SELECT case_id, stage FROM "process_snapshots"
          WHERE case_id = ANY($1::uuid[]) AND running ORDER BY workflow_id`,
        [ids],
      ) as Promise<{ case_id: string; stage: string | null }[]>,
    ]);
    const byId = new Map(cases.map((c) => [c.id, c]));
    return rows.flatMap((t): TaskItem[] => {
      const row = byId.get(t.case_id);
      if (!row) return [];
      const facts: CaseAccessFacts = {
        ...row,
        meetingAgencies: scoped?.get(row.id)?.meetingAgencies,
      };
      if (!mayReadCase(actor, facts).allowed) return [];
      const action = actionOfTask(t.element_id);
      const dueAt = t.due_at ? t.due_at.toISOString() : null;
      return [
        {
          caseId: row.id,
          householdName: row.householdName,
          caseStage: stageOf(
            row,
            stages.filter((s) => s.case_id === row.id).map((s) => s.stage),
          ),
          taskId: t.element_id,
          nameJa: japaneseName(t.definition, t.element_id) ?? t.name ?? t.element_id,
          name: englishName(t.definition, t.element_id) ?? t.name ?? t.element_id,
          candidateRole: t.role,
          dueAt,
          overdue: t.overdue || (!!t.due_at && t.due_at.getTime() <= bounds.now),
          mayAct: !!action && mayActOnCase(actor, facts, action).allowed,
        },
      ];
    });
  }
}

/** A page key travels in the cursor as JSON (the cursor binds it to the caller and filters). */
const pageKeyToken = (key: PageKey) => Buffer.from(JSON.stringify(key));

function pageKeyOf(token: Uint8Array | undefined): PageKey | undefined {
  if (!token) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token).toString('utf8'));
  } catch {
    throw new BadRequestException(CURSOR_REFUSED);
  }
  if (!OpenTaskQuery.isKey(key)) throw new BadRequestException(CURSOR_REFUSED);
  return key;
}
