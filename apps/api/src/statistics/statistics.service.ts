import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  InvalidReportingPeriodError,
  mayReadStatistics,
  monthsOfFiscalYear,
  parseFiscalYear,
  parseReportingMonth,
  PROGRAMMES,
  REPORTING_TIME_ZONE,
  ReportingPeriod,
} from '@sss/domain';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../auth/request-context';
import {
  FiscalYearStatisticsView,
  MonthlyStatisticsView,
  ReportingPeriodView,
  StatisticsFigures,
} from './dto/statistics-view.dto';

/** The meeting kinds every figure lists, zero or not (meetings.kind). */
export const MEETING_KINDS = [
  'support_meeting',
  'multilayer_meeting',
  'field_meeting',
  'block_meeting',
] as const;

/**
 * Characters that do not make a community issue: a meeting whose community_issue is NULL or only
 * these (ASCII white space and the full-width space U+3000) found none.
 */
const BLANK = ' \t\r\n\u3000';

/** The bucket of the whole period, beside the months' `YYYY-MM` buckets. */
const TOTAL = 'total';

/**
 * A constant of ours, never input; checked anyway since it is written into the SQL text (it must
 * be the same expression in SELECT and GROUP BY, which a bind parameter would not guarantee).
 */
const TZ_SQL = ((tz: string) => {
  if (!/^[A-Za-z_/+-]+$/.test(tz)) throw new Error(`unexpected time zone ${tz}`);
  return `'${tz}'`;
})(REPORTING_TIME_ZONE);

/** The Tokyo calendar month of a timestamptz column, as `YYYY-MM`. */
const monthOf = (column: string) =>
  `to_char(date_trunc('month', ${column} AT TIME ZONE ${TZ_SQL}), 'YYYY-MM')`;

/**
 * SELECT and GROUP BY for a figure grouped by `keys`: for one period the groups of the period
 * (the month column is NULL); for a fiscal year, with GROUPING SETS, the groups of each Tokyo
 * month *and* of the whole year in one pass (rows whose month is NULL are the year's).
 */
function grouping(byMonth: boolean, timeColumn: string, keys: string[]) {
  const month = monthOf(timeColumn);
  // Byte order, so breakdowns list the same way whatever the database's collation.
  const sorted = keys.map((k) => `${k} COLLATE "C"`);
  if (!byMonth) {
    return {
      month: 'NULL::text AS month',
      groupBy: keys.length ? `GROUP BY ${keys.join(', ')}` : '',
      orderBy: keys.length ? `ORDER BY ${sorted.join(', ')}` : '',
    };
  }
  return {
    month: `${month} AS month`,
    groupBy: `GROUP BY GROUPING SETS ((${[month, ...keys].join(', ')}), (${keys.join(', ')}))`,
    orderBy: `ORDER BY ${['month NULLS FIRST', ...sorted].join(', ')}`,
  };
}

interface Row {
  month: string | null;
}

/**
 * Monthly and fiscal-year statistics of one municipality, counted in PostgreSQL: every query is
 * an aggregate (COUNT … GROUP BY) over a half-open period `[start, end)` passed as parameters,
 * so the (municipality, created_at) index of cases and the (recorded_at) index of each record
 * table apply, and no record ever leaves the database, only counts per group (a handful of rows).
 * The municipality is always the caller's. docs/statistics.md defines each figure.
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async monthly(ctx: RequestContext, month: string): Promise<MonthlyStatisticsView> {
    const period = readPeriod(() => parseReportingMonth(month));
    const municipality = ctx.actor.municipality;
    const figures = await this.audit.auditedRead(
      ctx,
      'statistics.read',
      mayReadStatistics(ctx.actor),
      () => this.count(municipality, period, []),
    );
    return { municipality, period: periodView(period), figures: figures.get(TOTAL)! };
  }

  async fiscalYear(ctx: RequestContext, year: string): Promise<FiscalYearStatisticsView> {
    const period = readPeriod(() => parseFiscalYear(year));
    const municipality = ctx.actor.municipality;
    const months = monthsOfFiscalYear(Number(period.label));
    const figures = await this.audit.auditedRead(
      ctx,
      'statistics.read',
      mayReadStatistics(ctx.actor),
      () => this.count(municipality, period, months),
    );
    return {
      municipality,
      period: periodView(period),
      figures: figures.get(TOTAL)!,
      months: months.map((m) => ({ period: periodView(m), figures: figures.get(m.label)! })),
    };
  }

  /**
   * Every figure for `period` (bucket `total`) and, when `months` are given (they must tile the
   * period), for each of them (bucket `YYYY-MM`). One read-only REPEATABLE READ transaction, so
   * all figures are of the same snapshot.
   */
  private async count(
    municipality: string,
    period: ReportingPeriod,
    months: ReportingPeriod[],
  ): Promise<Map<string, StatisticsFigures>> {
    const buckets = new Map<string, StatisticsFigures>(
      [TOTAL, ...months.map((m) => m.label)].map((b) => [b, emptyFigures()]),
    );
    const at = (row: Row) => buckets.get(row.month ?? TOTAL);
    const byMonth = months.length > 0;
    const bounds = [municipality, period.start.toISOString(), period.end.toISOString()];

    await this.db.transaction('REPEATABLE READ', async (tx: EntityManager) => {
      await tx.query('SET TRANSACTION READ ONLY');

      // Consultations (= new persons): cases referred in the period, by programme.
      const byProgramme = grouping(byMonth, 'c.created_at', ['c.programme']);
      const programmes: (Row & { programme: string; count: number })[] = await tx.query(
        `SELECT ${byProgramme.month}, c.programme AS programme, count(*)::int AS count
           FROM cases c
          WHERE c.municipality = $1 AND c.created_at >= $2::timestamptz AND c.created_at < $3::timestamptz
          ${byProgramme.groupBy} ${byProgramme.orderBy}`,
        bounds,
      );
      for (const row of programmes) {
        const f = at(row);
        if (!f) continue;
        f.consultations.byProgramme[row.programme] =
          (f.consultations.byProgramme[row.programme] ?? 0) + row.count;
        f.consultations.total += row.count;
        f.persons.new += row.count;
      }

      // Referrals by referring agency, with the agency's name when the agencies table knows it.
      const byAgency = grouping(byMonth, 'c.created_at', ['c.referring_agency', 'a.name']);
      const agencies: (Row & { agency: string; agency_name: string | null; count: number })[] =
        await tx.query(
          `SELECT ${byAgency.month}, c.referring_agency AS agency, a.name AS agency_name,
                  count(*)::int AS count
             FROM cases c
             LEFT JOIN agencies a ON a.code = c.referring_agency AND a.municipality = c.municipality
            WHERE c.municipality = $1 AND c.created_at >= $2::timestamptz AND c.created_at < $3::timestamptz
            ${byAgency.groupBy} ${byAgency.orderBy}`,
          bounds,
        );
      for (const row of agencies) {
        at(row)?.referralsByAgency.push({
          agency: row.agency,
          agencyName: row.agency_name,
          count: row.count,
        });
      }

      // Meetings recorded in the period by kind and occasion, and those that found a community
      // issue (a non-blank community_issue; its text never leaves the database).
      const byMeeting = grouping(byMonth, 'm.recorded_at', ['m.kind', 'm.occasion']);
      const meetings: (Row & {
        kind: string;
        occasion: string;
        count: number;
        community_issues: number;
      })[] = await tx.query(
        `SELECT ${byMeeting.month}, m.kind AS kind, m.occasion AS occasion, count(*)::int AS count,
                (count(*) FILTER (WHERE btrim(m.community_issue, $4) <> ''))::int AS community_issues
           FROM meetings m
           JOIN cases c ON c.id = m.case_id
          WHERE c.municipality = $1 AND m.recorded_at >= $2::timestamptz AND m.recorded_at < $3::timestamptz
          ${byMeeting.groupBy} ${byMeeting.orderBy}`,
        [...bounds, BLANK],
      );
      for (const row of meetings) {
        const f = at(row);
        if (!f) continue;
        f.meetings.total += row.count;
        f.meetings.byKind[row.kind] = (f.meetings.byKind[row.kind] ?? 0) + row.count;
        f.meetings.byKindAndOccasion.push({
          kind: row.kind,
          occasion: row.occasion,
          count: row.count,
        });
        f.communityIssues += row.community_issues;
      }

      // Plans: version 1 is a plan created, a higher version a plan changed.
      const byPlan = grouping(byMonth, 'p.recorded_at', []);
      const plans: (Row & { created: number; changed: number })[] = await tx.query(
        `SELECT ${byPlan.month},
                (count(*) FILTER (WHERE p.version = 1))::int AS created,
                (count(*) FILTER (WHERE p.version > 1))::int AS changed
           FROM plans p
           JOIN cases c ON c.id = p.case_id
          WHERE c.municipality = $1 AND p.recorded_at >= $2::timestamptz AND p.recorded_at < $3::timestamptz
          ${byPlan.groupBy} ${byPlan.orderBy}`,
        bounds,
      );
      for (const row of plans) {
        const f = at(row);
        if (!f) continue;
        f.plans.created += row.created;
        f.plans.changed += row.changed;
      }

      // Closures and suspensions: case endings recorded in the period, by kind.
      const byEnding = grouping(byMonth, 'e.recorded_at', []);
      const endings: (Row & { closures: number; suspensions: number })[] = await tx.query(
        `SELECT ${byEnding.month},
                (count(*) FILTER (WHERE e.kind = 'closure'))::int AS closures,
                (count(*) FILTER (WHERE e.kind = 'suspension'))::int AS suspensions
           FROM case_endings e
           JOIN cases c ON c.id = e.case_id
          WHERE c.municipality = $1 AND e.recorded_at >= $2::timestamptz AND e.recorded_at < $3::timestamptz
          ${byEnding.groupBy} ${byEnding.orderBy}`,
        bounds,
      );
      for (const row of endings) {
        const f = at(row);
        if (!f) continue;
        f.endings.closures += row.closures;
        f.endings.suspensions += row.suspensions;
      }

      // Continuing persons: a stock, not a flow, so it is counted for each period on its own
      // (the year's is not the sum of its months). A case referred before the period start
      // continues when it was open at some moment of the period: it has no ending recorded before
      // the start, or it was reopened (timeline event `reopened`) after its last ending before
      // the start and before the period's end.
      const periods = [{ label: TOTAL, start: period.start, end: period.end }, ...months];
      const continuing: { label: string; continuing: number }[] = await tx.query(
        `SELECT p.label AS label, x.continuing AS continuing
           FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS p(label, starts_at, ends_at)
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS continuing
              FROM cases c
             WHERE c.municipality = $1
               AND c.created_at < p.starts_at
               AND (
                 NOT EXISTS (
                   SELECT 1 FROM case_endings e
                    WHERE e.case_id = c.id AND e.recorded_at < p.starts_at)
                 OR EXISTS (
                   SELECT 1 FROM case_timeline t
                    WHERE t.case_id = c.id AND t.event = 'reopened'
                      AND t.recorded_at < p.ends_at
                      AND t.recorded_at > (
                        SELECT max(e.recorded_at) FROM case_endings e
                         WHERE e.case_id = c.id AND e.recorded_at < p.starts_at))
               )
          ) x`,
        [
          municipality,
          periods.map((p) => p.label),
          periods.map((p) => p.start.toISOString()),
          periods.map((p) => p.end.toISOString()),
        ],
      );
      for (const row of continuing) {
        const f = buckets.get(row.label);
        if (f) f.persons.continuing = row.continuing;
      }
    });

    for (const f of buckets.values()) f.persons.total = f.persons.new + f.persons.continuing;
    return buckets;
  }
}

/** A period the domain cannot read is the caller's mistake: 400, naming the field. */
function readPeriod(parse: () => ReportingPeriod): ReportingPeriod {
  try {
    return parse();
  } catch (e) {
    if (e instanceof InvalidReportingPeriodError) throw new BadRequestException([e.message]);
    throw e;
  }
}

function periodView(p: ReportingPeriod): ReportingPeriodView {
  return {
    kind: p.kind,
    label: p.label,
    start: p.start.toISOString(),
    end: p.end.toISOString(),
    timeZone: REPORTING_TIME_ZONE,
  };
}

/** Zero for every figure, with every programme and meeting kind listed. */
function emptyFigures(): StatisticsFigures {
  return {
    consultations: {
      total: 0,
      byProgramme: Object.fromEntries(PROGRAMMES.map((p) => [p, 0])),
    },
    persons: { new: 0, continuing: 0, total: 0 },
    referralsByAgency: [],
    meetings: {
      total: 0,
      byKind: Object.fromEntries(MEETING_KINDS.map((k) => [k, 0])),
      byKindAndOccasion: [],
    },
    plans: { created: 0, changed: 0 },
    endings: { closures: 0, suspensions: 0 },
    communityIssues: 0,
  };
}
