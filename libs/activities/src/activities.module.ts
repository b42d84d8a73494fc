import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseEntity } from '@sss/persistence';
import type { NoticeActivities } from '@sss/workflows/process/notice-activities';
import { PROCESS_ACTIVITIES, ProcessActivities } from '@sss/workflows/process/process-activities';
import { NOTICE_CHANNELS, NoticeChannels } from './channels/notice-channel';
import { DeliveryOutbox } from './delivery-outbox';
import { CaseRecordsActivities } from './case-records.activities';
import { NoticesActivities } from './notices.activities';
import { ProcessSnapshotStore } from './process-snapshot-store';
import { StagedNotices } from './staged-notices';

@Module({})
export class ActivitiesModule {
  /** The activities, sending notices over the channels given (see channelsFor). */
  static withChannels(channels: NoticeChannels): DynamicModule {
    return {
      module: ActivitiesModule,
      imports: [TypeOrmModule.forFeature([CaseEntity])],
      providers: [
        { provide: NOTICE_CHANNELS, useValue: channels },
        DeliveryOutbox,
        CaseRecordsActivities,
        NoticesActivities,
        ProcessSnapshotStore,
        StagedNotices,
      ],
      exports: [CaseRecordsActivities, NoticesActivities, ProcessSnapshotStore, StagedNotices],
    };
  }
}

/**
 * The activities object the worker registers: plain functions bound to injectable services, so
 * activities get dependency injection while workflows see only functions.
 */
export function bindActivities(
  records: CaseRecordsActivities,
  notices: NoticesActivities,
): ProcessActivities & NoticeActivities {
  return {
    ...(Object.fromEntries(
      PROCESS_ACTIVITIES.map((name) => [name, records[name].bind(records)]),
    ) as ProcessActivities),
    deliverNotice: notices.deliverNotice.bind(notices),
    stageNotices: notices.stageNotices.bind(notices),
  };
}
