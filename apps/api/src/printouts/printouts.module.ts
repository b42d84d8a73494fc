import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PrintoutsController } from './printouts.controller';
import { PrintoutsService } from './printouts.service';

/** Case papers to print: the plan for the person's signature, a summary for a meeting. */
@Module({
  imports: [CasesModule],
  controllers: [PrintoutsController],
  providers: [PrintoutsService],
})
export class PrintoutsModule {}
