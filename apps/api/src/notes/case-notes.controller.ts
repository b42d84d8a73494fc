import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, RequestContext } from '../auth/request-context';
import { CaseNotesService } from './case-notes.service';
import { CaseNotePage, CaseNoteQuery, CaseNoteView, WriteCaseNoteDto } from './dto/case-note.dto';

const UUID = new ParseUUIDPipe();

@ApiTags('cases')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'The caller may not read, or write in, this case' })
@ApiParam({ name: 'id', format: 'uuid', description: 'The case id' })
@Controller({ path: 'cases/:id/notes', version: '1' })
export class CaseNotesController {
  constructor(private readonly notes: CaseNotesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Write a case note (支援記録), attributed to the caller' })
  @ApiCreatedResponse({ type: CaseNoteView })
  write(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Body() dto: WriteCaseNoteDto,
  ): Promise<CaseNoteView> {
    return this.notes.write(ctx, id, dto.text);
  }

  @Get()
  @ApiOperation({ summary: "The case's notes, newest first, a page at a time" })
  @ApiOkResponse({ type: CaseNotePage })
  page(
    @Ctx() ctx: RequestContext,
    @Param('id', UUID) id: string,
    @Query() query: CaseNoteQuery,
  ): Promise<CaseNotePage> {
    return this.notes.page(ctx, id, query);
  }
}
