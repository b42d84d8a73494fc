import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One audit row as auditors read it: who, what, which case, when, the outcome and request id. */
export class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty() actorId!: string;
  @ApiProperty({ enum: ['person', 'service'] }) actorKind!: string;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ description: "The actor's municipality" }) municipality!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) caseMunicipality!: string | null;
  @ApiProperty({ example: 'case.read' }) action!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ enum: ['allowed', 'denied'] }) outcome!: string;
  @ApiProperty({ description: 'The id the server gave the request (its x-request-id header)' })
  requestId!: string;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEntryView] }) entries!: AuditEntryView[];
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Pass as `before` for the next page; null on the last one',
  })
  next!: number | null;
}
