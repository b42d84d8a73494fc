import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../auth/request-context';
import {
  FiscalYearStatisticsQuery,
  MonthlyStatisticsQuery,
  StatisticsFormat,
} from './dto/statistics-query.dto';
import { FiscalYearStatisticsView, MonthlyStatisticsView } from './dto/statistics-view.dto';
import { fiscalYearCsv, monthlyCsv } from './statistics-csv';
import { StatisticsService } from './statistics.service';

/**
 * The counts municipalities report (Kashiwa's and Kusatsu's monthly tables), of the caller's
 * municipality only: counts, never personal data. Definitions: docs/statistics.md.
 */
/** The figures as JSON (`view`), or with format=csv as a CSV file: both declared in the spec. */
const JsonOrCsv = (view: new () => object) =>
  ApiOkResponse({
    description: 'JSON, or CSV with format=csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(view) } },
      'text/csv': { schema: { type: 'string' } },
    },
  });

@ApiTags('statistics')
@ApiExtraModels(MonthlyStatisticsView, FiscalYearStatisticsView)
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Only managers and coordinators read statistics' })
@ApiBadRequestResponse({ description: 'The month, year or format is invalid (the field is named)' })
@ApiProduces('application/json', 'text/csv')
@Controller({ path: 'statistics', version: '1' })
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('monthly')
  @ApiOperation({ summary: 'The figures of one calendar month (Asia/Tokyo), as JSON or CSV' })
  @JsonOrCsv(MonthlyStatisticsView)
  async monthly(
    @Ctx() ctx: RequestContext,
    @Query() query: MonthlyStatisticsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MonthlyStatisticsView | string> {
    const view = await this.statistics.monthly(ctx, query.month);
    return (
      respond(res, query.format, `statistics-${view.municipality}-${view.period.label}`, () =>
        monthlyCsv(view),
      ) ?? view
    );
  }

  @Get('fiscal-year')
  @ApiOperation({
    summary: 'The figures of a fiscal year (年度, April to March), for the year and each month',
  })
  @JsonOrCsv(FiscalYearStatisticsView)
  async fiscalYear(
    @Ctx() ctx: RequestContext,
    @Query() query: FiscalYearStatisticsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FiscalYearStatisticsView | string> {
    const view = await this.statistics.fiscalYear(ctx, query.year);
    return (
      respond(res, query.format, `statistics-${view.municipality}-FY${view.period.label}`, () =>
        fiscalYearCsv(view),
      ) ?? view
    );
  }
}

/** For CSV: the text with its content type and a file name; for JSON: undefined (Nest's default). */
function respond(
  res: Response,
  format: StatisticsFormat,
  fileName: string,
  csv: () => string,
): string | undefined {
  if (format !== 'csv') return undefined;
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  const safe = fileName.replace(/[^\w.-]/g, '_');
  res.setHeader('content-disposition', `attachment; filename="${safe}.csv"`);
  return csv();
}
