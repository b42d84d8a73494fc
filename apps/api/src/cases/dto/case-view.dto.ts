import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Field, FIELDS, Programme, PROGRAMMES } from '@sss/domain';
import { HouseholdMemberView } from '../../members/dto/household-member.dto';

export class OpenTaskView {
  @ApiProperty() elementId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The role that completes it' }) role!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() escalationLevel!: number;
}

export class CaseWorkflowView {
  @ApiProperty() workflowId!: string;
  @ApiProperty({ description: 'Temporal execution status', example: 'RUNNING' })
  status!: string;
  @ApiPropertyOptional({ description: 'Stage reported live by the process' })
  stage?: string;
  @ApiPropertyOptional({ description: 'The definition the process runs on (id@version)' })
  definition?: string;
  @ApiPropertyOptional({ type: [OpenTaskView], description: 'In the case and its meetings' })
  openTasks?: OpenTaskView[];
  @ApiPropertyOptional({ type: [String], description: 'Messages the case accepts now' })
  accepts?: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextDueAt?: string | null;
  @ApiPropertyOptional() overdue?: boolean;
  @ApiPropertyOptional() escalationLevel?: number;
}

export class TimelineEntryView {
  @ApiProperty() event!: string;
  @ApiProperty({ description: 'Codes and numbers only' }) detail!: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String }) recordedBy!: string | null;
  @ApiProperty() recordedAt!: Date;
}

export class MeetingView {
  @ApiProperty({ description: 'support_meeting, multilayer_meeting, field_meeting, …' })
  kind!: string;
  @ApiProperty({ description: 'information_sharing, plan_creation, plan_change, termination, …' })
  occasion!: string;
  @ApiProperty({ enum: ['to_schedule', 'scheduled', 'awaiting_outcome', 'held'] })
  status!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  scheduledAt!: string | null;
  @ApiProperty({ type: [String], description: 'Codes of the attending agencies' })
  attendees!: string[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    enum: ['agreed', 'not_agreed', 'postponed'],
  })
  outcome!: string | null;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() municipality!: string;
  @ApiProperty({ enum: PROGRAMMES }) programme!: Programme;
  @ApiProperty({ enum: FIELDS, isArray: true }) fields!: Field[];
  @ApiProperty({ type: [String] }) issueTags!: string[];
  @ApiProperty() referringAgency!: string;
  @ApiProperty() householdName!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty({ description: 'Where the case stands: live from its process, or how it ended' })
  stage!: string;
  @ApiProperty({ enum: ['open', 'closed', 'suspended'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) assignedCoordinator!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The office (agency code) the case was transferred to; null until a transfer',
  })
  responsibleAgency!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() consentGiven!: boolean;
  @ApiProperty({ type: [String] }) supportMeetingAgencies!: string[];
  @ApiProperty({ type: [String] }) planAgencies!: string[];
  @ApiProperty({ description: 'Id of the person who referred the case' }) createdBy!: string;
  @ApiProperty({ type: CaseWorkflowView }) workflow!: CaseWorkflowView;
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
  @ApiProperty({
    type: [MeetingView],
    description:
      'The meetings held (oldest first), then those running now, each with its date and attendees',
  })
  meetings!: MeetingView[];
  @ApiPropertyOptional({
    type: [HouseholdMemberView],
    description: 'The household members over time, ended ones with their `to` date',
  })
  members?: HouseholdMemberView[];
  @ApiPropertyOptional({
    description:
      'Set (with status 202) when the action was taken but the records its step writes are not written yet: a store is failing or slow, and they follow once it recovers',
  })
  recordsPending?: true;
}

export class StuckCaseDefinitionView {
  @ApiProperty() name!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The Temporal List Filter, for the Web UI' }) filter!: string;
}

export class CaseListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The household (personal data): for coordinators and managers, who list cases',
  })
  householdName?: string | null;
  @ApiProperty() programme!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) stage!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) nextDueAt!: string | null;
  @ApiProperty({ description: 'Temporal execution status' }) status!: string;
}

/** A page of the case list; the controller answers its items and puts the cursor in a header. */
export interface CaseListPage {
  items: CaseListItem[];
  nextCursor: string | null;
}
