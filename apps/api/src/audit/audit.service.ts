import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CaseAction, Decision } from '@sss/domain';
import { AuditEntryEntity } from '@sss/persistence';
import type { RequestContext } from '../auth/request-context';

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

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
  ) {}

  /**
   * Records the attempt, allowed or refused, before anything is read or written: an action that
   * cannot be audited does not happen. A refusal is a 403 that says nothing of the case.
   */
  async enforce(
    ctx: RequestContext,
    action: AuditedAction,
    decision: Decision,
    subject?: { caseId: string; municipality: string },
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
    if (!decision.allowed) throw new ForbiddenException('not permitted');
  }
}
