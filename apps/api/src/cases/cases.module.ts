import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  CaseEntity,
  HouseholdMemberEntity,
  MeetingEntity,
  TimelineEntryEntity,
} from '@sss/persistence';
import { CaseProcess } from './case-process';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { ContactLog } from './contact-log';
import { PostponedMeetings } from './postponed-meetings';
import { StoredTasks } from './stored-tasks';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      CaseEntity,
      TimelineEntryEntity,
      MeetingEntity,
      HouseholdMemberEntity,
    ]),
  ],
  controllers: [CasesController],
  providers: [CasesService, CaseProcess, ContactLog, PostponedMeetings, StoredTasks],
  exports: [CasesService, CaseProcess],
})
export class CasesModule {}
