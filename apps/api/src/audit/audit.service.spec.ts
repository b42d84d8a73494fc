import { ForbiddenException } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { AuditEntryEntity, CaseEntity } from '@sss/persistence';
import type { RequestContext } from '../auth/request-context';
import { AuditService } from './audit.service';

const ctx: RequestContext = {
  requestId: 'r1',
  actor: { id: 'u1', kind: 'person', roles: ['coordinator'], municipality: '142042' },
} as RequestContext;

/** An audit log whose insert resolves when the test says, or fails. */
function auditLog() {
  const rows: Partial<AuditEntryEntity>[] = [];
  let release!: (error?: Error) => void;
  const stored = new Promise<void>((resolve, reject) => {
    release = (error) => (error ? reject(error) : resolve());
  });
  const entries = {
    insert: async (row: Partial<AuditEntryEntity>) => {
      rows.push(row);
      await stored;
    },
  } as unknown as Repository<AuditEntryEntity>;
  return {
    rows,
    release,
    service: new AuditService(entries, {} as Repository<CaseEntity>),
  };
}

describe('AuditService.auditedRead', () => {
  it('answers what was read only once its audit row is stored', async () => {
    const log = auditLog();
    let answered = false;
    const reading = log.service
      .auditedRead(ctx, 'case.list', { allowed: true, reason: 'ok' }, async () => 'page')
      .then((page) => ((answered = true), page));
    await new Promise((r) => setTimeout(r, 20));
    expect(log.rows).toMatchObject([{ actorId: 'u1', action: 'case.list', outcome: 'allowed' }]);
    expect(answered).toBe(false);
    log.release();
    await expect(reading).resolves.toBe('page');
  });

  it('answers nothing when the audit row cannot be stored', async () => {
    const log = auditLog();
    const reading = log.service.auditedRead(
      ctx,
      'case.list',
      { allowed: true, reason: 'ok' },
      async () => 'page',
    );
    log.release(new Error('audit log down'));
    await expect(reading).rejects.toThrow('audit log down');
  });

  it('records a refusal and reads nothing', async () => {
    const log = auditLog();
    log.release();
    const read = jest.fn(async () => 'page');
    await expect(
      log.service.auditedRead(ctx, 'case.list', { allowed: false, reason: 'not a lister' }, read),
    ).rejects.toBeInstanceOf(ForbiddenException);
    expect(read).not.toHaveBeenCalled();
    expect(log.rows).toMatchObject([{ action: 'case.list', outcome: 'denied' }]);
  });
});
