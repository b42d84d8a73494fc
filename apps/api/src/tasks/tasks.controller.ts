import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx, RequestContext } from '../auth/request-context';
import { TaskListQuery, TaskListView } from './dto/task-list.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller({ path: 'tasks', version: '1' })
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({
    summary:
      'My open tasks across the cases I may see: mine, my role’s or my agency’s, by due window',
  })
  @ApiOkResponse({ type: TaskListView })
  @ApiBadRequestResponse({ description: 'for, due, limit or cursor is invalid for this caller' })
  @ApiForbiddenResponse({ description: 'Auditors and administrators have no tasks' })
  list(@Ctx() ctx: RequestContext, @Query() query: TaskListQuery): Promise<TaskListView> {
    return this.tasks.list(ctx, query);
  }
}
