import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseEnumPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { STUCK_CASE_NAMES, StuckCaseName } from '@sss/domain';
import { Ctx, RequestContext } from '../auth/request-context';
import { CasesService } from './cases.service';
import {
  AssessmentDto,
  ConsentDto,
  ContactDto,
  ContactEffortDto,
  FollowUpDto,
  MatchDto,
  MeetingOutcomeDto,
  MonitoringDto,
  PlanConsentDto,
  PlanDto,
  ReasonDto,
  RescheduleMeetingDto,
  ScheduleMeetingDto,
  SettlingDto,
  VisitDto,
} from './dto/case-actions.dto';
import { CaseListQuery, StuckCaseQuery } from './dto/case-list.dto';
import { CaseListItem, CaseView, StuckCaseDefinitionView } from './dto/case-view.dto';
import { ReferCaseDto } from './dto/refer-case.dto';
import { RecordsPendingInterceptor } from './records-pending.interceptor';

/** The response header that carries the case list's next-page cursor. */
export const NEXT_CURSOR_HEADER = 'Next-Cursor';

/** Each refusal of a path parameter names the parameter, as a body field's does. */
const UUID = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException('id (the case id in the path) must be a UUID'),
});
const STUCK_CASES_ENUM = Object.fromEntries(STUCK_CASE_NAMES.map((n) => [n, n]));
const STUCK_CASE = new ParseEnumPipe(STUCK_CASES_ENUM, {
  exceptionFactory: () =>
    new BadRequestException(
      `name (the filter in the path) must be one of ${STUCK_CASE_NAMES.join(', ')}`,
    ),
});

/**
 * The coordinator API. Each action lands on the case's current step; in any other step it is a
 * 409 naming the step, and invalid data is a 400 naming the field. Neither changes anything.
 */
@ApiTags('cases')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'The caller may not see or act on this case' })
@Controller({ path: 'cases', version: '1' })
@UseInterceptors(RecordsPendingInterceptor)
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Refer a case (つなぎ)' })
  @ApiCreatedResponse({ type: CaseView, description: 'The case, stored and running' })
  @ApiBadRequestResponse({ description: 'A field is invalid or unknown; nothing was changed' })
  @ApiConflictResponse({ description: 'A closed case already has this id' })
  refer(@Ctx() ctx: RequestContext, @Body() dto: ReferCaseDto): Promise<CaseView> {
    return this.cases.refer(ctx, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List cases by stage, programme, coordinator or overdue' })
  @ApiOkResponse({
    type: [CaseListItem],
    headers: {
      [NEXT_CURSOR_HEADER]: {
        description: 'The cursor of the next page (pass it as ?cursor=); absent on the last page',
        schema: { type: 'string' },
      },
    },
  })
  @ApiBadRequestResponse({ description: 'A filter, limit or cursor is invalid' })
  async list(
    @Ctx() ctx: RequestContext,
    @Query() query: CaseListQuery,
    @Res({ passthrough: true }) reply: Response,
  ): Promise<CaseListItem[]> {
    // The body stays the array clients already read; the next page's cursor rides in a header.
    const page = await this.cases.list(ctx, query);
    if (page.nextCursor) reply.setHeader(NEXT_CURSOR_HEADER, page.nextCursor);
    return page.items;
  }

  @Get('stuck')
  @ApiOperation({
    summary: 'The named stuck-case filters, as Temporal List Filters for the Web UI',
  })
  @ApiOkResponse({ type: [StuckCaseDefinitionView] })
  stuckDefinitions(@Query() query: StuckCaseQuery): StuckCaseDefinitionView[] {
    return this.cases.stuckDefinitions(query.consentWait);
  }

  @Get('stuck/:name')
  @ApiOperation({ summary: 'The cases a stuck-case filter finds (the same filter as in the UI)' })
  @ApiOkResponse({ type: [CaseListItem] })
  @ApiParam({ name: 'name', enum: STUCK_CASE_NAMES })
  @ApiBadRequestResponse({ description: 'Unknown filter name or threshold' })
  stuck(
    @Ctx() ctx: RequestContext,
    @Param('name', STUCK_CASE) name: StuckCaseName,
    @Query() query: StuckCaseQuery,
  ): Promise<CaseListItem[]> {
    return this.cases.stuck(ctx, name, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case with its stage, open tasks, due dates and timeline' })
  @ApiOkResponse({ type: CaseView })
  @CaseIdParam()
  @ApiNotFoundResponse({ description: 'No case with this id' })
  get(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<CaseView> {
    return this.cases.get(ctx, id);
  }

  @Post(':id/consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record consent to share information (本人同意), or its refusal' })
  @Actions()
  consent(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ConsentDto) {
    return this.cases.act(ctx, id, 'consent', {
      consent: dto.status,
      ...(dto.note !== undefined ? { consentNote: dto.note } : {}),
      ...(dto.meeting !== undefined ? { noConsentMeeting: dto.meeting } : {}),
    });
  }

  @Post(':id/consent-withdrawal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the person withdrew consent: the case goes back to the no-consent path',
  })
  @Actions()
  withdraw(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReasonDto) {
    return this.cases.act(ctx, id, 'consent_withdrawal', { consentNote: dto.reason });
  }

  @Post(':id/assessment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the interview and assessment' })
  @Actions()
  assessment(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: AssessmentDto,
  ) {
    return this.cases.act(ctx, id, 'assessment', {
      assessmentSummary: dto.summary,
      ...(dto.needs ? { needs: dto.needs } : {}),
    });
  }

  @Post(':id/plan')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draft the support plan, or its next version when re-planning' })
  @Actions()
  plan(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: PlanDto) {
    return this.cases.act(ctx, id, 'plan', { ...dto });
  }

  @Post(':id/meeting/schedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Schedule the meeting the case is waiting for, with its attendees' })
  @Actions()
  schedule(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: ScheduleMeetingDto,
  ) {
    return this.cases.act(ctx, id, 'meeting.schedule', { ...dto });
  }

  @Post(':id/meeting/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the scheduled meeting to another time' })
  @Actions()
  reschedule(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: RescheduleMeetingDto,
  ) {
    return this.cases.act(ctx, id, 'meeting.reschedule', { scheduledAt: dto.scheduledAt });
  }

  @Post(':id/meeting/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Call off the scheduled date: the attending agencies are told, and the meeting waits to be scheduled anew',
  })
  @Actions()
  cancelMeeting(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string) {
    return this.cases.act(ctx, id, 'meeting.cancel', {});
  }

  @Post(':id/meeting/outcome')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record what the meeting decided' })
  @Actions()
  outcome(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: MeetingOutcomeDto,
  ) {
    return this.cases.act(ctx, id, 'meeting.outcome', { ...dto });
  }

  @Post(':id/plan-consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the person’s consent to the plan (プラン申込み)' })
  @Actions()
  planConsent(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: PlanConsentDto,
  ) {
    return this.cases.act(ctx, id, 'plan_consent', { planAgreed: dto.agreed });
  }

  @Post(':id/monitoring')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record monitoring, and what comes next' })
  @Actions()
  monitoring(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: MonitoringDto,
  ) {
    return this.cases.act(ctx, id, 'monitoring', { monitoringNote: dto.note, next: dto.next });
  }

  @Post(':id/contacts')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a contact with the person (resets the clock) or a failed attempt',
  })
  @Actions()
  contact(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ContactDto) {
    return this.cases.act(ctx, id, dto.kind, {
      contactChannel: dto.channel,
      ...(dto.note !== undefined ? { contactNote: dto.note } : {}),
    });
  }

  @Post(':id/contact-effort')
  @HttpCode(200)
  @ApiOperation({ summary: 'After contact was lost: record an outreach attempt and its result' })
  @Actions()
  contactEffort(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: ContactEffortDto,
  ) {
    return this.cases.act(ctx, id, 'contact_effort', {
      contactEffort: dto.result,
      ...(dto.note !== undefined ? { contactNote: dto.note } : {}),
    });
  }

  @Post(':id/replan-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-plan now, during support' })
  @Actions()
  replan(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string) {
    return this.cases.act(ctx, id, 'replan', {});
  }

  @Post(':id/termination-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring the case to a meeting judging termination' })
  @Actions()
  terminate(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReasonDto) {
    return this.cases.act(ctx, id, 'termination', { endingReason: dto.reason });
  }

  @Post(':id/suspension-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring the case to a meeting deciding suspension' })
  @Actions()
  suspend(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReasonDto) {
    return this.cases.act(ctx, id, 'suspension', { endingReason: dto.reason });
  }

  @Post(':id/visits')
  @HttpCode(200)
  @ApiOperation({ summary: 'Outreach: record a visit, and consent when the person gives it' })
  @Actions()
  visit(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: VisitDto) {
    return this.cases.act(ctx, id, 'visit', {
      visitResult: dto.result,
      ...(dto.note !== undefined ? { contactNote: dto.note } : {}),
    });
  }

  @Post(':id/match')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participation support: match the person to a social resource' })
  @Actions()
  match(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: MatchDto) {
    return this.cases.act(ctx, id, 'match', { ...dto });
  }

  @Post(':id/settling')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participation support: record settling-in support' })
  @Actions()
  settling(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: SettlingDto) {
    return this.cases.act(ctx, id, 'settling', {
      tieStable: dto.tieStable,
      ...(dto.note !== undefined ? { settlingNote: dto.note } : {}),
    });
  }

  @Post(':id/follow-up')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participation support: record contact after closure' })
  @Actions()
  followUp(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: FollowUpDto) {
    return this.cases.act(ctx, id, 'follow_up', {
      tieAlive: dto.tieAlive,
      ...(dto.note !== undefined ? { contactNote: dto.note } : {}),
    });
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a closed or suspended case at assessment' })
  @Actions()
  reopen(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string, @Body() dto: ReasonDto) {
    return this.cases.reopen(ctx, id, dto.reason);
  }
}

/** The case id of a case's path: a UUID. */
function CaseIdParam(): MethodDecorator {
  return ApiParam({ name: 'id', format: 'uuid', description: 'The case id' });
}

/** The responses every action has. */
function Actions(): MethodDecorator {
  return (target, key, descriptor) => {
    CaseIdParam()(target, key, descriptor);
    ApiOkResponse({ type: CaseView, description: 'The case after the action' })(
      target,
      key,
      descriptor,
    );
    ApiAcceptedResponse({
      type: CaseView,
      description: `The action is taken; the records its step writes are not yet (recordsPending)`,
    })(target, key, descriptor);
    ApiBadRequestResponse({ description: 'Invalid data; the message names the field' })(
      target,
      key,
      descriptor,
    );
    ApiNotFoundResponse({ description: 'No case with this id' })(target, key, descriptor);
    ApiConflictResponse({ description: 'Not possible in the case’s step; the message names it' })(
      target,
      key,
      descriptor,
    );
  };
}
