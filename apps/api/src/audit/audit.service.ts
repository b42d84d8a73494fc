import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CaseAction, Decision } from '@sss/domain';
import { AuditEntryEntity } from '@sss/persistence';
import type { RequestContext } from '../auth/request-context';
import { refusal } from './refusal';

export type AuditedAction =
  | 'case.refer'
  | 'case.read'
  | 'case.list'
  | 'case.reopen'
  | `case.${CaseAction}`
  | 'audit.read'
  | 'payloads.decode'
  | 'payloads.encode'
  | 'codec.session'
  | 'statistics.read'
  | 'notifications.read'
  | 'notifications.acknowledge'
  | 'notifications.channels.read'
  | 'notifications.channels.write';

/** The case an entry concerns; its municipality is the stored case's, when there is one. */
export interface AuditSubject {
  caseId: string;
  municipality: string | null;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
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
}
