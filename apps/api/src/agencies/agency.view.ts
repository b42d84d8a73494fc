import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENCY_FIELDS } from '@sss/domain';

/** An agency of the municipality, as referrals, plans and meetings name it by its code. */
export class AgencyView {
  @ApiProperty({ example: 'houkatsu-kamakura', maxLength: 100 }) code!: string;
  @ApiProperty({ example: '地域包括支援センター 鎌倉市社会福祉協議会', maxLength: 200 })
  name!: string;
  @ApiProperty({ enum: AGENCY_FIELDS, description: 'The field the agency serves' }) field!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '0467-61-2600' })
  phone!: string | null;
}
