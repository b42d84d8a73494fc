import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import { mayReadNotes, mayWriteNote } from '@sss/domain';
import { CaseNoteEntity, TimelineEntryEntity } from '@sss/persistence';
import type { RequestContext } from '../auth/request-context';
import { CasesService } from '../cases/cases.service';
import type { CaseNotePage, CaseNoteView } from './dto/case-note.dto';
import { NoteCipher } from './note-cipher';

/**
 * Case notes are written by the API straight into PostgreSQL, never through the case's process:
 * their text is in no Temporal history. The timeline shows that a note was written, by whom and
 * when, never its text.
 */
@Injectable()
export class CaseNotesService {
  constructor(
    private readonly cases: CasesService,
    private readonly cipher: NoteCipher,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async write(ctx: RequestContext, caseId: string, text: string): Promise<CaseNoteView> {
    const row = await this.cases.scoped(ctx, caseId, 'case.notes.write', (stored) =>
      mayWriteNote(ctx.actor, stored),
    );
    const note = await this.db.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(CaseNoteEntity, {
          caseId,
          sealed: this.cipher.seal(row.municipality, caseId, text),
          writtenBy: ctx.actor.id,
        }),
      );
      await tx.insert(TimelineEntryEntity, {
        caseId,
        stepKey: `note/${randomUUID()}`,
        recordedBy: ctx.actor.id,
        event: 'note.written',
        detail: { noteId: saved.id },
      });
      return saved;
    });
    return { id: note.id, text, writtenBy: note.writtenBy, writtenAt: note.writtenAt };
  }

  async page(
    ctx: RequestContext,
    caseId: string,
    query: { before?: number; limit: number },
  ): Promise<CaseNotePage> {
    const { row, read: rows } = await this.cases.scopedRead(
      ctx,
      caseId,
      'case.notes.read',
      (stored) => mayReadNotes(ctx.actor, stored),
      () =>
        this.db.getRepository(CaseNoteEntity).find({
          where: { caseId, ...(query.before ? { id: LessThan(String(query.before)) } : {}) },
          order: { id: 'DESC' },
          take: query.limit,
        }),
    );
    return {
      notes: rows.map((n) => ({
        id: n.id,
        text: this.cipher.open(row.municipality, caseId, n.sealed),
        writtenBy: n.writtenBy,
        writtenAt: n.writtenAt,
      })),
      next: rows.length === query.limit ? rows[rows.length - 1].id : null,
    };
  }
}
