import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';

// Free-text fields hold personal data: they reach only encrypted payloads and the database.
const NOTE = 4000;
/** An ISO 8601 duration such as P1M or P2W (the engine checks it again). */
export const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

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

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class AssessmentDto {
  @ApiProperty() @IsString() @Length(1, NOTE) summary!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  needs?: string[];
}

export class PlanDto {
  @ApiProperty() @IsString() @Length(1, NOTE) goals!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(NOTE) direction?: string;

  @ApiProperty({ type: [String], description: 'Codes of the agencies the plan gives a role' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  agencies!: string[];

  @ApiPropertyOptional({ description: 'What each agency does' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE)
  roleNotes?: string;

  @ApiProperty({ example: 'P1M', description: 'When to monitor (ISO 8601 duration)' })
  @Matches(DURATION, { message: 'monitoringInterval must be an ISO 8601 duration such as P1M' })
  monitoringInterval!: string;

  @ApiProperty({ example: 'P2M', description: 'Longest time without contact before it is lost' })
  @Matches(DURATION, { message: 'contactInterval must be an ISO 8601 duration such as P2M' })
  contactInterval!: string;
}

export class ScheduleMeetingDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601() scheduledAt!: string;

  @ApiProperty({ type: [String], description: 'Codes of the attending agencies' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  attendees!: string[];
}

export class RescheduleMeetingDto {
  @ApiProperty({ format: 'date-time' }) @IsISO8601() scheduledAt!: string;
}

export class MeetingOutcomeDto {
  @ApiProperty({ enum: ['agreed', 'not_agreed', 'postponed'] })
  @IsIn(['agreed', 'not_agreed', 'postponed'])
  outcome!: 'agreed' | 'not_agreed' | 'postponed';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(NOTE) decision?: string;

  @ApiPropertyOptional({ description: 'The plan version the meeting approved' })
  @IsOptional()
  @IsInt()
  @Min(1)
  approvedPlanVersion?: number;

  @ApiPropertyOptional({ description: 'A missing social resource found (地域課題)' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE)
  communityIssue?: string;
}

export class PlanConsentDto {
  @ApiProperty({ description: 'Whether the person consents to the plan (プラン申込み)' })
  @IsBoolean()
  agreed!: boolean;
}

export class MonitoringDto {
  @ApiProperty() @IsString() @Length(1, NOTE) note!: string;

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

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class ContactEffortDto {
  @ApiProperty({
    enum: ['contacted', 'outreach', 'lost'],
    description: 'After contact was lost: reached again, outreach goes on, or lost for good',
  })
  @IsIn(['contacted', 'outreach', 'lost'])
  result!: 'contacted' | 'outreach' | 'lost';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class VisitDto {
  @ApiProperty({ enum: ['met', 'not_met', 'consent_given'] })
  @IsIn(['met', 'not_met', 'consent_given'])
  result!: 'met' | 'not_met' | 'consent_given';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class MatchDto {
  @ApiProperty({ description: 'The firm, group or place' })
  @IsString()
  @Length(1, 200)
  resource!: string;

  @ApiProperty({ enum: ['firm', 'group', 'place'] })
  @IsIn(['firm', 'group', 'place'])
  resourceKind!: 'firm' | 'group' | 'place';

  @ApiProperty({ example: 'P3M', description: 'How often to keep in touch after closure' })
  @Matches(DURATION, { message: 'followUpInterval must be an ISO 8601 duration such as P3M' })
  followUpInterval!: string;
}

export class SettlingDto {
  @ApiProperty({ description: 'Whether the tie to the resource is stable (then the case closes)' })
  @IsBoolean()
  tieStable!: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class FollowUpDto {
  @ApiProperty({ description: 'Whether the tie is still alive (otherwise match again)' })
  @IsBoolean()
  tieAlive!: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(1, NOTE) reason!: string;
}
