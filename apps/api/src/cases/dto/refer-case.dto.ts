import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Field, FIELDS, ISSUE_TAGS, MUNICIPALITY_CODE, Programme, PROGRAMMES } from '@sss/domain';
import { BoundedInt } from '../../validation/bounds';
import { Text } from '../../validation/text';

export const RELATIONS = [
  'person',
  'father',
  'mother',
  'son',
  'daughter',
  'spouse',
  'sibling',
  'grandparent',
  'grandchild',
  'other',
];

/** A member of the household (personal data). */
export class HouseholdMemberDto {
  @ApiProperty() @Text({ max: 200 }) name!: string;

  @ApiProperty({ enum: RELATIONS, description: 'Relation to the person supported' })
  @IsIn(RELATIONS)
  relation!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 130 }) @IsOptional() @BoundedInt(0, 130) age?: number;

  @ApiPropertyOptional({ description: 'The person the support is for (本人)' })
  @IsOptional()
  @IsBoolean()
  isPerson?: boolean;
}

/** A referral (つなぎ) of a household to the coordinator. */
export class ReferCaseDto {
  @ApiProperty({
    description:
      'Case id chosen by the client (UUID). Sending the same referral again returns the same case.',
    format: 'uuid',
  })
  @IsUUID()
  id!: string;

  @ApiProperty({ description: 'Local government code (全国地方公共団体コード)', example: '142042' })
  @Matches(MUNICIPALITY_CODE, { message: 'municipality must be a 6-digit local government code' })
  municipality!: string;

  @ApiProperty({ enum: PROGRAMMES })
  @IsIn(PROGRAMMES)
  programme!: Programme;

  @ApiProperty({ enum: FIELDS, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(FIELDS, { each: true })
  fields!: Field[];

  @ApiProperty({ description: 'Code of the consultation agency that refers the case' })
  @Text({ max: 100 })
  referringAgency!: string;

  @ApiPropertyOptional({
    description: 'Codes of further agencies invited to the support meeting (支援会議)',
    isArray: true,
    type: String,
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @Text({ max: 100, each: true })
  supportMeetingAgencies?: string[];

  @ApiProperty({ description: 'Household name (personal data)' })
  @Text({ max: 200 })
  householdName!: string;

  @ApiPropertyOptional({ enum: ISSUE_TAGS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ISSUE_TAGS, { each: true })
  issueTags?: string[];

  @ApiPropertyOptional({
    description: 'Staff id of the coordinator; the referring user by default',
  })
  @IsOptional()
  @Matches(/^[\w.@:-]{1,200}$/, { message: 'assignedCoordinator must be a staff id' })
  assignedCoordinator?: string;

  @ApiPropertyOptional({ description: 'Address (personal data)' })
  @IsOptional()
  @Text({ max: 400, freeText: true })
  address?: string;

  @ApiPropertyOptional({ type: [HouseholdMemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HouseholdMemberDto)
  members?: HouseholdMemberDto[];

  @ApiPropertyOptional({ description: 'What the referring agency reports (personal data)' })
  @IsOptional()
  @Text({ max: 4000, freeText: true })
  summary?: string;
}
