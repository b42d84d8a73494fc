import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { mayListAgencies } from '@sss/domain';
import { AuditService } from '../audit/audit.service';
import { Ctx, RequestContext } from '../auth/request-context';
import { AgencyRegister } from './agency-register';
import { AgencyView } from './agency.view';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller({ path: 'agencies', version: '1' })
export class AgenciesController {
  constructor(
    private readonly register: AgencyRegister,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The caller's municipality's agencies: the codes referrals, plans and meetings take",
  })
  @ApiOkResponse({ type: [AgencyView] })
  async list(@Ctx() ctx: RequestContext): Promise<AgencyView[]> {
    const agencies = await this.audit.auditedRead(
      ctx,
      'agencies.read',
      mayListAgencies(ctx.actor),
      () => this.register.list(ctx.actor.municipality),
    );
    return agencies.map(({ code, name, field, phone }) => ({ code, name, field, phone }));
  }
}
