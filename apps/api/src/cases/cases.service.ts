import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowExecutionInfo,
} from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { In, Repository } from 'typeorm';
import { ApiEnvironment } from '@sss/config';
import { calendarFor, japaneseName, processFor, releasedDefinitions } from '@sss/definitions';
import {
  CASE_ACTIONS,
  CaseAction,
  caseIdOfWorkflow,
  Decision,
  equals,
  Incident,
  isIn,
  UNKNOWN_CASE,
  caseWorkflowId,
  containsPattern,
  mayActOnCase,
  mayListCases,
  mayReadCase,
  mayReferCase,
  mayReferInto,
  Programme,
  Referral,
  referralDifferences,
  STUCK_CASE_NAMES,
  STUCK_CASES,
  StuckCaseName,
  stuckCaseFilter,
  supportMeetingAgencies,
  parseWorkingCalendarSettings,
  Variables,
  WorkingCalendarSettings,
  caseStageOf,
} from '@sss/domain';
import {
  CaseEntity,
  HouseholdMemberEntity,
  MeetingEntity,
  TimelineEntryEntity,
} from '@sss/persistence';
import {
  CaseProgrammeAttribute,
  CaseStageAttribute,
  MunicipalityAttribute,
  NextDueAtAttribute,
  OverdueAttribute,
  ProcessResult,
  processWorkflow,
  settledUpdate,
} from '@sss/workflows/client';
import { AgencyRegister, agencyCodesOf } from '../agencies/agency-register';
import { AuditedAction, AuditService } from '../audit/audit.service';
import { CASE_NOT_FOUND, REFERRAL_ID_TAKEN } from '../audit/refusal';
import { CaseClients } from '../temporal/case-clients';
import type { RequestContext } from '../auth/request-context';
import { unavailableStore } from '../outage';
import { memberView } from '../members/member-view';
import { meetingsOf } from './case-meetings';
import { CaseProcess, CaseProcessState, describe } from './case-process';
import { PostponedMeetings } from './postponed-meetings';
import { StoredTasks } from './stored-tasks';
import { ContactLog, isContactAction, processTakesContact } from './contact-log';
import { CaseListQuery, StuckCaseQuery } from './dto/case-list.dto';
import { CaseListItem, CaseListPage, CaseView } from './dto/case-view.dto';
import { ReferCaseDto } from './dto/refer-case.dto';
import { decodeCursor, encodeCursor, CursorScope } from '../validation/page-cursor';
import { visibilityPage, visibilityPages } from './visibility-page';

/** Cases a coordinator or household filter matches at most (their ids go into the query). */
export const STORE_MATCHES_MAX = 500;

@Injectable()
export class CasesService {
  private readonly registry = releasedDefinitions();
  private readonly calendars: WorkingCalendarSettings;

  constructor(
    private readonly temporal: CaseClients,
    private readonly env: ApiEnvironment,
    private readonly audit: AuditService,
    private readonly process: CaseProcess,
    private readonly agencies: AgencyRegister,
    private readonly contacts: ContactLog,
    private readonly postponed: PostponedMeetings,
    private readonly storedTasks: StoredTasks,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    @InjectRepository(TimelineEntryEntity)
    private readonly timeline: Repository<TimelineEntryEntity>,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(HouseholdMemberEntity)
    private readonly members: Repository<HouseholdMemberEntity>,
  ) {
    this.calendars = env.WORKING_CALENDARS
      ? parseWorkingCalendarSettings(env.WORKING_CALENDARS)
      : {};
  }

  /**
   * Starts the case's process, or finds the one already running for this id, and returns once
   * the referral is stored: a retried referral never makes a second case. Case ids are global:
   * an id another municipality holds, or one of a case no longer open, is refused with one 409
   * that is the same whoever holds it.
   */
  async refer(ctx: RequestContext, dto: ReferCaseDto): Promise<CaseView> {
    const existing = await this.cases.findOneBy({ id: dto.id });
    const claim = mayReferCase(ctx.actor, dto.municipality);
    await this.audit.enforce(
      ctx,
      'case.refer',
      claim.allowed && existing ? mayReferInto(ctx.actor, existing) : claim,
      { caseId: dto.id, municipality: existing?.municipality ?? dto.municipality },
    );
    // From here on the municipality is the caller's, which the check above made the claimed one.
    const { municipality } = ctx.actor;
    await this.agencies.assertKnown(municipality, {
      referringAgency: [dto.referringAgency],
      supportMeetingAgencies: dto.supportMeetingAgencies ?? [],
    });
    const pinned = this.registry.pinByHash(this.definitionFor(municipality, dto.programme));
    const referral: Referral = {
      caseId: dto.id,
      municipality,
      programme: dto.programme,
      fields: dto.fields,
      issueTags: dto.issueTags ?? [],
      referringAgency: dto.referringAgency,
      householdName: dto.householdName,
      ...(dto.summary ? { summary: dto.summary } : {}),
      ...(dto.address ? { address: dto.address } : {}),
      members: dto.members ?? [],
      supportMeetingAgencies: supportMeetingAgencies(
        dto.referringAgency,
        dto.supportMeetingAgencies,
      ),
      assignedCoordinator: dto.assignedCoordinator ?? ctx.actor.id,
      processDefinition: pinned.root,
      referredBy: ctx.actor.id,
    };
    if (existing) return this.retried(existing, referral);
    const start = new WithStartWorkflowOperation<typeof processWorkflow>('processWorkflow', {
      workflowId: caseWorkflowId(dto.id),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      // Variables first: the Temporal UI shows the input's beginning, not the pinned definitions.
      args: [
        {
          variables: { referral } as unknown as Variables,
          startedBy: ctx.actor.id,
          ...pinned,
          calendar: calendarFor(municipality, this.calendars),
        },
      ],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A referral whose records were refused is terminated below: its id may be referred again.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      typedSearchAttributes: caseAttributes(municipality, dto.programme),
    });
    let settled: unknown;
    try {
      settled = await this.process.settledWithin(
        () =>
          this.temporal.for(municipality).workflow.executeUpdateWithStart(settledUpdate, {
            startWorkflowOperation: start,
          }),
        { taken: false },
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ConflictException(REFERRAL_ID_TAKEN);
      }
      throw error;
    }
    if (!settled) {
      // Started (Temporal confirms it, or this is a 503 to retry), its record held up: answer
      // what is pending, even if the store is down now.
      await this.process.confirmRunning({ id: dto.id, municipality });
      const row = await this.cases.findOneBy({ id: dto.id }).catch(pendingOnOutage);
      if (row) await this.refusedUnlessOwn(ctx, row);
      const view = row && (await this.view(row).catch(pendingOnOutage));
      return { ...(view ?? referralPending(referral)), recordsPending: true };
    }
    const row = await this.cases.findOneBy({ id: dto.id });
    if (row) {
      await this.refusedUnlessOwn(ctx, row);
      return this.view(row);
    }
    // Settled without its record: the database refused it (a value it cannot hold), which no
    // retry changes. The run is ended so that nothing waits on it and the id can be used again.
    await this.temporal
      .for(municipality)
      .workflow.getHandle(caseWorkflowId(dto.id))
      .terminate('the referral record was refused');
    const field = refusedField((settled as { value?: { incidents?: Incident[] } }).value);
    throw new UnprocessableEntityException(
      `the referral cannot be stored: the database refuses one of its values (${field ?? 'a character or a length it cannot hold'}); nothing was kept`,
    );
  }

  /**
   * USE_EXISTING joins whatever process runs under the id, which a concurrent referral of another
   * municipality may have started after the first check: the stored row decides.
   */
  private async refusedUnlessOwn(ctx: RequestContext, stored: CaseEntity): Promise<void> {
    if (stored.municipality === ctx.actor.municipality) return;
    await this.audit.enforce(ctx, 'case.refer', mayReferInto(ctx.actor, stored), {
      caseId: stored.id,
      municipality: stored.municipality,
    });
  }

  /**
   * A referral re-sent under the id of the caller's open case: the same body is a retry, answered
   * as the first was; a different one would silently lose its data, so it is a 409 naming what differs.
   */
  private async retried(existing: CaseEntity, referral: Referral): Promise<CaseView> {
    const differs = referralDifferences(existing, referral);
    if (differs.length) {
      throw new ConflictException(
        `a referral with this id was already taken with other data (${differs.join(', ')}); a new referral needs a new id`,
      );
    }
    return this.view(existing);
  }

  async get(ctx: RequestContext, id: string): Promise<CaseView> {
    const { read } = await this.scopedRead(
      ctx,
      id,
      'case.read',
      (row) => mayReadCase(ctx.actor, row),
      (row) => this.view(row),
    );
    return read;
  }

  /** Where a reader's case stands: its pinned definition and its processes' live views. */
  async standing(
    ctx: RequestContext,
    id: string,
  ): Promise<{ pinned: string | null; state: CaseProcessState }> {
    const { row, read: state } = await this.scopedRead(
      ctx,
      id,
      'case.diagram',
      (stored) => mayReadCase(ctx.actor, stored),
      (stored) => this.process.state(stored),
    );
    return { pinned: row.processDefinition, state };
  }

  /** Performs a coordinator's or agency's action on the case's current step. */
  async act(
    ctx: RequestContext,
    id: string,
    action: CaseAction,
    data: Variables,
  ): Promise<CaseView> {
    const postponing = action === 'meeting.outcome' && data.outcome === 'postponed';
    // While the attempt is recorded, the open case's tasks are read from the store, and the step
    // on the task found there is sent once the record is (performStored). Otherwise (a message,
    // a postponement that keeps the meeting as it was, a store behind) where the case stands is
    // read from Temporal, and the step waits for the record.
    const fromStore = 'tasks' in CASE_ACTIONS[action] && !postponing;
    const { row, read } = await this.scopedRead(
      ctx,
      id,
      `case.${action}`,
      (stored) => mayActOnCase(ctx.actor, stored, action),
      async (stored) => {
        const [found] = await Promise.all([
          fromStore && stored.status === 'open'
            ? this.storedTasks.ofCase(stored.id).then((tasks) => ({ tasks }))
            : this.process.state(stored).then((state) => ({ state })),
          this.agencies.assertKnown(stored.municipality, agencyCodesOf(data)),
        ]);
        return found;
      },
    );
    let done =
      'tasks' in read
        ? await this.process.performStored(row, read.tasks, action, data, ctx.actor.id)
        : undefined;
    if (!done) {
      const current = 'state' in read ? read.state : await this.process.state(row);
      if (
        isContactAction(action) &&
        current.status === 'RUNNING' &&
        !processTakesContact(current, action)
      ) {
        await this.contacts.record(id, action, data, ctx.actor.id);
        return this.view(row, current);
      }
      done = await this.process.perform(row, current, action, data, ctx.actor.id);
    }
    const { settled, state, completed } = done;
    if (postponing && completed) {
      await this.postponed.record(id, completed.process, completed.taskId, data, ctx.actor.id);
    }
    // The step changed the row (its stage, its agencies): read afresh.
    if (settled) return this.view(id, state);
    // The step is taken, its records held up: answer what is pending, even if a store is down.
    const view = await this.view(id, state).catch(pendingOnOutage);
    return { ...(view ?? ({ id } as CaseView)), recordsPending: true };
  }

  /** Starts a closed or suspended case again, at assessment, on today's definition. */
  async reopen(ctx: RequestContext, id: string, reason: string): Promise<CaseView> {
    const row = await this.scoped(ctx, id, 'case.reopen', (stored) =>
      mayActOnCase(ctx.actor, stored, 'consent'),
    );
    const temporal = this.temporal.for(row.municipality);
    const handle = temporal.workflow.getHandle<typeof processWorkflow>(caseWorkflowId(id));
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') {
      // While its process runs the case is open, whatever its records say (participation keeps
      // in touch after closure): the refusal and the case's view agree.
      const state = await this.process.state(row);
      throw new ConflictException(
        `reopen is not possible: the case is open (${describe(state)}); only a case whose process has ended reopens`,
      );
    }
    const last = (await handle.result()) as ProcessResult;
    const started = await temporal.workflow.start<typeof processWorkflow>('processWorkflow', {
      workflowId: caseWorkflowId(id),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [
        {
          variables: { ...last.variables, reopened: true, reopenReason: reason },
          startedBy: ctx.actor.id,
          ...this.registry.pinByHash(this.definitionFor(row.municipality, row.programme)),
          calendar: calendarFor(row.municipality, this.calendars),
        },
      ],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: caseAttributes(row.municipality, row.programme),
    });
    // Bounded like every action: the process runs once started; its first records may follow.
    const settled = await this.process.settledWithin(() => started.executeUpdate(settledUpdate));
    const view = await this.view(id).catch(pendingOnOutage);
    if (settled && view) return view;
    return { ...(view ?? ({ id } as CaseView)), recordsPending: true };
  }

  /**
   * A page of the caller's municipality's cases by stage, programme, coordinator or overdue, found
   * through the search attributes the processes keep current, newest first; `nextCursor` goes on
   * from where the page ends (null on the last page).
   */
  async list(ctx: RequestContext, query: CaseListQuery): Promise<CaseListPage> {
    // The list is read while its audit row is written: a list costs one round trip less.
    return this.audit.auditedRead(ctx, 'case.list', mayListCases(ctx.actor), () =>
      this.listPage(ctx, query),
    );
  }

  private async listPage(ctx: RequestContext, query: CaseListQuery): Promise<CaseListPage> {
    const { cursor, limit, ...filtersAsked } = query;
    const scope: CursorScope = {
      listing: 'cases',
      municipality: ctx.actor.municipality,
      actorId: ctx.actor.id,
      filters: filtersAsked,
    };
    const token = decodeCursor(cursor, scope);
    // Staff ids and names stay out of Temporal's store, which the payload codec does not cover:
    // coordinators and household names are matched in PostgreSQL, the live state in Temporal's
    // visibility store.
    const owned = await this.matchedInStore(ctx, query);
    if (owned && owned.length === 0) return { items: [], nextCursor: null };
    const filters = [
      equals('Municipality', ctx.actor.municipality),
      query.stage ? equals('CaseStage', query.stage) : '',
      query.programme ? equals('CaseProgramme', query.programme) : '',
      query.overdue !== undefined ? `Overdue = ${query.overdue ? 'true' : 'false'}` : '',
      owned
        ? isIn(
            'WorkflowId',
            owned.map((c) => caseWorkflowId(c.id)),
          )
        : '',
    ].filter(Boolean);
    const client = this.temporal.for(ctx.actor.municipality);
    const page = await visibilityPage(client, filters.join(' AND '), limit, LISTED, token);
    const items = page.executions.map((wf) => listItem(wf.workflowId.replace(/^case-/, ''), wf));
    return {
      items: await this.withHouseholdNames(ctx, items),
      nextCursor: page.next ? encodeCursor(scope, page.next) : null,
    };
  }

  /**
   * The ids of the caller's municipality's cases the PostgreSQL-side filters match (coordinator,
   * household name), or undefined when none is asked for. A name is matched on the stored
   * plain-text column over the municipality's rows only: one municipality's cases, thousands at
   * most, bound the scan (were names encrypted at rest, this would need a keyed hash index).
   * The newest STORE_MATCHES_MAX matches are paged through; older ones are not reached.
   */
  private async matchedInStore(
    ctx: RequestContext,
    query: CaseListQuery,
  ): Promise<{ id: string }[] | undefined> {
    if (!query.coordinator && !query.household) return undefined;
    const q = this.cases
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.municipality = :m', { m: ctx.actor.municipality })
      .orderBy('c.created_at', 'DESC')
      .limit(STORE_MATCHES_MAX);
    if (query.coordinator) {
      q.andWhere('c.assigned_coordinator = :coordinator', { coordinator: query.coordinator });
    }
    if (query.household) {
      q.andWhere(
        `lower(regexp_replace(normalize(c.household_name, NFKC), '[\\s\u3000]', '', 'g')) LIKE :name`,
        { name: containsPattern(query.household) },
      );
    }
    return q.getRawMany<{ id: string }>();
  }

  /** Those who list cases see every case of their municipality, and so the households' names. */
  private async withHouseholdNames(
    ctx: RequestContext,
    items: CaseListItem[],
  ): Promise<CaseListItem[]> {
    if (items.length === 0) return items;
    // One plain statement: the query builder cost more than the round trip on a page of 100.
    const rows: { id: string; name: string }[] = await this.cases.query(
      `SELECT "id", "household_name" AS "name" FROM "cases"
        WHERE "municipality" = $1 AND "id" = ANY($2::uuid[])`,
      [ctx.actor.municipality, items.map((i) => i.id)],
    );
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return items.map((i) => ({ ...i, householdName: names.get(i.id) ?? null }));
  }

  /** The named stuck-case filters as of now, for managers to paste into the Temporal UI. */
  stuckDefinitions(consentWait?: string) {
    return STUCK_CASE_NAMES.map((name) => ({
      name,
      title: STUCK_CASES[name].title,
      filter: stuckCaseFilter(name, Date.now(), consentWait),
    }));
  }

  /**
   * The cases of the caller's municipality a stuck-case filter finds, by the very filter the
   * Temporal UI runs. Meetings carry no municipality: they are matched to their case and the
   * case's municipality is checked in PostgreSQL.
   */
  async stuck(
    ctx: RequestContext,
    name: StuckCaseName,
    query: StuckCaseQuery,
  ): Promise<CaseListItem[]> {
    return this.audit.auditedRead(ctx, 'case.list', mayListCases(ctx.actor), () =>
      this.stuckPage(ctx, name, query),
    );
  }

  private async stuckPage(
    ctx: RequestContext,
    name: StuckCaseName,
    query: StuckCaseQuery,
  ): Promise<CaseListItem[]> {
    const filter = stuckCaseFilter(name, Date.now(), query.consentWait);
    const meetings = 'meetings' in STUCK_CASES[name];
    const scoped = meetings
      ? filter
      : `${filter} AND ${equals('Municipality', ctx.actor.municipality)}`;
    const found = new Map<string, CaseListItem>();
    let batch = new Map<string, CaseListItem>();
    const workflow = this.temporal.for(ctx.actor.municipality).workflow;
    for await (const wf of visibilityPages(workflow, scoped, query.limit)) {
      const caseId = caseIdOfWorkflow(wf.workflowId);
      if (!caseId || found.has(caseId) || batch.has(caseId)) continue;
      batch.set(caseId, listItem(caseId, wf));
      if (batch.size < query.limit) continue;
      // Checked a batch at a time, so other municipalities' meetings cannot crowd out the page.
      for (const item of await this.ownOf(ctx, batch, meetings)) found.set(item.id, item);
      batch = new Map();
      if (found.size >= query.limit) break;
    }
    for (const item of await this.ownOf(ctx, batch, meetings)) found.set(item.id, item);
    return [...found.values()].slice(0, query.limit);
  }

  /**
   * The items of cases of the caller's municipality: all of them for filters scoped by the
   * Municipality attribute; for meetings, which carry none, those whose case row is the caller's.
   */
  private async ownOf(
    ctx: RequestContext,
    items: Map<string, CaseListItem>,
    meetings: boolean,
  ): Promise<CaseListItem[]> {
    if (!meetings || items.size === 0) return [...items.values()];
    const mine = await this.cases.find({
      select: { id: true, programme: true },
      where: { id: In([...items.keys()]), municipality: ctx.actor.municipality },
    });
    return mine.map((c) => ({ ...items.get(c.id)!, programme: c.programme }));
  }

  private definitionFor(municipality: string, programme: Programme): string {
    const definition = processFor(municipality, programme);
    if (!definition) {
      throw new BadRequestException(
        `programme ${programme} has no process in municipality ${municipality}`,
      );
    }
    return definition;
  }

  /**
   * The one way into a stored case: the policy decides on the stored row (its municipality,
   * consent and agencies), never on anything the request says, and the attempt is audited
   * before anything else happens. An unknown id and another municipality's case get the same 404.
   * The features beside the process (notes, printouts) come in through it too.
   */
  async scoped(
    ctx: RequestContext,
    id: string,
    action: AuditedAction,
    decide: (row: CaseEntity) => Decision,
  ): Promise<CaseEntity> {
    const { row } = await this.scopedRead(ctx, id, action, decide, async () => undefined);
    return row;
  }

  /**
   * As `scoped`, and what `read` reads of the allowed case, read while the attempt is recorded
   * and answered only once it is (AuditService.auditedRead): a write may follow, never precede.
   */
  async scopedRead<T>(
    ctx: RequestContext,
    id: string,
    action: AuditedAction,
    decide: (row: CaseEntity) => Decision,
    read: (row: CaseEntity) => Promise<T>,
  ): Promise<{ row: CaseEntity; read: T }> {
    const row = await this.cases.findOneBy({ id });
    const facts = row && { ...row, meetingAgencies: await this.invitedAgencies(ctx, row) };
    const value = await this.audit.auditedRead(
      ctx,
      action,
      facts ? decide(facts) : UNKNOWN_CASE,
      () => read(row!),
      { caseId: id, municipality: row?.municipality ?? null },
    );
    return { row: row!, read: value };
  }

  /**
   * The agencies the case's meetings invited, from what the process stored: the invitations it
   * delivered and the meetings it recorded. Only agency staff need it; their agency is the token's.
   */
  private async invitedAgencies(ctx: RequestContext, row: CaseEntity): Promise<string[]> {
    if (!ctx.actor.agency || !ctx.actor.roles.includes('agency_staff')) return [];
    const rows: { agency: string }[] = await this.cases.query(
      `SELECT "recipient" AS agency FROM "notifications"
         WHERE "case_id" = $1 AND "kind" = 'invitation' AND "recipient_kind" = 'agency'
           AND "recipient" = $2::varchar
       UNION SELECT $2::varchar FROM "meetings"
         WHERE "case_id" = $1 AND $2::varchar = ANY("attendees")`,
      [row.id, ctx.actor.agency],
    );
    return rows.map((r) => r.agency);
  }

  private async found(id: string): Promise<CaseEntity> {
    const row = await this.cases.findOneBy({ id });
    if (!row) throw new NotFoundException(CASE_NOT_FOUND);
    return row;
  }

  /**
   * The case as its records and its processes show it: `stored` is its row, or its id when the
   * row is to be read afresh (with the rest, at once); `given` when an action just gave its state.
   */
  async view(stored: CaseEntity | string, given?: CaseProcessState): Promise<CaseView> {
    const id = typeof stored === 'string' ? stored : stored.id;
    const reading = typeof stored === 'string' ? this.found(id) : Promise.resolve(stored);
    const [row, state, timeline, held, members] = await Promise.all([
      reading,
      given ?? reading.then((r) => this.process.state(r)),
      this.timeline.find({ where: { caseId: id }, order: { id: 'ASC' } }),
      this.meetings.find({ where: { caseId: id }, order: { id: 'ASC' } }),
      this.members.find({ where: { householdId: id }, order: { position: 'ASC' } }),
    ]);
    return {
      ...row,
      members: members.map(memberView),
      // A process that runs is an open case, even after a closure it keeps in touch through.
      status: state.status === 'RUNNING' ? 'open' : row.status,
      stage: stageOf(
        row,
        state.processes.map((p) => p.view.stage),
      ),
      workflow: workflowView(state),
      timeline: timeline.map(({ event, detail, recordedBy, recordedAt }) => ({
        event,
        detail,
        recordedBy,
        recordedAt,
      })),
      meetings: meetingsOf(held, state),
    };
  }
}

/** The referral's fields by the columns that hold them, to name the one the database refused. */
const REFERRAL_COLUMNS: Record<string, string> = {
  household_name: 'householdName',
  referring_agency: 'referringAgency',
  summary: 'summary',
  address: 'address',
  name: 'householdName or members.name',
  relation: 'members.relation',
};

/** The field a refused first record names (its incident says the column), if it names one. */
function refusedField(view: { incidents?: Incident[] } | undefined): string | undefined {
  for (const incident of view?.incidents ?? []) {
    const column = /SQLSTATE \w+, (\w+)\)/.exec(incident.message)?.[1];
    if (column && REFERRAL_COLUMNS[column]) return `field ${REFERRAL_COLUMNS[column]}`;
  }
  return undefined;
}

function pendingOnOutage(error: unknown): null {
  if (unavailableStore(error)) return null;
  throw error;
}

/**
 * A referral taken whose record is not written yet (a store failing or slow): the case runs, and
 * its view is what the referral said until the record follows.
 */
function referralPending(referral: Referral): CaseView {
  return {
    id: referral.caseId,
    municipality: referral.municipality,
    programme: referral.programme,
    fields: referral.fields,
    issueTags: referral.issueTags ?? [],
    referringAgency: referral.referringAgency,
    householdName: referral.householdName,
    summary: referral.summary ?? null,
    stage: 'consent',
    recordsPending: true,
  } as CaseView;
}

/** The search attributes a listing shows. */
const LISTED = [CaseProgrammeAttribute, CaseStageAttribute, OverdueAttribute, NextDueAtAttribute];

/** A case as a listing shows it: what its workflow's search attributes (LISTED) say. */
function listItem(id: string, wf: WorkflowExecutionInfo): CaseListItem {
  const attrs = wf.typedSearchAttributes;
  return {
    id,
    programme: attrs.get(CaseProgrammeAttribute) ?? '',
    stage: attrs.get(CaseStageAttribute) ?? null,
    overdue: attrs.get(OverdueAttribute) ?? false,
    nextDueAt: attrs.get(NextDueAtAttribute)?.toISOString() ?? null,
    status: wf.status.name,
  };
}

/** What managers filter cases by in the Temporal UI; no personal data, no staff ids. */
function caseAttributes(municipality: string, programme: Programme) {
  return new TypedSearchAttributes([
    { key: MunicipalityAttribute, value: municipality },
    { key: CaseProgrammeAttribute, value: programme },
  ]);
}

/**
 * The case's stage: that of the deepest case process running (an outreach case hands over to a
 * collaboration process; a meeting is a step of the process that called it), or how it ended.
 * `processStages` are those of its running processes, the root's first.
 */
export function stageOf(row: CaseEntity, processStages: (string | null | undefined)[]): string {
  const live = caseStageOf(processStages.map((s) => s ?? undefined));
  return live ?? (row.status === 'open' ? row.stage : row.status);
}

function workflowView(state: CaseProcessState) {
  const [root] = state.processes;
  if (!root) return { workflowId: state.workflowId, status: state.status };
  return {
    workflowId: state.workflowId,
    status: state.status,
    stage: root.view.stage,
    definition: root.view.definition,
    openTasks: state.processes.flatMap((p) =>
      p.view.openTasks.map((t) => ({
        elementId: t.elementId,
        // Staff read Japanese; released definitions without nameJa get it from the names table.
        name: japaneseName(p.view.definition, t.elementId) ?? t.name ?? t.elementId,
        role: t.role,
        createdAt: t.createdAt,
        dueAt: t.dueAt ?? null,
        overdue: t.overdue,
        escalationLevel: t.escalationLevel,
      })),
    ),
    accepts: state.processes.flatMap((p) =>
      p.view.waitingFor.flatMap((w) => (w.message ? [w.message] : [])),
    ),
    nextDueAt: root.view.nextDueAt ?? null,
    overdue: state.processes.some((p) => p.view.overdue),
    escalationLevel: Math.max(...state.processes.map((p) => p.view.escalationLevel)),
  };
}
