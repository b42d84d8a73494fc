import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { QueryInt, IsTimestamp, ROW_ID_MAX } from '../validation/bounds';
import { Text } from '../validation/text';

export class AuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Text({ max: 200 }) actorId?: string;
  @ApiPropertyOptional({ example: 'case.read', maxLength: 64 })
  @IsOptional()
  @Text({ max: 64 })
  action?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsTimestamp() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsTimestamp() to?: string;

  @ApiPropertyOptional({
    description: 'Entries older than this id (the previous page’s `next`)',
    minimum: 1,
    maximum: ROW_ID_MAX,
  })
  @IsOptional()
  @QueryInt(1, ROW_ID_MAX)
  before?: number;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @QueryInt(1, 500)
  limit = 100;
}
