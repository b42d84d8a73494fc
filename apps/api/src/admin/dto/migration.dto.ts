import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

const ELEMENT_ID = /^[A-Za-z_][\w-]{0,99}$/;
const MOST_MAPPED = 200;
/** A batch the API checks and moves within one request. */
export const MOST_MIGRATED = 200;

/** An element mapping: at most 200 entries, each an element id to an element id. */
function IsElementMapping(): PropertyDecorator {
  return ValidateBy({
    name: 'isElementMapping',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length <= MOST_MAPPED &&
        Object.entries(value).every(
          ([from, to]) => ELEMENT_ID.test(from) && typeof to === 'string' && ELEMENT_ID.test(to),
        ),
      defaultMessage: () =>
        `mapping must map at most ${MOST_MAPPED} element ids (letters, digits, _ and -) to element ids`,
    },
  });
}

export class MigrationFilterDto {
  @ApiProperty({
    description: 'The definition the cases run on now (id@version)',
    example: 'collaboration@1',
  })
  @Matches(/^[a-z][a-z0-9-]{0,63}@[1-9][0-9]{0,5}$/, {
    message: 'filter.runningOn must be a definition key such as collaboration@1',
  })
  runningOn!: string;
}

export class MigrationRequestDto {
  @ApiProperty({ description: 'The released definition to move to', example: 'collaboration' })
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { message: 'definition must be a definition id' })
  definition!: string;

  @ApiProperty({ description: 'Its released version', example: 2 })
  @IsInt()
  @Min(1, { message: 'version must be 1 or more' })
  version!: number;

  @ApiProperty({
    description: 'Old element id → new element id; ids the target also has need no entry',
    example: { obtainConsent: 'obtainConsent' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsElementMapping()
  mapping!: Record<string, string>;

  @ApiPropertyOptional({
    description: `The cases to move, by id (at most ${MOST_MIGRATED}); or give filter`,
    type: [String],
  })
  @IsOptional()
  @ArrayMinSize(1, { message: 'caseIds must name at least one case' })
  @ArrayMaxSize(MOST_MIGRATED, { message: `caseIds must name at most ${MOST_MIGRATED} cases` })
  @IsUUID('all', { each: true, message: 'caseIds must be case ids (UUIDs)' })
  caseIds?: string[];

  @ApiPropertyOptional({
    description: `The open cases of the caller's municipality running on a definition (at most ${MOST_MIGRATED})`,
    type: MigrationFilterDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MigrationFilterDto)
  filter?: MigrationFilterDto;

  @ApiProperty({ description: 'true: only say for each case whether it can move and why not' })
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun!: boolean;
}

export class MigratedCaseView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ description: 'The definition it ran on', nullable: true })
  from!: string | null;
  @ApiProperty() canMove!: boolean;
  @ApiProperty({ description: 'Whether it was moved (never on a dry run)' }) moved!: boolean;
  @ApiProperty({ type: [String], description: 'Why it cannot move' }) reasons!: string[];
}

export class MigrationView {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ example: 'collaboration@2' }) target!: string;
  @ApiProperty({ type: [MigratedCaseView] }) cases!: MigratedCaseView[];
}
