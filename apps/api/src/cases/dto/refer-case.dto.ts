import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { Field, FIELDS, Programme, PROGRAMMES } from '@sss/domain';

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
  @Matches(/^\d{6}$/, { message: 'municipality must be a 6-digit local government code' })
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
  @IsString()
  @Length(1, 100)
  referringAgency!: string;

  @ApiPropertyOptional({
    description: 'Codes of further agencies invited to the support meeting (支援会議)',
    isArray: true,
    type: String,
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  supportMeetingAgencies?: string[];

  @ApiProperty({ description: 'Household name (personal data)' })
  @IsString()
  @Length(1, 200)
  householdName!: string;

  @ApiPropertyOptional({ description: 'What the referring agency reports (personal data)' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  summary?: string;
}
