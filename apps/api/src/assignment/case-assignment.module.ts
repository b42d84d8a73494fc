import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseNotesModule } from '../notes/case-notes.module';
import { CaseAssignmentController } from './case-assignment.controller';
import { CaseAssignmentService } from './case-assignment.service';

/** A case changing hands: to another coordinator, or to another office of the municipality. */
@Module({
  imports: [CasesModule, CaseNotesModule],
  controllers: [CaseAssignmentController],
  providers: [CaseAssignmentService],
})
export class CaseAssignmentModule {}
