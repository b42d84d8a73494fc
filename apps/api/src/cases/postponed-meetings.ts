import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Variables } from '@sss/domain';
import { MeetingEntity, TimelineEntryEntity } from '@sss/persistence';
import type { LiveProcess } from './case-process';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/**
 * A meeting that met and postponed its decision (継続審議). The released meeting definitions
 * loop back to scheduling without a recording step, so the API records it, as the process's
 * own step records a meeting held: a meeting row (counted in the statistics) and a `meeting.held`
 * timeline entry with outcome `postponed`. Its date and attendees are the meeting process's own,
 * as they stood before the step; the key is the completed task, so one outcome is one record.
 */
@Injectable()
export class PostponedMeetings {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(
    caseId: string,
    meeting: LiveProcess,
    taskId: string,
    data: Variables,
    by: string,
  ): Promise<void> {
    const vars = meeting.view.variables ?? {};
    const stepKey = `postponed/${createHash('sha256').update(`${meeting.workflowId}/${taskId}`).digest('hex').slice(0, 40)}`;
    const kind = String(vars.kind ?? '');
    const occasion = String(vars.occasion ?? '');
    const communityIssue = text(data.communityIssue);
    await this.db.transaction(async (tx) => {
      const values = { caseId, stepKey, recordedBy: by };
      await tx
        .createQueryBuilder()
        .insert()
        .into(MeetingEntity)
        .values({
          ...values,
          kind,
          occasion,
          outcome: 'postponed',
          scheduledAt: typeof vars.scheduledAt === 'string' ? new Date(vars.scheduledAt) : null,
          attendees: strings(vars.attendees),
          decision: text(data.decision),
          approvedPlanVersion: null,
          communityIssue,
        })
        .orIgnore()
        .execute();
      await tx
        .createQueryBuilder()
        .insert()
        .into(TimelineEntryEntity)
        .values({
          ...values,
          event: 'meeting.held',
          detail: {
            kind,
            occasion,
            outcome: 'postponed',
            approvedPlanVersion: null,
            communityIssueFound: communityIssue !== null,
          },
        } as never)
        .orIgnore()
        .execute();
    });
  }
}
