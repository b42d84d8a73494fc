import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { CASE_STAGES, CaseStage, DEFAULT_CONSENT_WAIT, Programme, PROGRAMMES } from '@sss/domain';
import { QueryInt, IsDuration } from '../../validation/bounds';
import { Text } from '../../validation/text';
import { PageCursor } from '../../validation/page-cursor';

/** How many cases a listing returns at most. */
class PageQuery {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @QueryInt(1, 500)
  limit = 100;
}

/** Filters for listing cases; each becomes a clause of a Temporal visibility query. */
export class CaseListQuery extends PageQuery {
  @PageCursor('The Next-Cursor header')
  cursor?: string;

  @ApiPropertyOptional({ enum: CASE_STAGES })
  @IsOptional()
  @IsIn(CASE_STAGES)
  stage?: CaseStage;

  @ApiPropertyOptional({ enum: PROGRAMMES })
  @IsOptional()
  @IsIn(PROGRAMMES)
  programme?: Programme;

  @ApiPropertyOptional({ description: 'Staff id of the assigned coordinator' })
  @IsOptional()
  @Matches(/^[\w.@:-]{1,200}$/, { message: 'coordinator must be a staff id' })
  coordinator?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'Cases whose household name contains this (width, case and blanks ignored: 腰越, ｺｼｺﾞｴ and こしごえ are different words)',
  })
  @IsOptional()
  @Text({ max: 200 })
  household?: string;

  @ApiPropertyOptional({ description: 'Only cases with an overdue task (or none)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class StuckCaseQuery extends PageQuery {
  @ApiPropertyOptional({
    default: DEFAULT_CONSENT_WAIT,
    description: 'waiting_on_consent: how long a wait counts as stuck (ISO 8601 duration)',
  })
  @IsOptional()
  @IsDuration('P30D')
  consentWait: string = DEFAULT_CONSENT_WAIT;
}
