import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, RequestContext } from '../auth/request-context';
import { MigrationRequestDto, MigrationView } from './dto/migration.dto';
import { MigrationsService } from './migrations.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Only administrators migrate cases' })
@ApiBadRequestResponse({
  description: 'The target is not released, the mapping or the selection is invalid (named)',
})
@Controller({ path: 'admin/migrations', version: '1' })
export class MigrationsController {
  constructor(private readonly migrations: MigrationsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Moves running cases of the caller’s municipality to another released definition version, or (dryRun) says for each whether it can move and why not',
  })
  @ApiOkResponse({ type: MigrationView })
  migrate(@Ctx() ctx: RequestContext, @Body() dto: MigrationRequestDto): Promise<MigrationView> {
    return this.migrations.migrate(ctx, dto);
  }
}
