import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseNotesController } from './case-notes.controller';
import { CaseNotesService } from './case-notes.service';
import { NoteCipher } from './note-cipher';

/** Case notes (支援記録): written and read through the API, encrypted in PostgreSQL. */
@Module({
  imports: [CasesModule],
  controllers: [CaseNotesController],
  providers: [CaseNotesService, NoteCipher],
  exports: [NoteCipher],
})
export class CaseNotesModule {}
