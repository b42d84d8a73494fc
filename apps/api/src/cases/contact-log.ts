import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CASE_ACTIONS, Variables } from '@sss/domain';
import { ContactEntity, TimelineEntryEntity } from '@sss/persistence';
import type { CaseProcessState } from './case-process';

/** The actions that log a contact with the person, or an attempt that failed. */
export const CONTACT_ACTIONS = ['contact', 'failed_attempt'] as const;
export type ContactAction = (typeof CONTACT_ACTIONS)[number];
export const isContactAction = (action: string): action is ContactAction =>
  (CONTACT_ACTIONS as readonly string[]).includes(action);

/**
 * Whether the case's process itself takes the contact: only while support runs does a process
 * watch contact (its clock is what detects lost contact), so only then is it sent there.
 */
export function processTakesContact(state: CaseProcessState, action: ContactAction): boolean {
  const { message } = CASE_ACTIONS[action];
  return state.processes.some((p) => p.view.waitingFor.some((w) => w.message === message));
}

/**
 * Contacts before support starts (consent, assessment, planning, meetings): nothing in the
 * process waits on them, yet they are the case's contact log all the same. They are written as
 * the process's own contact records are, in the same table and timeline, by the API.
 */
@Injectable()
export class ContactLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(caseId: string, action: ContactAction, data: Variables, by: string): Promise<void> {
    const stepKey = `api-contact/${randomUUID()}`;
    const channel = typeof data.contactChannel === 'string' ? data.contactChannel : null;
    const note = typeof data.contactNote === 'string' ? data.contactNote : null;
    await this.db.transaction(async (tx) => {
      await tx.insert(ContactEntity, {
        caseId,
        stepKey,
        recordedBy: by,
        kind: action,
        channel,
        note,
      });
      await tx.insert(TimelineEntryEntity, {
        caseId,
        stepKey,
        recordedBy: by,
        event: `contact.${action}`,
        detail: { channel } as object,
      });
    });
  }
}
