import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext } from '../auth/request-context';
import { AuditPageView } from './audit-entry.view';
import { AuditQueryDto } from './audit-query.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller({ path: 'audit', version: '1' })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit log of the auditor's municipality, newest first, a page at a time. */
  @Get()
  @ApiOkResponse({ type: AuditPageView })
  @ApiForbiddenResponse({ description: 'Only auditors read the audit log' })
  list(@Ctx() ctx: RequestContext, @Query() query: AuditQueryDto): Promise<AuditPageView> {
    return this.audit.page(ctx, query);
  }
}
