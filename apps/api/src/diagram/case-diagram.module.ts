import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseDiagramController } from './case-diagram.controller';
import { CaseDiagramService } from './case-diagram.service';

@Module({
  imports: [CasesModule],
  controllers: [CaseDiagramController],
  providers: [CaseDiagramService],
})
export class CaseDiagramModule {}
