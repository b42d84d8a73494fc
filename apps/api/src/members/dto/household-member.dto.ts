import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { RELATIONS } from '../../cases/dto/refer-case.dto';
import { IsCalendarDate } from '../../validation/calendar-date';
import { BoundedInt } from '../../validation/bounds';
import { Text } from '../../validation/text';

/** A member who joins the household (personal data). */
export class AddHouseholdMemberDto {
  @ApiProperty({ maxLength: 200 }) @Text({ max: 200 }) name!: string;

  @ApiProperty({ enum: RELATIONS, description: 'Relation to the person supported' })
  @IsIn(RELATIONS)
  relation!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 130 }) @IsOptional() @BoundedInt(0, 130) age?: number;

  @ApiPropertyOptional({ description: 'The person the support is for (本人)' })
  @IsOptional()
  @IsBoolean()
  isPerson?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'The day they joined the household' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
}

/** What changes of a member; every field optional, the others stay. */
export class ChangeHouseholdMemberDto extends PartialType(AddHouseholdMemberDto) {
  @ApiPropertyOptional({ format: 'date', description: 'The day they left the household' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class EndHouseholdMemberDto {
  @ApiProperty({ format: 'date', description: 'The day they left the household' })
  @IsCalendarDate()
  to!: string;
}

export class HouseholdMemberView {
  @ApiProperty({ description: 'The member id' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: RELATIONS }) relation!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) age!: number | null;
  @ApiProperty() isPerson!: boolean;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) from!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) to!: string | null;
}
