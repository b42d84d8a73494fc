import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { mayReadAudit } from '@sss/domain';
import { AuditEntryEntity } from '@sss/persistence';
import { Ctx, RequestContext } from '../auth/request-context';
import { AuditQueryDto } from './audit-query.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller({ path: 'audit', version: '1' })
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
  ) {}

  /** The audit log of the auditor's municipality, newest first, a page at a time. */
  @Get()
  @ApiForbiddenResponse({ description: 'Only auditors read the audit log' })
  async list(@Ctx() ctx: RequestContext, @Query() query: AuditQueryDto) {
    await this.audit.enforce(ctx, 'audit.read', mayReadAudit(ctx.actor));
    const q = this.entries
      .createQueryBuilder('e')
      // The municipality's own people, and anyone's attempts on the municipality's cases.
      .where('(e.municipality = :m OR e.case_municipality = :m)', { m: ctx.actor.municipality })
      .orderBy('e.id', 'DESC')
      .limit(query.limit);
    if (query.caseId) q.andWhere('e.case_id = :caseId', { caseId: query.caseId });
    if (query.actorId) q.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) q.andWhere('e.action = :action', { action: query.action });
    if (query.from) q.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) q.andWhere('e.occurred_at < :to', { to: query.to });
    if (query.before) q.andWhere('e.id < :before', { before: query.before });
    const entries = await q.getMany();
    const next = entries.length === query.limit ? Number(entries[entries.length - 1].id) : null;
    return { entries, next };
  }
}
