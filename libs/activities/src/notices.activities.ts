import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, In } from 'typeorm';
import { japaneseName } from '@sss/definitions';
import { caseIdOfWorkflow, HANDOVER_NOTICE_KINDS, Notice } from '@sss/domain';
import { CaseEntity, NotificationEntity, TimelineEntryEntity } from '@sss/persistence';
import { DeliveryOutbox } from './delivery-outbox';
import { StagedNotices } from './staged-notices';
import {
  NOTICE_HEARTBEAT_SECONDS,
  type NoticeActivities,
  type NoticeDelivery,
  type NoticeStaging,
} from '@sss/workflows/process/notice-activities';

/**
 * Puts notices into the inboxes of the people they are for: the case's coordinator, the staff
 * of the agencies the plan gives a role (before a plan: the support meeting's agencies; for a
 * meeting's notices: its attendees), the municipality's managers. One row per notice and
 * recipient, keyed, so retries add nothing; escalations, invitations and call-offs also go into
 * the case timeline. A case changing hands tells its new coordinator or office the same way.
 * Then out by e-mail and webhook to those recipients with an address (the delivery outbox),
 * retried until each is through.
 */
@Injectable()
export class NoticesActivities implements NoticeActivities {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: DeliveryOutbox,
    private readonly staged: StagedNotices,
  ) {}

  /** Stages a process's coming notices, for the dispatcher to send at their time. */
  async stageNotices(staging: NoticeStaging): Promise<string[]> {
    // The process is the one Temporal runs the activity for, never one the input names.
    const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
    return this.staged.stage(workflowId, staging);
  }

  async deliverNotice(delivery: NoticeDelivery): Promise<void> {
    // Beats for as long as the attempt lives, so Temporal retries a lost one within seconds.
    const context = Context.current();
    const beat = setInterval(() => context.heartbeat(), NOTICE_HEARTBEAT_SECONDS * 1000);
    try {
      const workflowId = context.info.workflowExecution?.workflowId ?? '';
      await this.send(await this.store(delivery, workflowId));
    } finally {
      clearInterval(beat);
    }
  }

  /**
   * Puts a notice of this process (the workflow id Temporal or the staged row gives) into the
   * inboxes and the outbox, once by its key; answers its inbox rows, for `send`.
   */
  async store(delivery: NoticeDelivery, workflowId: string): Promise<NotificationEntity[]> {
    const [stored] = await this.storeAll([{ delivery, workflowId }]);
    return stored;
  }

  /**
   * Stores notices of any processes as `store` does each, in one transaction and a few
   * statements for all (the dispatcher's batch of due notices); answers each one's inbox rows,
   * in order. Throws, storing none, if any cannot be stored.
   */
  async storeAll(
    items: { delivery: NoticeDelivery; workflowId: string }[],
  ): Promise<NotificationEntity[][]> {
    const notices = items.map(({ delivery, workflowId }) => {
      const caseId = caseIdOfWorkflow(workflowId);
      if (!caseId) {
        throw ApplicationFailure.nonRetryable(`workflow ${workflowId} is not a case`, 'NotACase');
      }
      const { key, notice, taskName, definition, dueAt } = delivery;
      return {
        key,
        notice,
        dueAt,
        definition,
        caseId,
        // Mail and inbox speak Japanese, also for the English-named elements of released versions.
        taskName: (definition && japaneseName(definition, notice.elementId)) ?? taskName,
        handover: (HANDOVER_NOTICE_KINDS as readonly string[]).includes(notice.kind),
      };
    });
    if (notices.length === 0) return [];
    return this.db.transaction(async (tx) => {
      // The API starts a change of hands' notice while its transaction holds the case row: the
      // shared lock waits for that to end, and its timeline entry then says whether the change
      // was stored (a request that failed after the start tells no one).
      const casesOf = (handover: boolean) => {
        const ids = [
          ...new Set(notices.filter((n) => n.handover === handover).map((n) => n.caseId)),
        ];
        if (ids.length === 0) return Promise.resolve([]);
        return tx.find(CaseEntity, {
          where: { id: In(ids) },
          ...(handover ? { lock: { mode: 'pessimistic_read' as const } } : {}),
        });
      };
      const rows = new Map(
        [...(await casesOf(true)), ...(await casesOf(false))].map((row) => [row.id, row]),
      );
      // Each notice's recipients; a change of hands whose change was not stored tells no one.
      const told: { row: CaseEntity; recipients: Recipient[]; skipped: boolean }[] = [];
      for (const n of notices) {
        const row = rows.get(n.caseId);
        if (!row) throw new Error(`case ${n.caseId} is not stored yet`); // retried until it is
        const skipped =
          n.handover &&
          !(await tx.existsBy(TimelineEntryEntity, { caseId: n.caseId, stepKey: n.key }));
        told.push({ row, recipients: skipped ? [] : recipientsOf(n.notice, row), skipped });
      }
      const keys = notices.map((n, i) =>
        told[i].recipients.map(([kind, recipient]) => `${n.key}:${kind}:${recipient}`),
      );
      const values = notices.flatMap((n, i) =>
        told[i].recipients.map(([recipientKind, recipient], j) => ({
          dedupeKey: keys[i][j],
          caseId: n.caseId,
          municipality: told[i].row.municipality,
          kind: n.notice.kind,
          recipientKind,
          recipient,
          elementId: n.notice.elementId,
          taskName: n.taskName ?? null,
          dueAt: n.dueAt ? new Date(n.dueAt) : null,
          level: n.notice.level ?? null,
        })),
      );
      if (values.length > 0) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(NotificationEntity)
          .values(values)
          .orIgnore()
          .execute();
      }
      const entries = notices.flatMap((n, i) => {
        const entry = told[i].skipped
          ? undefined
          : timelineEntryOf(n.notice, n.dueAt, n.definition);
        return entry ? [{ caseId: n.caseId, stepKey: n.key, recordedBy: null, ...entry }] : [];
      });
      if (entries.length > 0) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(TimelineEntryEntity)
          .values(entries as never)
          .orIgnore()
          .execute();
      }
      const all = keys.flat();
      const stored =
        all.length > 0 ? await tx.findBy(NotificationEntity, { dedupeKey: In(all) }) : [];
      await this.outbox.enqueue(tx, stored);
      const byKey = new Map(stored.map((row) => [row.dedupeKey, row]));
      return keys.map((ks) => ks.flatMap((k) => byKey.get(k) ?? []));
    });
  }

  /** Sends the stored notices on their recipients' channels; throws if any did not get through. */
  async send(stored: NotificationEntity[]): Promise<void> {
    // The inbox rows stand whatever happens next; only the sends outside are retried.
    if (stored.length > 0) await this.outbox.send(stored);
  }
}

type Recipient = ['person' | 'agency' | 'role', string];

/**
 * The notices that are events of the case, and so go into its timeline (keyed by the delivery,
 * once): an escalation; a meeting's invitation, sent for its first date and again for each new
 * one (so a reschedule shows, with the date); a meeting's date called off (meeting@2's only
 * `notify`). Other processes' event notices (collaboration@3's lost contact) tell people of an
 * event their process records itself. A delivery without its definition predates every `notify`
 * but the meeting's.
 */
export function timelineEntryOf(
  notice: Pick<Notice, 'kind' | 'level' | 'to' | 'elementId' | 'agencies'>,
  dueAt: string | undefined,
  definition?: string,
): { event: string; detail: Record<string, unknown> } | undefined {
  switch (notice.kind) {
    case 'escalation':
      return {
        event: 'escalated',
        detail: { level: notice.level ?? 1, to: notice.to, task: notice.elementId },
      };
    case 'invitation':
      return {
        event: 'meeting.invited',
        detail: { scheduledAt: dueAt ?? null, attendees: notice.agencies ?? [] },
      };
    case 'event_notice':
      if (definition !== undefined && !definition.startsWith('meeting@')) return undefined;
      return { event: 'meeting.called_off', detail: { attendees: notice.agencies ?? [] } };
    default:
      return undefined;
  }
}

/**
 * Who a notice for a role reaches in this case; a notice naming its agencies or its person, just
 * those.
 */
export function recipientsOf(
  notice: Pick<Notice, 'to' | 'agencies' | 'person'>,
  row: Pick<CaseEntity, 'assignedCoordinator' | 'planAgencies' | 'supportMeetingAgencies'>,
): Recipient[] {
  if (notice.to === 'coordinator' && notice.person) return [['person', notice.person]];
  if (notice.to === 'coordinator' && row.assignedCoordinator) {
    return [['person', row.assignedCoordinator]];
  }
  if (notice.to === 'agency_staff') {
    const agencies =
      notice.agencies ?? (row.planAgencies.length ? row.planAgencies : row.supportMeetingAgencies);
    // No agency to tell (a meeting without attendees): the coordinator hears of it instead.
    if (agencies.length === 0) return recipientsOf({ to: 'coordinator' }, row);
    return [...new Set(agencies)].map((agency): Recipient => ['agency', agency]);
  }
  return [['role', notice.to]];
}
