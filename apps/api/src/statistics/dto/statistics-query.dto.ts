import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy, ValidationOptions } from 'class-validator';
import { parseFiscalYear, parseReportingMonth } from '@sss/domain';

export const STATISTICS_FORMATS = ['json', 'csv'] as const;
export type StatisticsFormat = (typeof STATISTICS_FORMATS)[number];

/**
 * Valid when the domain's parser reads the value; its message (which names the field and the
 * format) is the 400's. One rule for the API and the domain, so they cannot drift apart.
 */
function IsPeriod(
  name: string,
  parse: (value: string) => unknown,
  options?: ValidationOptions,
): PropertyDecorator {
  const problem = (value: unknown): string | null => {
    try {
      parse(value as string);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value) => problem(value) === null,
        defaultMessage: (args) => problem(args?.value) ?? `${args?.property} is invalid`,
      },
    },
    options,
  );
}

class FormatQuery {
  @ApiPropertyOptional({ enum: STATISTICS_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(STATISTICS_FORMATS, { message: 'format must be json or csv' })
  format: StatisticsFormat = 'json';
}

export class MonthlyStatisticsQuery extends FormatQuery {
  @ApiProperty({
    example: '2026-04',
    pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
    description: 'Calendar month YYYY-MM in Asia/Tokyo',
  })
  @IsPeriod('isReportingMonth', parseReportingMonth)
  month!: string;
}

export class FiscalYearStatisticsQuery extends FormatQuery {
  @ApiProperty({
    example: '2026',
    pattern: '^\\d{4}$',
    description: 'Fiscal year (年度) YYYY: April YYYY to March YYYY+1 in Asia/Tokyo',
  })
  @IsPeriod('isFiscalYear', parseFiscalYear)
  year!: string;
}
