import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../auth/request-context';
import { CaseDiagramService } from './case-diagram.service';

@ApiTags('cases')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'The caller may not see this case' })
@Controller({ path: 'cases', version: '1' })
export class CaseDiagramController {
  constructor(private readonly diagrams: CaseDiagramService) {}

  @Get(':id/diagram')
  @ApiOperation({
    summary:
      "Where a case stands: its pinned definition's BPMN diagram, elements done, open and overdue",
    description:
      'BPMN 2.0 XML for bpmn-js or Camunda Modeler. Each element done, open or overdue has sss:state and bpmn.io colours on its shape; no case data is in it.',
  })
  @ApiProduces('application/xml')
  @ApiOkResponse({ content: { 'application/xml': { schema: { type: 'string' } } } })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The case id' })
  @ApiNotFoundResponse({ description: 'No case with this id' })
  @ApiConflictResponse({ description: 'The case has no process definition recorded yet' })
  async diagram(
    @Ctx() ctx: RequestContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    // Set on success only: a refusal stays JSON like every other error.
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const xml = await this.diagrams.diagram(ctx, id);
    res.type('application/xml; charset=utf-8');
    return xml;
  }
}
