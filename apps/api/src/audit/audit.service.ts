import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor, CaseAction, Decision, mayReadAudit } from '@sss/domain';
import { AuditEntryEntity, CaseEntity } from '@sss/persistence';
import type { RequestContext } from '../auth/request-context';
import type { AuditPageView } from './audit-entry.view';
import type { AuditQueryDto } from './audit-query.dto';
import { refusal } from './refusal';

export type AuditedAction =
  | 'case.refer'
  | 'case.read'
  | 'case.diagram'
  | 'case.list'
  | 'case.reopen'
  | 'case.migrate'
  | `case.${CaseAction}`
  | 'audit.read'
  | 'payloads.decode'
  | 'payloads.encode'
  | 'codec.session'
  | 'statistics.read'
  | 'notifications.read'
  | 'notifications.acknowledge'
  | 'notifications.channels.read'
  | 'notifications.channels.write'
  | 'agencies.read'
  | 'case.notes.read'
  | 'case.notes.write'
  | 'case.print'
  | 'case.members.write'
  | 'case.reassign'
  | 'case.transfer'
  | 'tasks.list'
  | RefusedRequest;

/** A request refused before any policy decided on it: invalid input, or no valid token. */
export type RefusedRequest = 'request.invalid' | 'request.unauthenticated';

/** The case an entry concerns; its municipality is the stored case's, when there is one. */
export interface AuditSubject {
  caseId: string;
  municipality: string | null;
}

/** Who a request refused for its token is recorded as: no one proven, of no municipality. */
const ANONYMOUS: Actor = { id: 'anonymous', kind: 'person', roles: [], municipality: '' };

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
  ) {}

  /**
   * Records the attempt, allowed or refused, before anything is read or written: an action that
   * cannot be audited does not happen. A refusal says nothing of the case (see `refusal`).
   */
  async enforce(
    ctx: RequestContext,
    action: AuditedAction,
    decision: Decision,
    subject?: AuditSubject,
  ): Promise<void> {
    await this.record(ctx, action, decision, subject);
    if (!decision.allowed) throw refusal(decision);
  }

  /**
   * A read the decision allows, run while its attempt is recorded: what it read is answered only
   * once the row is stored (a read that cannot be audited shows nothing), and a refused one is
   * recorded and reads nothing, as with `enforce`. A write may follow only once this resolves:
   * none may happen unaudited.
   */
  async auditedRead<T>(
    ctx: RequestContext,
    action: AuditedAction,
    decision: Decision,
    read: () => Promise<T>,
    subject?: AuditSubject,
  ): Promise<T> {
    if (!decision.allowed) await this.enforce(ctx, action, decision, subject);
    const [recorded, result] = await Promise.allSettled([
      this.record(ctx, action, decision, subject),
      read(),
    ]);
    if (recorded.status === 'rejected') throw recorded.reason;
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  }

  /**
   * The audit row of a request refused before any policy decided (400, 401): by the caller
   * when the request proved one, otherwise as `anonymous` with no municipality. A case named in
   * the path is recorded with its stored municipality, so that municipality's auditors see it.
   */
  async recordRefused(
    action: RefusedRequest,
    ctx: Partial<RequestContext> & { requestId: string },
    caseId: string | undefined,
  ): Promise<void> {
    const stored = caseId
      ? await this.cases.findOne({ select: { municipality: true }, where: { id: caseId } })
      : null;
    await this.record(
      { requestId: ctx.requestId, actor: ctx.actor ?? ANONYMOUS },
      action,
      { allowed: false, reason: action },
      caseId ? { caseId, municipality: stored?.municipality ?? null } : undefined,
    );
  }

  private async record(
    ctx: RequestContext,
    action: AuditedAction,
    decision: Decision,
    subject?: AuditSubject,
  ): Promise<void> {
    await this.entries.insert({
      actorId: ctx.actor.id,
      actorKind: ctx.actor.kind,
      actorRoles: ctx.actor.roles,
      municipality: ctx.actor.municipality,
      action,
      caseId: subject?.caseId ?? null,
      caseMunicipality: subject?.municipality ?? null,
      outcome: decision.allowed ? 'allowed' : 'denied',
      requestId: ctx.requestId,
    });
  }

  /**
   * A page of the audit log of the auditor's municipality, newest first: the municipality's own
   * people, and anyone's attempts on the municipality's cases (by the stored case's municipality).
   */
  async page(ctx: RequestContext, query: AuditQueryDto): Promise<AuditPageView> {
    await this.enforce(ctx, 'audit.read', mayReadAudit(ctx.actor));
    const q = this.entries
      .createQueryBuilder('e')
      .where('(e.municipality = :m OR e.case_municipality = :m)', { m: ctx.actor.municipality })
      .orderBy('e.id', 'DESC')
      .limit(query.limit);
    if (query.caseId) q.andWhere('e.case_id = :caseId', { caseId: query.caseId });
    if (query.actorId) q.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) q.andWhere('e.action = :action', { action: query.action });
    if (query.from) q.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) q.andWhere('e.occurred_at < :to', { to: query.to });
    if (query.before) q.andWhere('e.id < :before', { before: query.before });
    const rows = await q.getMany();
    const next = rows.length === query.limit ? Number(rows[rows.length - 1].id) : null;
    // Which municipality holds a case is its own to know: an own person's attempt on another
    // municipality's case reads like one on an unknown id.
    const entries = rows.map((e) => ({
      ...e,
      caseMunicipality: e.caseMunicipality === ctx.actor.municipality ? e.caseMunicipality : null,
    }));
    return { entries, next };
  }
}
