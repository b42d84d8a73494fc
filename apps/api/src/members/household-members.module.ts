import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { HouseholdMembersController } from './household-members.controller';
import { HouseholdMembersService } from './household-members.service';

/** The household's members over time (世帯の構成員). */
@Module({
  imports: [CasesModule],
  controllers: [HouseholdMembersController],
  providers: [HouseholdMembersService],
})
export class HouseholdMembersModule {}
