import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ACTOR_ID, AGENCY_CODE } from '@sss/domain';
import { Text } from '../../validation/text';

/** Why a case changes hands: case data, kept in its timeline (never in Temporal). */
const REASON = { max: 1000, freeText: true } as const;

export class ReassignCaseDto {
  @ApiProperty({
    description: "The staff id of the coordinator to take the case, one of the municipality's",
    maxLength: 200,
  })
  @Matches(ACTOR_ID, { message: 'coordinator must be a staff id' })
  coordinator!: string;

  @ApiProperty({ description: 'Why the case changes coordinator', maxLength: REASON.max })
  @Text(REASON)
  reason!: string;
}

export class TransferCaseDto {
  @ApiProperty({
    description: "The agency code of the office (窓口) to take the case, one of the municipality's",
    maxLength: 100,
  })
  @Matches(AGENCY_CODE, { message: 'agency must be an agency code (see GET /v1/agencies)' })
  agency!: string;

  @ApiProperty({ description: 'Why the case moves to that office', maxLength: REASON.max })
  @Text(REASON)
  reason!: string;
}
