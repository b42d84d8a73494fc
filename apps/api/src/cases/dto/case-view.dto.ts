import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STAGES, CaseStage, Field, FIELDS, Programme, PROGRAMMES } from '@sss/domain';

export class CaseWorkflowView {
  @ApiProperty() workflowId!: string;
  @ApiProperty({ description: 'Temporal execution status', example: 'RUNNING' })
  status!: string;
  @ApiPropertyOptional({ enum: CASE_STAGES, description: 'Stage reported live by the workflow' })
  stage?: CaseStage;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() municipality!: string;
  @ApiProperty({ enum: PROGRAMMES }) programme!: Programme;
  @ApiProperty({ enum: FIELDS, isArray: true }) fields!: Field[];
  @ApiProperty() referringAgency!: string;
  @ApiProperty() householdName!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty({ enum: CASE_STAGES, description: 'Stage as last recorded' }) stage!: CaseStage;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() consentGiven!: boolean;
  @ApiProperty({ type: [String] }) supportMeetingAgencies!: string[];
  @ApiProperty({ type: [String] }) planAgencies!: string[];
  @ApiProperty({ description: 'Id of the person who referred the case' }) createdBy!: string;
  @ApiProperty({ type: CaseWorkflowView }) workflow!: CaseWorkflowView;
}
