import { Controller, Get, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, RequestContext } from '../auth/request-context';
import { PrintoutsService } from './printouts.service';

const UUID = new ParseUUIDPipe();
const PDF = {
  description: 'A4 PDF, in Japanese',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};

@ApiTags('cases')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Only coordinators who may read the case print it' })
@ApiParam({ name: 'id', format: 'uuid', description: 'The case id' })
@ApiProduces('application/pdf')
@Controller({ path: 'cases/:id', version: '1' })
export class PrintoutsController {
  constructor(private readonly printouts: PrintoutsService) {}

  @Get('plan.pdf')
  @ApiOperation({
    summary: 'The latest plan as プラン兼利用申込書, for the person to sign at plan application',
  })
  @ApiOkResponse(PDF)
  @ApiConflictResponse({ description: 'The case has no plan yet' })
  async plan(@Ctx() ctx: RequestContext, @Param('id', UUID) id: string): Promise<StreamableFile> {
    return pdf(await this.printouts.plan(ctx, id), 'plan.pdf');
  }

  @Get('summary.pdf')
  @ApiOperation({ summary: 'A case summary for a meeting (ケース概要)' })
  @ApiOkResponse(PDF)
  async summary(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
  ): Promise<StreamableFile> {
    return pdf(await this.printouts.summary(ctx, id), 'case-summary.pdf');
  }
}

/** The PDF as a download; its headers only on success, so that a refusal stays JSON. */
function pdf(bytes: Buffer, filename: string): StreamableFile {
  return new StreamableFile(bytes, {
    type: 'application/pdf',
    disposition: `attachment; filename="${filename}"`,
  });
}
