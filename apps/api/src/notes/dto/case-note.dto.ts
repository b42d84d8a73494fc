import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { QueryInt, ROW_ID_MAX } from '../../validation/bounds';
import { Text } from '../../validation/text';

/** The longest note: a visit or a phone call written up, as long as other free text takes. */
export const NOTE_MAX = 4000;

export class WriteCaseNoteDto {
  @ApiProperty({
    description: 'The note (支援記録); personal data, stored encrypted',
    maxLength: NOTE_MAX,
  })
  @Text({ max: NOTE_MAX, freeText: true })
  text!: string;
}

export class CaseNoteView {
  @ApiProperty({ description: 'The note id; also the cursor for older notes' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ description: 'Who wrote it (staff id)' }) writtenBy!: string;
  @ApiProperty({ format: 'date-time' }) writtenAt!: Date;
}

export class CaseNotePage {
  @ApiProperty({ type: [CaseNoteView], description: 'Newest first' }) notes!: CaseNoteView[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Pass as `before` for the next, older page; null on the last',
  })
  next!: string | null;
}

export class CaseNoteQuery {
  @ApiPropertyOptional({
    description: 'Notes older than this id (the previous page’s `next`)',
    minimum: 1,
    maximum: ROW_ID_MAX,
  })
  @IsOptional()
  @QueryInt(1, ROW_ID_MAX)
  before?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @QueryInt(1, 200)
  limit = 50;
}
