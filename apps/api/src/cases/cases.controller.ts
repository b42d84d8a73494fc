import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, RequestContext } from '../auth/request-context';
import { CasesService } from './cases.service';
import { CaseView } from './dto/case-view.dto';
import { ReferCaseDto } from './dto/refer-case.dto';

@ApiTags('cases')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'The caller may not see or act on this case' })
@Controller({ path: 'cases', version: '1' })
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CaseView, description: 'The case, stored and running' })
  @ApiBadRequestResponse({ description: 'A field is invalid or unknown; nothing was changed' })
  @ApiConflictResponse({ description: 'A closed case already has this id' })
  refer(@Ctx() ctx: RequestContext, @Body() dto: ReferCaseDto): Promise<CaseView> {
    return this.cases.refer(ctx, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: CaseView })
  @ApiNotFoundResponse({ description: 'No case with this id' })
  get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<CaseView> {
    return this.cases.get(ctx, id);
  }
}
