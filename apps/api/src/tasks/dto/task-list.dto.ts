import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DUE_WINDOWS, DueWindow, TASK_SCOPES, TaskScope } from '@sss/domain';
import { QueryInt } from '../../validation/bounds';
import { PageCursor } from '../../validation/page-cursor';

/** Tasks on one page at most. */
export const TASK_PAGE_MAX = 100;

export class TaskListQuery {
  @ApiPropertyOptional({
    enum: TASK_SCOPES,
    description:
      "me: the cases assigned to me as coordinator (coordinators' default); role: tasks of my roles on every case I may read (managers: every task, to read); agency: the cases my agency may read (agency staff's default)",
  })
  @IsOptional()
  @IsIn(TASK_SCOPES, { message: `for must be one of ${TASK_SCOPES.join(', ')}` })
  for?: TaskScope;

  @ApiPropertyOptional({
    enum: DUE_WINDOWS,
    description:
      'Asia/Tokyo days: today (due later today), week (due from now through the coming Sunday, today included), overdue (due at or before now)',
  })
  @IsOptional()
  @IsIn(DUE_WINDOWS, { message: `due must be one of ${DUE_WINDOWS.join(', ')}` })
  due?: DueWindow;

  @ApiPropertyOptional({
    default: 20,
    minimum: 1,
    maximum: TASK_PAGE_MAX,
    description: 'Tasks on a page, soonest due first (those with no due date last)',
  })
  @QueryInt(1, TASK_PAGE_MAX)
  limit = 20;

  @PageCursor('The nextCursor')
  cursor?: string;
}

export class TaskItem {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The household (personal data); every listed case is one the caller may read',
  })
  householdName!: string | null;
  @ApiProperty({ description: "The case's stage" }) caseStage!: string;
  @ApiProperty({ description: "The task's element id, which its action completes (e.g. consent)" })
  taskId!: string;
  @ApiProperty({ description: 'The task as staff read it (Japanese)' }) nameJa!: string;
  @ApiProperty({ description: "The task's name in the definition (English)" }) name!: string;
  @ApiProperty({ description: 'Who the task is for: coordinator or agency_staff' })
  candidateRole!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' })
  dueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ description: 'Whether the caller may complete it (managers read only)' })
  mayAct!: boolean;
}

export class TaskCounts {
  @ApiProperty({ description: 'Tasks in scope due later today' }) today!: number;
  @ApiProperty({ description: 'Tasks in scope due from now to the end of Sunday' })
  week!: number;
  @ApiProperty({ description: 'Tasks in scope overdue' }) overdue!: number;
}

export class TaskListView {
  @ApiProperty({ enum: TASK_SCOPES }) for!: TaskScope;
  @ApiProperty({ type: [TaskItem] }) tasks!: TaskItem[];
  @ApiProperty({
    type: TaskCounts,
    description:
      'Tasks per window over the whole scope (not only this page), as the processes last stored them',
  })
  counts!: TaskCounts;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null on the last page' })
  nextCursor!: string | null;
}
