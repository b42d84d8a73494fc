import { ApiProperty } from '@nestjs/swagger';

/** The period counted: half-open [start, end) on Japan's calendar. */
export class ReportingPeriodView {
  @ApiProperty({ enum: ['month', 'fiscal_year'] }) kind!: 'month' | 'fiscal_year';
  @ApiProperty({ example: '2026-04', description: 'YYYY-MM, or YYYY for a fiscal year' })
  label!: string;
  @ApiProperty({ example: '2026-03-31T15:00:00.000Z', description: 'First instant (inclusive)' })
  start!: string;
  @ApiProperty({ example: '2026-04-30T15:00:00.000Z', description: 'End (exclusive)' })
  end!: string;
  @ApiProperty({ example: 'Asia/Tokyo' }) timeZone!: string;
}

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class ConsultationFigures {
  @ApiProperty({ description: 'Cases referred (cases.created_at) in the period' })
  total!: number;
  @ApiProperty({ ...COUNTS, description: 'By programme; every programme is listed, zero or not' })
  byProgramme!: Record<string, number>;
}

export class PersonFigures {
  @ApiProperty({ description: 'Cases referred in the period' }) new!: number;
  @ApiProperty({
    description:
      'Cases referred before the period that were open at some moment of it (see docs/statistics.md)',
  })
  continuing!: number;
  @ApiProperty({ description: 'new + continuing' }) total!: number;
}

export class AgencyReferrals {
  @ApiProperty({ description: 'cases.referring_agency (the agency code)' }) agency!: string;
  @ApiProperty({ type: String, nullable: true, description: 'From the agencies table, if known' })
  agencyName!: string | null;
  @ApiProperty() count!: number;
}

export class MeetingGroup {
  @ApiProperty({ example: 'multilayer_meeting' }) kind!: string;
  @ApiProperty({ example: 'plan_creation' }) occasion!: string;
  @ApiProperty() count!: number;
}

export class MeetingFigures {
  @ApiProperty({ description: 'Meeting records recorded in the period' }) total!: number;
  @ApiProperty({ ...COUNTS, description: 'By kind; the four kinds are always listed' })
  byKind!: Record<string, number>;
  @ApiProperty({ type: [MeetingGroup], description: 'Non-zero (kind, occasion) pairs' })
  byKindAndOccasion!: MeetingGroup[];
}

export class PlanFigures {
  @ApiProperty({ description: 'Plan version 1 recorded in the period' }) created!: number;
  @ApiProperty({ description: 'Plan versions above 1 recorded in the period' }) changed!: number;
}

export class EndingFigures {
  @ApiProperty({ description: 'case_endings of kind closure (終結) in the period' })
  closures!: number;
  @ApiProperty({ description: 'case_endings of kind suspension (中断) in the period' })
  suspensions!: number;
}

export class StatisticsFigures {
  @ApiProperty({ type: ConsultationFigures }) consultations!: ConsultationFigures;
  @ApiProperty({ type: PersonFigures }) persons!: PersonFigures;
  @ApiProperty({ type: [AgencyReferrals], description: 'By referring agency, by agency code' })
  referralsByAgency!: AgencyReferrals[];
  @ApiProperty({ type: MeetingFigures }) meetings!: MeetingFigures;
  @ApiProperty({ type: PlanFigures }) plans!: PlanFigures;
  @ApiProperty({ type: EndingFigures }) endings!: EndingFigures;
  @ApiProperty({
    description: 'Meetings in the period that recorded a community issue (地域課題); a count only',
  })
  communityIssues!: number;
}

export class MonthlyStatisticsView {
  @ApiProperty({ example: '142042' }) municipality!: string;
  @ApiProperty({ type: ReportingPeriodView }) period!: ReportingPeriodView;
  @ApiProperty({ type: StatisticsFigures }) figures!: StatisticsFigures;
}

export class MonthStatisticsView {
  @ApiProperty({ type: ReportingPeriodView }) period!: ReportingPeriodView;
  @ApiProperty({ type: StatisticsFigures }) figures!: StatisticsFigures;
}

export class FiscalYearStatisticsView {
  @ApiProperty({ example: '142042' }) municipality!: string;
  @ApiProperty({ type: ReportingPeriodView }) period!: ReportingPeriodView;
  @ApiProperty({
    type: StatisticsFigures,
    description:
      'The whole year. Flow figures are the sum of the months; continuing persons is the year’s own figure',
  })
  figures!: StatisticsFigures;
  @ApiProperty({ type: [MonthStatisticsView], description: 'April to March, 12 entries' })
  months!: MonthStatisticsView[];
}
