import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, RequestContext } from '../auth/request-context';
import { CaseView } from '../cases/dto/case-view.dto';
import { CaseAssignmentService } from './case-assignment.service';
import { ReassignCaseDto, TransferCaseDto } from './dto/case-assignment.dto';

const UUID = new ParseUUIDPipe();

@ApiTags('cases')
@ApiBearerAuth()
@ApiParam({ name: 'id', format: 'uuid', description: 'The case id' })
@Controller({ path: 'cases/:id', version: '1' })
export class CaseAssignmentController {
  constructor(private readonly assignment: CaseAssignmentService) {}

  @Post('assignment')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Give the case to another of the municipality's coordinators (担当替え), with the reason",
  })
  @ApiOkResponse({ type: CaseView, description: 'The case with its new coordinator' })
  @ApiConflictResponse({ description: 'The case is not open, or already has that coordinator' })
  reassign(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: ReassignCaseDto,
  ): Promise<CaseView> {
    return this.assignment.reassign(ctx, id, dto.coordinator, dto.reason);
  }

  @Post('transfer')
  @HttpCode(200)
  @ApiOperation({
    summary: "Move the case to another of the municipality's offices (移管), with the reason",
  })
  @ApiOkResponse({ type: CaseView, description: 'The case with the office it is now with' })
  @ApiConflictResponse({
    description:
      "Another municipality's agency (a case never leaves its municipality), a case not open, or the office it is already with",
  })
  transfer(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: TransferCaseDto,
  ): Promise<CaseView> {
    return this.assignment.transfer(ctx, id, dto.agency, dto.reason);
  }
}
