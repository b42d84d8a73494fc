import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
} from 'class-validator';
import { DATE_TIME_RULE } from '@sss/domain';
import { BoundedInt, IsDuration, IsMeetingTime, PG_INT_MAX } from '../../validation/bounds';
import { Text } from '../../validation/text';

// Free-text fields hold personal data: they reach only encrypted payloads and the database.
const NOTE = { max: 4000, freeText: true } as const;
/** Agency codes, as the records' `varchar(100)` columns hold them; a meeting has at most this many. */
const AGENCY_CODES = { max: 100, each: true } as const;
const MOST_AGENCIES = 50;
const MEETING_TIME = {
  format: 'date-time',
  example: '2027-04-01T10:00:00+09:00',
  description: `When the meeting is held: ${DATE_TIME_RULE}, in the future`,
} as const;

export class ConsentDto {
  @ApiProperty({ enum: ['given', 'refused', 'not_yet'] })
  @IsIn(['given', 'refused', 'not_yet'])
  status!: 'given' | 'refused' | 'not_yet';

  @ApiPropertyOptional({
    enum: ['support_meeting', 'field_meeting'],
    description:
      'Without consent on the first approach: the support meeting (Art. 106-6) or the field meeting that fits the household',
  })
  @IsOptional()
  @IsIn(['support_meeting', 'field_meeting'])
  meeting?: 'support_meeting' | 'field_meeting';

  @ApiPropertyOptional() @IsOptional() @Text(NOTE) note?: string;
}

export class AssessmentDto {
  @ApiProperty() @Text(NOTE) summary!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Text({ max: 200, each: true })
  needs?: string[];
}

export class PlanDto {
  @ApiProperty() @Text(NOTE) goals!: string;
  @ApiPropertyOptional() @IsOptional() @Text(NOTE) direction?: string;

  @ApiProperty({ type: [String], description: 'Codes of the agencies the plan gives a role' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(MOST_AGENCIES)
  @Text(AGENCY_CODES)
  agencies!: string[];

  @ApiPropertyOptional({ description: 'What each agency does' })
  @IsOptional()
  @Text(NOTE)
  roleNotes?: string;

  @ApiProperty({ example: 'P1M', description: 'When to monitor (ISO 8601 duration)' })
  @IsDuration('P1M')
  monitoringInterval!: string;

  @ApiProperty({ example: 'P2M', description: 'Longest time without contact before it is lost' })
  @IsDuration('P2M')
  contactInterval!: string;
}

export class ScheduleMeetingDto {
  @ApiProperty(MEETING_TIME) @IsMeetingTime() scheduledAt!: string;

  @ApiProperty({ type: [String], description: 'Codes of the attending agencies' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(MOST_AGENCIES)
  @Text(AGENCY_CODES)
  attendees!: string[];
}

export class RescheduleMeetingDto {
  @ApiProperty(MEETING_TIME) @IsMeetingTime() scheduledAt!: string;
}

export class MeetingOutcomeDto {
  @ApiProperty({ enum: ['agreed', 'not_agreed', 'postponed'] })
  @IsIn(['agreed', 'not_agreed', 'postponed'])
  outcome!: 'agreed' | 'not_agreed' | 'postponed';

  @ApiPropertyOptional() @IsOptional() @Text(NOTE) decision?: string;

  @ApiPropertyOptional({
    description: 'The plan version the meeting approved',
    minimum: 1,
    maximum: PG_INT_MAX,
  })
  @IsOptional()
  @BoundedInt(1, PG_INT_MAX)
  approvedPlanVersion?: number;

  @ApiPropertyOptional({ description: 'A missing social resource found (地域課題)' })
  @IsOptional()
  @Text(NOTE)
  communityIssue?: string;
}

export class PlanConsentDto {
  @ApiProperty({ description: 'Whether the person consents to the plan (プラン申込み)' })
  @IsBoolean()
  agreed!: boolean;
}

export class MonitoringDto {
  @ApiProperty() @Text(NOTE) note!: string;

  @ApiProperty({ enum: ['continue', 'replan', 'terminate', 'suspend'] })
  @IsIn(['continue', 'replan', 'terminate', 'suspend'])
  next!: 'continue' | 'replan' | 'terminate' | 'suspend';
}

export const CONTACT_CHANNELS = ['visit', 'phone', 'office', 'letter', 'online', 'other'] as const;

export class ContactDto {
  @ApiProperty({ enum: ['contact', 'failed_attempt'] })
  @IsIn(['contact', 'failed_attempt'])
  kind!: 'contact' | 'failed_attempt';

  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel!: (typeof CONTACT_CHANNELS)[number];

  @ApiPropertyOptional() @IsOptional() @Text(NOTE) note?: string;
}

export class ContactEffortDto {
  @ApiProperty({
    enum: ['contacted', 'outreach', 'lost'],
    description: 'After contact was lost: reached again, outreach goes on, or lost for good',
  })
  @IsIn(['contacted', 'outreach', 'lost'])
  result!: 'contacted' | 'outreach' | 'lost';

  @ApiPropertyOptional() @IsOptional() @Text(NOTE) note?: string;
}

export class VisitDto {
  @ApiProperty({ enum: ['met', 'not_met', 'consent_given'] })
  @IsIn(['met', 'not_met', 'consent_given'])
  result!: 'met' | 'not_met' | 'consent_given';

  @ApiPropertyOptional() @IsOptional() @Text(NOTE) note?: string;
}

export class MatchDto {
  @ApiProperty({ description: 'The firm, group or place' })
  @Text({ max: 200 })
  resource!: string;

  @ApiProperty({ enum: ['firm', 'group', 'place'] })
  @IsIn(['firm', 'group', 'place'])
  resourceKind!: 'firm' | 'group' | 'place';

  @ApiProperty({ example: 'P3M', description: 'How often to keep in touch after closure' })
  @IsDuration('P3M')
  followUpInterval!: string;
}

export class SettlingDto {
  @ApiProperty({ description: 'Whether the tie to the resource is stable (then the case closes)' })
  @IsBoolean()
  tieStable!: boolean;

  @ApiPropertyOptional() @IsOptional() @Text(NOTE) note?: string;
}

export class FollowUpDto {
  @ApiProperty({ description: 'Whether the tie is still alive (otherwise match again)' })
  @IsBoolean()
  tieAlive!: boolean;

  @ApiPropertyOptional() @IsOptional() @Text(NOTE) note?: string;
}

export class ReasonDto {
  @ApiProperty() @Text(NOTE) reason!: string;
}
